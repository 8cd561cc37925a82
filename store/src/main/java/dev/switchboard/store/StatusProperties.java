package dev.switchboard.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every service that reports user status shares ({@code switchboard.*}): msg-gateway answers status queries
 * and presence-service sends status notices, so both must read the same mode.
 *
 * @param statusMode how a user's status is derived from its connections ({@code teamtalk} or {@code accurate}, see
 *                   {@link StatusMode}); default {@code teamtalk}
 */
@ConfigurationProperties("switchboard")
public record StatusProperties(@DefaultValue("teamtalk") StatusMode statusMode) {
}
