package dev.switchboard.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The launcher's stdin: kill, stop, start and restart one service while the cluster runs, and show every pid. Runs
 * on its own daemon thread until stdin ends; a command's outcome (with the pid) or its error goes to {@code out}.
 */
final class Console implements Runnable {

    private final ServiceGroup services;
    private final Duration stopGrace;
    private final Duration startupTimeout;
    private final InputStream in;
    private final PrintStream out;

    Console(ServiceGroup services, Duration stopGrace, Duration startupTimeout, InputStream in, PrintStream out) {
        this.services = services;
        this.stopGrace = stopGrace;
        this.startupTimeout = startupTimeout;
        this.in = in;
        this.out = out;
    }

    /** Reads commands on a daemon thread named {@code switchboard-console}. */
    void startThread() {
        Thread thread = new Thread(this, "switchboard-console");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    out.println(execute(line));
                    out.flush();
                }
            }
        } catch (IOException e) {
            out.println("console closed: " + e.getMessage());
        }
    }

    /** Runs one command line; the answer is what to print, an error message when it failed. */
    String execute(String line) {
        try {
            ConsoleCommand command = ConsoleCommand.parse(line);
            String name = command.name();
            return switch (command.action()) {
                case STATUS -> status();
                case HELP -> ConsoleCommand.HELP.strip();
                case KILL -> "killed " + name + " pid " + services.kill(name).pid() + " (SIGKILL)";
                case STOP -> "stopped " + name + " pid " + services.stop(name, stopGrace).pid() + " (SIGTERM)";
                case START -> "started " + name + " pid " + services.start(name, deadline()).pid() + ", ready";
                case RESTART -> "restarted " + name + " pid " + services.restart(name, stopGrace, deadline()).pid()
                        + ", ready";
            };
        } catch (IllegalArgumentException | IllegalStateException | StartupException e) {
            return "error: " + e.getMessage();
        }
    }

    private Instant deadline() {
        return Instant.now().plus(startupTimeout);
    }

    private String status() {
        StringBuilder text = new StringBuilder();
        for (ServiceProcess service : services.services()) {
            String state = service.isAlive() ? "running" : "exited (" + service.exitCode() + ")";
            text.append(String.format("  %-20s %-8d %-14s %s%n", service.name(), service.pid(), state,
                    service.spec().endpoint()));
        }
        return text.toString().stripTrailing();
    }
}
