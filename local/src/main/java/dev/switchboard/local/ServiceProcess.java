package dev.switchboard.local;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One service running as a child process, its stdout and stderr going to {@code <logs>/<name>.log}. */
final class ServiceProcess {

    /** Modest heap, serial GC and C1 only: cheap startup for several JVMs on 2 cores. */
    static final List<String> JVM_FLAGS = List.of(
            "-Xmx384m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    /**
     * Environment variable with JVM options every service gets after {@link #JVM_FLAGS} (space-separated), e.g.
     * {@code -XX:TieredStopAtLevel=4} for both JIT tiers as in production, which the benchmarks use: C1 alone starts
     * faster but runs the message path slower.
     */
    static final String JVM_OPTIONS_ENV = "SWITCHBOARD_SERVICE_JVM_OPTS";

    private static final int TAIL_BYTES = 64 * 1024;

    private final ServiceSpec spec;
    private final Process process;
    private final Path log;
    private final long logStart;

    private ServiceProcess(ServiceSpec spec, Process process, Path log, long logStart) {
        this.spec = spec;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /** Starts {@code java <flags> -jar <jar> <arguments>} in {@code workingDirectory}, truncating its log. */
    static ServiceProcess start(ServiceSpec spec, Path workingDirectory, Path logDirectory) {
        return start(spec, workingDirectory, logDirectory, false);
    }

    /**
     * Starts the service; {@code appendLog} keeps what an earlier run of it wrote (a restart), and readiness and
     * {@link #logContains} then only look at what this run writes.
     */
    static ServiceProcess start(ServiceSpec spec, Path workingDirectory, Path logDirectory, boolean appendLog) {
        Path log = logDirectory.resolve(spec.name() + ".log");
        long logStart = appendLog ? sizeOf(log) : 0;
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(JVM_FLAGS);
        String fromEnvironment = System.getenv(JVM_OPTIONS_ENV);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            command.addAll(List.of(fromEnvironment.strip().split("\\s+")));
        }
        command.addAll(spec.jvmOptions());
        command.addAll(List.of("-jar", spec.jar().toString()));
        command.addAll(spec.arguments());
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            return new ServiceProcess(spec, process, log, logStart);
        } catch (IOException e) {
            throw new StartupException("could not start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** The {@code java} binary running this JVM, so children run on the same JDK. */
    static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    String name() {
        return spec.name();
    }

    ServiceSpec spec() {
        return spec;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; only once {@link #isAlive()} is false. */
    int exitCode() {
        return process.exitValue();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    boolean isReady() {
        return spec.readiness().isReady(this);
    }

    /** Asks the process to stop (SIGTERM, so Spring Boot shuts down gracefully); see {@link #awaitExit}. */
    void requestStop() {
        process.destroy();
    }

    /** SIGKILL: the process dies at once, flushing nothing, like a crash. */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits up to {@code grace} for the process to exit, then kills it (SIGKILL). True if it exited by itself. */
    boolean awaitExit(Duration grace) {
        try {
            if (process.waitFor(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Whether this run of the service (not an earlier one in the same log) has logged {@code text}. */
    boolean logContains(String text) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.min(logStart, file.length());
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last {@code lines} lines of the log (from its last 64 KiB), or a note that it cannot be read. */
    String logTail(int lines) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
