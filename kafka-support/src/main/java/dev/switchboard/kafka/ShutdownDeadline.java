package dev.switchboard.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * Bounds how long a service takes to stop: once the JVM is shutting down (SIGTERM, Ctrl-C) and Spring closes the
 * context, a daemon thread waits {@code switchboard.shutdown-timeout}; if the process is still there then, it logs
 * what the shutdown is stuck in and halts the JVM with exit code {@value #EXIT_CODE}.
 *
 * <p>A clean stop takes a few seconds. One that waits on Kafka or Redis while they are gone has nothing left to lose
 * by exiting: whatever a client was told is acknowledged is already in Kafka or Redis, and every record whose offset
 * was not committed is consumed again by the next instance. Without the deadline such a stop waited for the clients'
 * own timeouts (a Kafka send blocks up to {@code max.block.ms}, 60 s, a batch retries its Redis writes) until
 * Kubernetes sent SIGKILL, and a local run hung.
 *
 * <p>Only a JVM shutdown arms it: a context closed by a test, inside a JVM that goes on, is never halted.
 */
public final class ShutdownDeadline implements ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

    /** The property holding the deadline. */
    public static final String PROPERTY = "switchboard.shutdown-timeout";
    /** Below Kubernetes' default grace period (30 s), so the halt comes before SIGKILL and its log line is written. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(25);
    /** The exit code of a halted shutdown: not the 143 of a clean stop on SIGTERM. */
    public static final int EXIT_CODE = 3;
    private static final int FRAMES = 12;
    private static final Logger log = LoggerFactory.getLogger(ShutdownDeadline.class);

    private final Duration timeout;
    private final BooleanSupplier jvmShuttingDown;
    private final IntConsumer halt;
    private final AtomicBoolean armed = new AtomicBoolean();
    private ApplicationContext context;

    /** The production deadline: armed by a JVM shutdown, halting with {@link Runtime#halt}. */
    public ShutdownDeadline(Duration timeout) {
        this(timeout, ShutdownDeadline::jvmShuttingDown, code -> Runtime.getRuntime().halt(code));
    }

    ShutdownDeadline(Duration timeout, BooleanSupplier jvmShuttingDown, IntConsumer halt) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(PROPERTY + " must be positive, was " + timeout);
        }
        this.timeout = timeout;
        this.jvmShuttingDown = jvmShuttingDown;
        this.halt = halt;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context || !jvmShuttingDown.getAsBoolean()
                || !armed.compareAndSet(false, true)) {
            return;
        }
        Thread watchdog = new Thread(this::awaitDeadline, "shutdown-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void awaitDeadline() {
        try {
            Thread.sleep(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        log.error("shutdown did not finish within {}={}, exiting now with code {}; still busy:\n{}", PROPERTY,
                timeout, EXIT_CODE, busyThreads());
        halt.accept(EXIT_CODE);
    }

    /** The shutdown hook's thread and every other thread that runs Switchboard code, with their top frames. */
    private static String busyThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey() != Thread.currentThread())
                .filter(entry -> entry.getKey().getName().contains("ShutdownHook")
                        || Arrays.stream(entry.getValue()).anyMatch(frame -> frame.getClassName()
                        .startsWith("dev.switchboard.")))
                .map(ShutdownDeadline::describe)
                .collect(Collectors.joining("\n"));
    }

    private static String describe(Map.Entry<Thread, StackTraceElement[]> thread) {
        return "  \"" + thread.getKey().getName() + "\" " + thread.getKey().getState()
                + Arrays.stream(thread.getValue()).limit(FRAMES).map(frame -> "\n      at " + frame)
                        .collect(Collectors.joining());
    }

    /** True once the JVM has begun to run its shutdown hooks: no hook can be added then. */
    static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { }, "shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
