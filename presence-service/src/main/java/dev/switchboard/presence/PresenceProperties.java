package dev.switchboard.presence;

import dev.switchboard.store.DevicePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * presence-service settings ({@code switchboard.presence.*}).
 *
 * @param demoUsers            seeds users {@code user1..userN} (ids 1..N, nick {@code nickN}, password {@code 123456})
 *                             and department 1 ("Demo") at startup when they do not exist; default 0 (none)
 * @param credentialIterations PBKDF2 iterations for credentials this service creates; default 20000
 * @param msfs                 TeamTalk message file server URL returned as msfsPrior/msfsBackup by
 *                             {@code GET /msg_server}; default {@code http://127.0.0.1:8700/}
 * @param discovery            TeamTalk discovery URL returned by {@code GET /msg_server};
 *                             default {@code http://127.0.0.1/api/discovery}
 * @param devicePolicy         how many connections a user may hold: {@code teamtalk} (one PC-class and one
 *                             mobile-class; a new login kicks the older one of its class), {@code single} (one of any
 *                             class) or {@code unlimited} (no kicks); see {@link DevicePolicy}; default
 *                             {@code teamtalk}
 * @param adminToken           the bearer token every {@code /admin/**} request must carry
 *                             ({@code Authorization: Bearer <token>}); default empty: the admin API is disabled and
 *                             answers 503. Never logged.
 */
@ConfigurationProperties("switchboard.presence")
public record PresenceProperties(@DefaultValue("0") int demoUsers,
                                 @DefaultValue("20000") int credentialIterations,
                                 @DefaultValue("http://127.0.0.1:8700/") String msfs,
                                 @DefaultValue("http://127.0.0.1/api/discovery") String discovery,
                                 @DefaultValue("teamtalk") DevicePolicy devicePolicy,
                                 @DefaultValue("") String adminToken) {

    /** Whether an admin token is configured. */
    public boolean adminEnabled() {
        return adminToken != null && !adminToken.isBlank();
    }

    @Override
    public String toString() {
        return "PresenceProperties[demoUsers=" + demoUsers + ", credentialIterations=" + credentialIterations
                + ", msfs=" + msfs + ", discovery=" + discovery + ", devicePolicy=" + devicePolicy + ", adminToken=" + (adminEnabled() ? "***" : "")
                + "]";
    }
}
