package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMMessage.IMMsgDataAck;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.gateway.server.GatewayServer;
import dev.switchboard.store.GatewayInfo;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole company logs in at once while its colleagues chat, and nobody online misses a message: the scene of the
 * morning login storm in which Switchboard once skipped live deliveries (the gateways' leases, travelling through
 * {@code im.presence} behind thousands of ONLINE events, looked expired to route-service). Two gateways of its own with
 * a lease of 1 s (so presence-service's backlog outlasts a lease many times over), 60 users chatting across them
 * (users 620-679), 1,400 users logging in 32 at a time (users 1000-2399), each greeted by a colleague on the other
 * gateway the instant their login is answered, and receiving the ongoing chat too. Every acknowledged message must be
 * delivered live; neither gateway may skip a delivery or answer a login before presence holds it.
 */
class LoginStormTest {

    private static final int FIRST_BASE = 620;
    private static final int BASE = 60;
    private static final int FIRST_STORM = 1000;
    private static final int STORM = 1400;
    private static final int LOGIN_THREADS = 32;
    private static final long CHAT_INTERVAL_MICROS = 4_000; // 250 messages per second besides the greetings
    private final Cluster cluster = Cluster.get();
    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    private final List<TeamTalkClient> clients = new CopyOnWriteArrayList<>();
    private final Received received = new Received();
    /** "{recipient}:{text}" of every message the server acknowledged. */
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger unacknowledged = new AtomicInteger();

    @AfterEach
    void stop() {
        clients.forEach(TeamTalkClient::close);
        gateways.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void everyMessageToAnOnlineUserIsDeliveredLiveWhileThousandsLogIn() throws Exception {
        for (String id : List.of("gw-storm-a", "gw-storm-b")) {
            gateways.add(cluster.startGateway(id, Map.of("switchboard.gateway.lease-interval", "250ms",
                    "switchboard.gateway.lease-duration", "1s",
                    "switchboard.gateway.messages-per-second", "1000")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.presenceReader()
                .liveGateways(System.currentTimeMillis()).toCompletableFuture().join().stream()
                .map(GatewayInfo::gatewayId).toList().containsAll(List.of("gw-storm-a", "gw-storm-b")));
        double released = cluster.presence.getBean(MeterRegistry.class).counter("im.presence.gateways.released",
                "reason", "lease_expired").count();
        // online users by the gateway (0, 1) they are on: who may be written to
        List<List<Online>> online = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        List<List<Online>> base = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < BASE; i++) {
            Online user = login(FIRST_BASE + i, i % 2);
            base.get(i % 2).add(user);
            online.get(i % 2).add(user);
        }

        AtomicBoolean chatting = new AtomicBoolean(true);
        CompletableFuture<Void> chat = CompletableFuture.runAsync(() -> {
            long next = System.nanoTime();
            for (long k = 0; chatting.get(); k++) {
                int from = (int) (k % 2);
                Online sender = base.get(from).get((int) (k / 2 % base.get(from).size()));
                List<Online> others = online.get(1 - from);
                Online recipient = others.get(ThreadLocalRandom.current().nextInt(others.size()));
                send(sender, recipient, "chat " + k);
                next += TimeUnit.MICROSECONDS.toNanos(CHAT_INTERVAL_MICROS);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        });

        ExecutorService storm = Executors.newFixedThreadPool(LOGIN_THREADS);
        try {
            List<CompletableFuture<Void>> logins = new ArrayList<>();
            for (int i = 0; i < STORM; i++) {
                int userId = FIRST_STORM + i;
                int gateway = i % 2;
                logins.add(CompletableFuture.runAsync(() -> {
                    Online user = login(userId, gateway);
                    // the instant the login is answered, a colleague on the other gateway says hello
                    List<Online> colleagues = base.get(1 - gateway);
                    send(colleagues.get(userId % colleagues.size()), user, "hello " + userId);
                    online.get(gateway).add(user);
                }, storm));
            }
            CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } finally {
            storm.shutdownNow();
        }
        // the chat goes on for a while to the users who just logged in
        long chatUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() >= chatUntil);
        chatting.set(false);
        chat.get(30, TimeUnit.SECONDS);

        await("every acknowledgement").atMost(Duration.ofSeconds(30)).until(() ->
                acknowledged.size() + unacknowledged.get() >= sent.get());
        List<String> lost = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.stream().allMatch(this::delivered));
        } catch (ConditionTimeoutException e) {
            acknowledged.stream().filter(key -> !delivered(key)).limit(20).forEach(lost::add);
        }
        assertThat(lost).as("acknowledged, never delivered to the online recipient (of %d)", acknowledged.size())
                .isEmpty();
        assertThat(unacknowledged.get()).as("messages the server did not acknowledge").isZero();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(STORM);
        for (ConfigurableApplicationContext gateway : gateways) {
            MeterRegistry meters = gateway.getBean(MeterRegistry.class);
            assertThat(meters.get("im.gateway.deliveries.skipped").counters()).allMatch(c -> c.count() == 0);
            assertThat(meters.get("im.gateway.logins.unconfirmed").counter().count()).isZero();
        }
        assertThat(cluster.presence.getBean(MeterRegistry.class).counter("im.presence.gateways.released",
                "reason", "lease_expired").count()).as("live gateways purged").isEqualTo(released);
    }

    private boolean delivered(String key) {
        int colon = key.indexOf(':');
        return received.contains(Integer.parseInt(key.substring(0, colon)), key.substring(colon + 1));
    }

    /** A client of demo user {@code userId} logged in on this test's gateway {@code gateway} (0 or 1). */
    private Online login(int userId, int gateway) {
        TeamTalkClient client = TeamTalkClient.connect("127.0.0.1",
                gateways.get(gateway).getBean(GatewayServer.class).port());
        clients.add(client);
        received.watch(client, userId);
        TestClients.assertLogsIn(client, "user" + userId, ClientType.CLIENT_TYPE_ANDROID);
        return new Online(userId, client);
    }

    /** Sends {@code text}; once the server acknowledges it, it must reach {@code to}. */
    private void send(Online from, Online to, String text) {
        sent.incrementAndGet();
        CompletableFuture<IMMsgDataAck> ack = from.client().sendTextAsync(to.userId(), text);
        ack.orTimeout(20, TimeUnit.SECONDS).whenComplete((answer, error) -> {
            if (error == null) {
                acknowledged.add(to.userId() + ":" + text);
            } else {
                unacknowledged.incrementAndGet();
            }
        });
    }

    private record Online(int userId, TeamTalkClient client) {
    }
}
