package dev.switchboard.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Optional;

/**
 * Any TeamTalk-compatible msg_servers ({@code --servers host:port,...}), users named by a pattern
 * ({@code --user-pattern user%d}, numbered from {@code --first-user}) with one password. Nothing is started or
 * stopped, and Switchboard's metrics are not available.
 */
final class ExternalTarget implements Target {

    private final List<InetSocketAddress> servers;
    private final String userPattern;
    private final int firstUser;
    private final String password;

    ExternalTarget(List<InetSocketAddress> servers, String userPattern, int firstUser, String password) {
        this.servers = List.copyOf(servers);
        this.userPattern = userPattern;
        this.firstUser = firstUser;
        this.password = password;
        try {
            String.format(userPattern, firstUser);
        } catch (IllegalFormatException e) {
            throw new IllegalArgumentException("--user-pattern: '" + userPattern + "' (expected: a name with one %d)");
        }
        if (!userPattern.contains("%d")) {
            throw new IllegalArgumentException("--user-pattern: '" + userPattern + "' (expected: a name with one %d)");
        }
    }

    /** Parses {@code host:port,host:port}. */
    static List<InetSocketAddress> parseServers(String servers) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String server : servers.split(",")) {
            String trimmed = server.trim();
            int colon = trimmed.lastIndexOf(':');
            try {
                if (colon <= 0) {
                    throw new NumberFormatException();
                }
                int port = Integer.parseInt(trimmed.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                addresses.add(InetSocketAddress.createUnresolved(trimmed.substring(0, colon), port));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--servers: '" + trimmed + "' (expected: host:port,host:port)");
            }
        }
        return addresses.stream().map(address -> new InetSocketAddress(address.getHostString(), address.getPort()))
                .toList();
    }

    @Override
    public List<InetSocketAddress> gateways() {
        return servers;
    }

    @Override
    public String userName(int slot) {
        return String.format(userPattern, firstUser + slot);
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public Optional<ClusterProbe> probe() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "external servers " + servers.stream().map(a -> a.getHostString() + ":" + a.getPort()).toList()
                + ", users " + userName(0) + "..";
    }

    @Override
    public void close() {
        // nothing started
    }
}
