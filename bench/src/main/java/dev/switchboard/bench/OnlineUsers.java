package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The logged-in connections by gateway, for picking 1:1 recipients on another gateway than the sender's. It grows
 * while it is read: {@code login-storm}'s users join from the event loops that answer their logins, the sending
 * thread picks recipients among everyone online so far.
 */
final class OnlineUsers {

    private final List<List<BenchConnection>> byGateway = new ArrayList<>();
    private final List<Integer> withUsers = new ArrayList<>();

    /** @param gateways how many gateways the target has ({@link Fleet.Planned#gateway()} is below it) */
    OnlineUsers(int gateways, List<BenchConnection> online) {
        for (int i = 0; i < gateways; i++) {
            byGateway.add(new ArrayList<>());
        }
        online.forEach(this::add);
    }

    synchronized void add(BenchConnection connection) {
        List<BenchConnection> gateway = byGateway.get(connection.plan().gateway());
        if (gateway.isEmpty()) {
            withUsers.add(connection.plan().gateway());
        }
        gateway.add(connection);
    }

    /**
     * A random connection on a random gateway other than {@code from}'s, or, when {@code from}'s is the only one with
     * users, any other connection.
     */
    synchronized BenchConnection recipient(BenchConnection from, Random random) {
        int home = from.plan().gateway();
        if (withUsers.size() < 2) {
            List<BenchConnection> everyone = byGateway.get(withUsers.get(0));
            BenchConnection to;
            do {
                to = everyone.get(random.nextInt(everyone.size()));
            } while (to == from && everyone.size() > 1);
            return to;
        }
        int gateway;
        do {
            gateway = withUsers.get(random.nextInt(withUsers.size()));
        } while (gateway == home);
        List<BenchConnection> candidates = byGateway.get(gateway);
        return candidates.get(random.nextInt(candidates.size()));
    }
}
