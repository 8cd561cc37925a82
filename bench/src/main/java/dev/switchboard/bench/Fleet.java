package dev.switchboard.bench;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import dev.switchboard.client.PasswordDigest;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Every simulated client of a run: one shared Netty event loop group, one {@link BenchConnection} per user. Logs
 * them in at a fixed rate with a bounded number of logins under way, then hands them to a scenario.
 */
final class Fleet implements AutoCloseable {

    /**
     * One connection to open.
     *
     * @param userName user to log in as
     * @param gateway  index of the gateway (server) in the target's list
     * @param remote   the gateway's address
     * @param local    source address to bind ({@code 127.0.0.x:0}, past the 64k ports of one address), or null
     */
    record Planned(String userName, int gateway, InetSocketAddress remote, InetSocketAddress local) {
    }

    /**
     * How the ramp went.
     *
     * @param connections the logged-in connections, in plan order (failed ones left out)
     * @param failed      logins that failed, whatever the reason (counted in the stats' errors by kind)
     * @param seconds     from the first connect to the last answer
     * @param latencies   connect + login latency in microseconds
     * @param failures    the failed logins by kind ({@code login_timeout}, {@code login_rejected_6}, ...)
     */
    record Logins(List<BenchConnection> connections, long failed, double seconds, Histogram latencies,
                  Map<String, Long> failures) {
    }

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final Stats stats;
    private final ClientType clientType;
    private final List<BenchConnection> all = Collections.synchronizedList(new ArrayList<>());
    private volatile MessageTable table;
    final LongAdder loggedIn = new LongAdder();
    final LongAdder loginsFailed = new LongAdder();

    /**
     * @param threads    event loop threads; 0: one per core
     * @param clientType what every connection logs in as
     */
    Fleet(int threads, Stats stats, ClientType clientType) {
        this.stats = stats;
        this.clientType = clientType;
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bench", true),
                NioIoHandler.newFactory());
        bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    Stats stats() {
        return stats;
    }

    ClientType clientType() {
        return clientType;
    }

    MessageTable table() {
        return table;
    }

    /** The table that the messages from now on are recorded in. */
    void table(MessageTable messages) {
        table = messages;
    }

    /**
     * Connects and logs in every planned connection, starting {@code loginsPerSecond} per second with at most
     * {@code concurrency} under way, each given {@code timeout}; waits for all of them.
     */
    Logins login(List<Planned> plan, String password, double loginsPerSecond, int concurrency, Duration timeout) {
        return login(plan, password, loginsPerSecond, concurrency, timeout, connection -> { });
    }

    /**
     * Like {@link #login(List, String, double, int, Duration)}, handing each connection to {@code onLogin} the moment
     * its login answer (result 0) arrives, on the connection's event loop.
     */
    Logins login(List<Planned> plan, String password, double loginsPerSecond, int concurrency, Duration timeout,
                 Consumer<BenchConnection> onLogin) {
        String digest = PasswordDigest.md5Hex(password);
        Recorder latencies = new Recorder(Window.HIGHEST_MICROS, 3);
        Semaphore underWay = new Semaphore(concurrency);
        CountDownLatch answered = new CountDownLatch(plan.size());
        ConcurrentLinkedQueue<BenchConnection> ok = new ConcurrentLinkedQueue<>();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        double period = 1e9 / loginsPerSecond;
        long[] lastAnswer = {start};
        for (int i = 0; i < plan.size(); i++) {
            long intended = start + (long) (i * period);
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            underWay.acquireUninterruptibly();
            BenchConnection connection = new BenchConnection(this, plan.get(i));
            all.add(connection);
            connection.start(bootstrap, digest, timeout).whenComplete((done, error) -> {
                long now = System.nanoTime();
                underWay.release();
                try {
                    if (error == null) {
                        onLogin.accept(connection);
                        latencies.recordValue(Math.min(Window.HIGHEST_MICROS, connection.loginNanos(now) / 1000));
                        ok.add(connection);
                        loggedIn.increment();
                    } else {
                        String kind = error instanceof BenchFailure failure ? failure.kind() : "login_failed";
                        stats.error(kind);
                        failures.computeIfAbsent(kind, key -> new LongAdder()).increment();
                        loginsFailed.increment();
                    }
                    synchronized (lastAnswer) {
                        lastAnswer[0] = Math.max(lastAnswer[0], now);
                    }
                } finally {
                    answered.countDown();
                }
            });
        }
        try {
            answered.await(timeout.toMillis() + 15_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Set<BenchConnection> succeeded = Collections.newSetFromMap(new IdentityHashMap<>());
        succeeded.addAll(ok);
        List<BenchConnection> ordered = new ArrayList<>(plan.size());
        synchronized (all) {
            for (BenchConnection connection : all) {
                if (succeeded.contains(connection)) {
                    ordered.add(connection);
                }
            }
        }
        double seconds;
        synchronized (lastAnswer) {
            seconds = Math.max(1e-9, (lastAnswer[0] - start) / 1e9);
        }
        Map<String, Long> byKind = new TreeMap<>();
        failures.forEach((kind, count) -> byKind.put(kind, count.sum()));
        long unanswered = plan.size() - ordered.size() - byKind.values().stream().mapToLong(Long::longValue).sum();
        if (unanswered > 0) {
            byKind.put("unanswered", unanswered);
        }
        return new Logins(ordered, plan.size() - ordered.size(), seconds, latencies.getIntervalHistogram(), byKind);
    }

    /** Closes every connection (on purpose: no errors) and stops the event loops. */
    @Override
    public void close() {
        synchronized (all) {
            all.forEach(BenchConnection::close);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
