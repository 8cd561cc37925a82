package dev.switchboard.local;

import java.io.PrintStream;
import java.util.List;

/** The block {@code ./switchboard local} prints once everything is ready: what runs where and how to connect. */
final class Banner {

    private static final String ROW = "  %-18s %-8s %s%n";

    private Banner() {
    }

    static void print(LocalCluster cluster, PrintStream out) {
        out.println();
        out.println("Switchboard is running (local mode)");
        out.println();
        out.printf(ROW, "process", "pid", "endpoint");
        for (ServiceProcess service : cluster.serviceProcesses()) {
            out.printf(ROW, service.name(), service.pid(), service.spec().endpoint());
        }
        out.printf(ROW, "kafka", ProcessHandle.current().pid(), "bootstrap " + cluster.bootstrapServers()
                + " (in the launcher, " + Infrastructure.PARTITIONS + " partitions per topic)");
        String redisPid = cluster.infrastructure().redisPid().stream().mapToObj(Long::toString).findFirst().orElse("-");
        out.printf(ROW, "redis", redisPid, cluster.redisUrl());
        String postgresPid = cluster.infrastructure().postgresPid().stream().mapToObj(Long::toString).findFirst()
                .orElse("-");
        out.printf(ROW, "postgresql", postgresPid, withoutPassword(cluster.postgresUrl()));
        out.println();
        out.println("  logs:       " + cluster.logDirectory() + "/<process>.log");
        out.println("  demo users: " + demoUsers(cluster.options().demoUsers()));
        out.println();
        printConnect(cluster, out);
        out.println();
        out.println("  commands (type + Enter): status | kill NAME | stop NAME | start NAME | restart NAME | help");
        out.println("    e.g. kill gw-1 (SIGKILL, a crash), then start gw-1");
        out.println("  Ctrl-C stops everything.");
        out.println();
        out.flush();
    }

    /** The URL as it may be printed: a {@code password} parameter's value masked. */
    static String withoutPassword(String jdbcUrl) {
        return jdbcUrl.replaceAll("([?&]password=)[^&]*", "$1***");
    }

    static String demoUsers(int count) {
        if (count == 0) {
            return "none";
        }
        return (count == 1 ? "user1" : "user1 .. user" + count) + " (ids 1.." + count + "), password 123456";
    }

    private static void printConnect(LocalCluster cluster, PrintStream out) {
        List<Integer> ports = cluster.gatewayPorts();
        int second = ports.size() > 1 ? ports.get(1) : ports.get(0);
        out.println("  connect:");
        out.println("    ./switchboard cli user1" + (ports.get(0) == 8000 ? "" : " --port " + ports.get(0)));
        out.println("    ./switchboard cli user2 --port " + second);
        out.println("    curl " + ServicePlan.loginUri(cluster.httpPort()));
        out.println();
        out.println("  admin API (token " + cluster.adminToken() + "):");
        out.println("    curl -H 'Authorization: Bearer " + cluster.adminToken() + "' http://127.0.0.1:"
                + cluster.httpPort() + "/admin/users");
    }
}
