package dev.switchboard.bench;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleFunction;

/** Prints a progress line every second (given the seconds since it started) until closed. */
final class Ticker implements AutoCloseable {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });

    Ticker(PrintStream out, DoubleFunction<String> line) {
        long start = System.nanoTime();
        executor.scheduleAtFixedRate(() -> out.println(line.apply((System.nanoTime() - start) / 1e9)), 1, 1,
                TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
