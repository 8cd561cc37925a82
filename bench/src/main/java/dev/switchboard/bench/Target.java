package dev.switchboard.bench;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The TeamTalk servers a run drives: a Switchboard cluster the bench started ({@link LocalTarget}) or any
 * TeamTalk-compatible msg_servers given by address ({@link ExternalTarget}).
 */
interface Target extends AutoCloseable {

    /** Each gateway's (msg_server's) client address; a scenario spreads its users over them. */
    List<InetSocketAddress> gateways();

    /** The name of the user in {@code slot} (0-based): {@code user1} for slot 0 with the default pattern. */
    String userName(int slot);

    String password();

    /** Switchboard's metrics and processes: present only for a cluster the bench started. */
    Optional<ClusterProbe> probe();

    /** One line for the report: what was driven. */
    String describe();

    /** Stops what the target started (nothing for external servers). */
    @Override
    void close();

    /**
     * What a scenario needs of a cluster.
     *
     * @param label             names the run's cluster (its home directory under the out directory)
     * @param gateways          how many gateways
     * @param users             how many users (demo users seeded for a local cluster)
     * @param routeMode         route-service mode ({@code targeted}, {@code broadcast}) or empty for its default
     * @param gatewayJvmOptions extra JVM options of the gateways (heap for many connections)
     * @param ratePerConnection the per-connection message rate cap the gateways must allow
     */
    record Request(String label, int gateways, int users, String routeMode, List<String> gatewayJvmOptions,
                   int ratePerConnection) {
    }

    /** Opens the target a scenario asks for. */
    @FunctionalInterface
    interface Factory {
        Target open(Request request);
    }
}
