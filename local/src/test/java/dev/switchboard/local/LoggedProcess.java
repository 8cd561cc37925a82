package dev.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;

/**
 * Starts an infrastructure process of the failure suite (Kafka broker, Redis) with its output appended to a log file,
 * and waits until it is ready, failing at once, naming the log, if it exits first.
 */
final class LoggedProcess {

    private LoggedProcess() {
    }

    static Process start(String name, List<String> command, Path log, Duration timeout, Duration poll,
                         Callable<Boolean> ready) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await(name + " (log " + log + ")").atMost(timeout).pollInterval(poll).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            return ready.call();
        });
        return process;
    }
}
