package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code p2p}: users spread over the gateways send 1:1 messages to random users on another gateway, at a fixed rate
 * after a warmup, or with {@code --max} in steps of rising rate until the server stops keeping up.
 */
final class P2pScenario implements Scenario {

    @Override
    public String name() {
        return "p2p";
    }

    @Override
    public String summary() {
        return "1:1 messages between random users on different gateways: fixed --rate, or --max to find saturation";
    }

    @Override
    public Options options() {
        return Context.clientType(new Options(name(), """
                1:1 messages: --users spread round-robin over --gateways, each message from the next user (in a
                shuffled order, so every connection sends rate/users per second) to a random user on another
                gateway. Open loop: message k is due at start + k/rate, and its ack and delivery latencies count
                from then. --max steps the rate up (x --step-factor every --step, draining between steps) until
                fewer than 95% of the offered messages are acknowledged or delivered within the step, ack or
                delivery p99 exceeds 1 s, or a message is lost; it reports the highest sustained step.""")
                .option("users", "2000", "connections, one user each")
                .option("gateways", "2", "gateways of the local cluster (with --servers: the servers given)")
                .option("rate", "2000", "messages per second (with --max: the first step's)")
                .option("duration", "30s", "how long the measured window sends")
                .option("warmup", "5s", "sending before the measured window")
                .flag("max", "step the rate up to find the highest sustained one")
                .option("step", "10s", "with --max: how long each step sends")
                .option("step-factor", "1.5", "with --max: rate multiplier per step"), "pc");
    }

    @Override
    public Map<String, Object> run(Options options, Context context) {
        int users = options.integer("users", 2, 10_000_000);
        int gateways = context.gateways(options.integer("gateways", 1, 64));
        double rate = options.number("rate", 0.1);
        context.requireCapacity(rate, users);
        MessagingRun.Stepping stepping = options.flag("max") ? new MessagingRun.Stepping(options.duration("step"),
                options.number("step-factor", 1.01)) : null;
        Target.Request request = new Target.Request("cluster", gateways, users, "", List.of(), context.rateCap());
        return new MessagingRun(context, context.directory, "p2p: " + users + " users, " + gateways + " gateways")
                .run(request, false, rate, options.duration("warmup"), options.duration("duration"), stepping,
                        connections -> load(connections, context))
                .summary();
    }

    /**
     * Senders in a shuffled round-robin order; each message to a random connection on another gateway (any other
     * connection when there is only one gateway).
     */
    static MessagingRun.Load load(List<BenchConnection> connections, Context context) {
        MessageTable table = new MessageTable(1);
        int gatewayCount = connections.stream().mapToInt(connection -> connection.plan().gateway()).max().orElse(0) + 1;
        List<List<BenchConnection>> byGateway = new ArrayList<>();
        for (int i = 0; i < gatewayCount; i++) {
            byGateway.add(new ArrayList<>());
        }
        connections.forEach(connection -> byGateway.get(connection.plan().gateway()).add(connection));
        List<Integer> withUsers = new ArrayList<>();
        for (int i = 0; i < gatewayCount; i++) {
            if (!byGateway.get(i).isEmpty()) {
                withUsers.add(i);
            }
        }
        if (withUsers.size() < 2) {
            context.out.println("warning: one gateway only: messages cannot cross gateways");
        }
        List<BenchConnection> senders = new ArrayList<>(connections);
        Random random = new Random(42);
        Collections.shuffle(senders, random);
        long[] next = {0};
        Traffic.Source source = intended -> {
            BenchConnection from = senders.get((int) (next[0]++ % senders.size()));
            BenchConnection to;
            if (withUsers.size() < 2) {
                do {
                    to = connections.get(random.nextInt(connections.size()));
                } while (to == from);
            } else {
                int gateway;
                do {
                    gateway = withUsers.get(random.nextInt(withUsers.size()));
                } while (gateway == from.plan().gateway());
                List<BenchConnection> candidates = byGateway.get(gateway);
                to = candidates.get(random.nextInt(candidates.size()));
            }
            long index = table.allocate();
            int toId = to.userId();
            from.execute(() -> from.send(toId, false, index, intended));
        };
        return new MessagingRun.Load(table, source, 1);
    }
}
