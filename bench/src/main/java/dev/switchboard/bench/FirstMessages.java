package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code login-storm}'s reachability check: the moment a user's login answer (result 0) arrives, an online user on
 * another gateway sends it a 1:1 message, from the login callback itself (the new user's event loop), its latencies
 * counting from that moment. A user's own client needs nothing more than its IMLoginRes to be reachable, so each of
 * these messages must be delivered live. The senders for a gateway's users take turns, so a storm spreads over every
 * sender evenly and each stays under the per-connection message cap.
 */
final class FirstMessages {

    private final MessageTable table;
    private final MessageTable.Subset sent;
    /** By the recipient's gateway: the senders on other gateways (all of them when there is one gateway). */
    private final List<List<BenchConnection>> senders = new ArrayList<>();
    private final AtomicLongArray turns;

    /**
     * @param online   the users that send, all logged in
     * @param gateways how many gateways the target has
     */
    FirstMessages(MessageTable table, List<BenchConnection> online, int gateways) {
        this.table = table;
        this.sent = table.subset();
        this.turns = new AtomicLongArray(gateways);
        Random random = new Random(7);
        for (int gateway = 0; gateway < gateways; gateway++) {
            int recipientGateway = gateway;
            List<BenchConnection> others = new ArrayList<>(online.stream()
                    .filter(connection -> connection.plan().gateway() != recipientGateway).toList());
            Collections.shuffle(others, random);
            senders.add(others.isEmpty() ? online : others);
        }
    }

    /** Sends {@code to}, just logged in, its first message; called on {@code to}'s event loop. */
    void send(BenchConnection to) {
        long intended = System.nanoTime();
        int gateway = to.plan().gateway();
        List<BenchConnection> candidates = senders.get(gateway);
        BenchConnection from = candidates.get((int) (turns.getAndIncrement(gateway) % candidates.size()));
        int toId = to.userId();
        long index = table.allocate();
        sent.add(index);
        from.execute(() -> from.send(toId, false, index, intended));
    }

    /** What became of the first messages sent so far. */
    MessageTable.Outcome outcome() {
        return sent.outcome();
    }
}
