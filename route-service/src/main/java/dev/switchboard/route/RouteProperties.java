package dev.switchboard.route;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * route-service settings, {@code switchboard.route.*}.
 *
 * @param mode {@code targeted} (default): one delivery record per gateway that holds a recipient, and none elsewhere.
 *             {@code broadcast}: additionally an empty record to every other registered gateway but the origin, which is
 *             what TeamTalk's route_server does (every message to every msg_server); it exists only so the
 *             benchmark can measure what targeting saves, and delivers exactly what targeted mode delivers
 */
@ConfigurationProperties("switchboard.route")
public record RouteProperties(@DefaultValue("targeted") Mode mode) {

    /** How deliveries are spread over gateways. */
    public enum Mode {
        TARGETED,
        BROADCAST
    }
}
