package dev.switchboard.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The service processes of one local cluster: starts them, waits until each is ready, reports any that exits while
 * the cluster runs (the others stay up) and stops them all.
 */
final class ServiceGroup {

    private static final Logger log = LoggerFactory.getLogger(ServiceGroup.class);
    private static final long POLL_MILLIS = 250;
    private static final int TAIL_LINES = 40;

    private final List<ServiceProcess> services = new ArrayList<>();
    private volatile boolean watching;
    private volatile boolean stopping;

    /** Starts every service now; readiness is awaited separately, so the JVMs boot in parallel. */
    void startAll(List<ServiceSpec> specs, Path workingDirectory, Path logDirectory) {
        for (ServiceSpec spec : specs) {
            ServiceProcess service = ServiceProcess.start(spec, workingDirectory, logDirectory);
            services.add(service);
            service.onExit().thenRun(() -> reportExit(service));
            log.info("service started name={} pid={} log={}", spec.name(), service.pid(), service.log());
        }
    }

    /**
     * Waits for each service in order until it is ready; from then on an exit is only reported.
     *
     * @throws StartupException when a service exits first or {@code deadline} passes, with its log's tail
     */
    void awaitReady(Instant deadline) {
        for (ServiceProcess service : services) {
            while (!service.isReady()) {
                requireAllAlive();
                if (Instant.now().isAfter(deadline)) {
                    throw new StartupException(service.name() + " not ready in time: waited for "
                            + service.spec().readiness().description() + "; log " + service.log() + " ends with:"
                            + System.lineSeparator() + service.logTail(TAIL_LINES));
                }
                awaitAnyExit(POLL_MILLIS);
            }
            log.info("service ready name={} pid={}", service.name(), service.pid());
        }
        watching = true;
    }

    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** SIGTERM to every service at once, then up to {@code grace} for all of them, then SIGKILL for the rest. */
    void stopAll(Duration grace) {
        stopping = true;
        services.forEach(ServiceProcess::requestStop);
        Instant deadline = Instant.now().plus(grace);
        for (ServiceProcess service : services) {
            if (!service.awaitExit(Duration.between(Instant.now(), deadline))) {
                log.warn("service killed name={} pid={} reason=no exit within {}s", service.name(), service.pid(),
                        grace.toSeconds());
            }
        }
    }

    private void requireAllAlive() {
        if (stopping) {
            throw new StartupException("stopped while the services were starting");
        }
        for (ServiceProcess service : services) {
            if (!service.isAlive()) {
                throw new StartupException(service.name() + " exited during startup with code " + service.exitCode()
                        + "; log " + service.log() + " ends with:" + System.lineSeparator()
                        + service.logTail(TAIL_LINES));
            }
        }
    }

    /** Waits up to {@code millis} but returns at once when any service exits. */
    private void awaitAnyExit(long millis) {
        CompletableFuture<?>[] exits = services.stream().map(ServiceProcess::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.anyOf(exits).get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // poll again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for the services to start");
        }
    }

    private void reportExit(ServiceProcess service) {
        if (watching && !stopping) {
            log.error("service exited name={} pid={} exitCode={} log={} (the other services keep running)",
                    service.name(), service.pid(), service.exitCode(), service.log());
        }
    }
}

