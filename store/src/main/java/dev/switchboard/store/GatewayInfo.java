package dev.switchboard.store;

/**
 * A registered gateway as its last lease renewal described it.
 *
 * @param expiresAtMillis when the lease runs out unless renewed
 */
public record GatewayInfo(String gatewayId, String host, String backupHost, int port, int connections,
                          int maxConnections, long expiresAtMillis) {

    public boolean full() {
        return maxConnections > 0 && connections >= maxConnections;
    }
}
