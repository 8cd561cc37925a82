package dev.switchboard.gateway.server;

import dev.switchboard.gateway.GatewayProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many connections each source address holds on this gateway, bounded by
 * {@code max-connections-per-address}: one address cannot take the whole gateway. An address leaves the map with its
 * last connection, so the map holds only addresses that are connected. Local to the gateway, as a socket is.
 */
@Component
final class ConnectionsPerAddress {

    private final Map<String, Integer> connections = new ConcurrentHashMap<>();
    private final int max;

    @Autowired
    ConnectionsPerAddress(GatewayProperties properties) {
        this(properties.maxConnectionsPerAddress());
    }

    ConnectionsPerAddress(int max) {
        this.max = max;
    }

    /** Counts a new connection of {@code address}; false (and nothing counted) when the address is at the limit. */
    boolean tryAcquire(String address) {
        boolean[] acquired = {false};
        connections.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    /** Forgets a connection counted by {@link #tryAcquire}. */
    void release(String address) {
        connections.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** Connections the address holds (for tests and diagnostics). */
    int count(String address) {
        return connections.getOrDefault(address, 0);
    }

    /** How many addresses hold connections. */
    int addresses() {
        return connections.size();
    }
}
