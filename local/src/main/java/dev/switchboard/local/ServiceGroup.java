package dev.switchboard.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The service processes of one local cluster: starts them, waits until each is ready, reports any that exits while
 * the cluster runs (the others stay up), kills, stops and starts single services on request (the launcher's console
 * commands, the failover tests) and stops them all. Each name keeps its spec, so a service starts again with the same
 * arguments, appending to its log.
 */
final class ServiceGroup {

    private static final Logger log = LoggerFactory.getLogger(ServiceGroup.class);
    private static final long POLL_MILLIS = 250;
    private static final int TAIL_LINES = 40;
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /** The current process of each service name, in plan order. */
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** Pids stopped on purpose: their exit is not reported as a crash. */
    private final Set<Long> expectedExits = ConcurrentHashMap.newKeySet();
    private Path workingDirectory;
    private Path logDirectory;
    private volatile boolean watching;
    private volatile boolean stopping;

    /** Starts every service now; readiness is awaited separately, so the JVMs boot in parallel. */
    void startAll(List<ServiceSpec> specs, Path workingDirectory, Path logDirectory) {
        synchronized (this) {
            this.workingDirectory = workingDirectory;
            this.logDirectory = logDirectory;
        }
        for (ServiceSpec spec : specs) {
            launch(spec, false);
        }
    }

    /**
     * Waits for each service in order until it is ready; from then on an exit is only reported.
     *
     * @throws StartupException when a service exits first or {@code deadline} passes, with its log's tail
     */
    void awaitReady(Instant deadline) {
        for (ServiceProcess service : services()) {
            awaitReady(service, deadline, true);
        }
        watching = true;
    }

    synchronized List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /**
     * SIGKILL to the named service, then waits for it to be gone.
     *
     * @return the killed process
     * @throws IllegalArgumentException when there is no such service
     * @throws IllegalStateException    when it is not running
     */
    ServiceProcess kill(String name) {
        ServiceProcess service = running(name);
        expectedExits.add(service.pid());
        service.kill();
        service.awaitExit(KILL_WAIT);
        log.info("service killed name={} pid={}", name, service.pid());
        return service;
    }

    /**
     * SIGTERM to the named service, then up to {@code grace} for it to exit (SIGKILL after).
     *
     * @return the stopped process
     */
    ServiceProcess stop(String name, Duration grace) {
        ServiceProcess service = running(name);
        expectedExits.add(service.pid());
        service.requestStop();
        boolean graceful = service.awaitExit(grace);
        log.info("service stopped name={} pid={} graceful={}", name, service.pid(), graceful);
        return service;
    }

    /**
     * Starts the named (stopped) service again with its arguments and waits until it is ready.
     *
     * @return the new process
     * @throws IllegalStateException when it is still running
     * @throws StartupException      when it exits or is not ready by {@code deadline} (it is stopped then)
     */
    ServiceProcess start(String name, Instant deadline) {
        ServiceProcess old = find(name);
        if (old.isAlive()) {
            throw new IllegalStateException(name + " is running (pid " + old.pid() + "); use restart");
        }
        ServiceProcess service = launch(old.spec(), true);
        try {
            awaitReady(service, deadline, false);
        } catch (StartupException e) {
            expectedExits.add(service.pid());
            service.kill();
            throw e;
        }
        return service;
    }

    /** {@link #stop} (when running) then {@link #start}. */
    ServiceProcess restart(String name, Duration grace, Instant deadline) {
        if (find(name).isAlive()) {
            stop(name, grace);
        }
        return start(name, deadline);
    }

    /** SIGTERM to every service at once, then up to {@code grace} for all of them, then SIGKILL for the rest. */
    void stopAll(Duration grace) {
        stopping = true;
        List<ServiceProcess> all = services();
        all.forEach(ServiceProcess::requestStop);
        Instant deadline = Instant.now().plus(grace);
        for (ServiceProcess service : all) {
            if (!service.awaitExit(Duration.between(Instant.now(), deadline))) {
                log.warn("service killed name={} pid={} reason=no exit within {}s", service.name(), service.pid(),
                        grace.toSeconds());
            }
        }
    }

    /**
     * @throws IllegalArgumentException naming the known services when there is none by that name
     */
    synchronized ServiceProcess find(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + " (services: "
                    + String.join(", ", services.keySet()) + ")");
        }
        return service;
    }

    private ServiceProcess running(String name) {
        ServiceProcess service = find(name);
        if (!service.isAlive()) {
            throw new IllegalStateException(name + " is not running (pid " + service.pid() + " exited with code "
                    + service.exitCode() + ")");
        }
        return service;
    }

    private ServiceProcess launch(ServiceSpec spec, boolean appendLog) {
        ServiceProcess service;
        synchronized (this) {
            if (stopping) {
                throw new StartupException("the cluster is stopping");
            }
            service = ServiceProcess.start(spec, workingDirectory, logDirectory, appendLog);
            services.put(spec.name(), service);
        }
        service.onExit().thenRun(() -> reportExit(service));
        log.info("service started name={} pid={} log={}", spec.name(), service.pid(), service.log());
        return service;
    }

    /** {@code everyService}: at cluster startup any exit fails; on a single start only that service's. */
    private void awaitReady(ServiceProcess service, Instant deadline, boolean everyService) {
        while (!service.isReady()) {
            requireAlive(everyService ? services() : List.of(service));
            if (Instant.now().isAfter(deadline)) {
                throw new StartupException(service.name() + " not ready in time: waited for "
                        + service.spec().readiness().description() + "; log " + service.log() + " ends with:"
                        + System.lineSeparator() + service.logTail(TAIL_LINES));
            }
            awaitAnyExit(POLL_MILLIS);
        }
        log.info("service ready name={} pid={}", service.name(), service.pid());
    }

    private void requireAlive(List<ServiceProcess> starting) {
        if (stopping) {
            throw new StartupException("stopped while the services were starting");
        }
        for (ServiceProcess service : starting) {
            if (!service.isAlive()) {
                throw new StartupException(service.name() + " exited during startup with code " + service.exitCode()
                        + "; log " + service.log() + " ends with:" + System.lineSeparator()
                        + service.logTail(TAIL_LINES));
            }
        }
    }

    /** Waits up to {@code millis} but returns at once when any running service exits. */
    private void awaitAnyExit(long millis) {
        List<CompletableFuture<?>> exits = new ArrayList<>();
        for (ServiceProcess service : services()) {
            if (service.isAlive()) {
                exits.add(service.onExit());
            }
        }
        try {
            CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // poll again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for the services to start");
        }
    }

    private void reportExit(ServiceProcess service) {
        if (watching && !stopping && !expectedExits.contains(service.pid())) {
            log.error("service exited name={} pid={} exitCode={} log={} (the other services keep running; "
                            + "'start {}' starts it again)",
                    service.name(), service.pid(), service.exitCode(), service.log(), service.name());
        }
    }
}
