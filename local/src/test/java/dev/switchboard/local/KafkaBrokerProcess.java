package dev.switchboard.local;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Kafka broker as its own process ({@code kafka.Kafka server.properties}, KRaft combined mode, loopback
 * listeners), run from this test JVM's classpath (which holds {@code kafka_2.13}). Its log directory survives
 * {@link #kill()}, so {@link #start()} brings back the same broker with its data: a broker crash and restart.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    private static final List<String> JVM_FLAGS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final Path directory;
    private final Path properties;
    private final Path log;
    private Process process;

    private KafkaBrokerProcess(int port, Path directory) {
        this.port = port;
        this.directory = directory;
        this.properties = directory.resolve("server.properties");
        this.log = directory.resolve("broker.log");
    }

    /** Writes {@code server.properties} into {@code directory} and formats the storage; starts nothing yet. */
    static KafkaBrokerProcess format(int port, int controllerPort, int partitions, Path directory) {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(port, directory);
        try {
            Files.createDirectories(directory);
            Files.writeString(broker.properties, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + directory.resolve("data"),
                    "num.partitions=" + partitions,
                    "auto.create.topics.enable=true",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=" + partitions,
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "") );
            Process format = new ProcessBuilder(command("kafka.tools.StorageTool", "format", "-t",
                    Uuid.randomUuid().toString(), "-c", broker.properties.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(broker.log.toFile()))
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("kafka storage format failed, see " + broker.log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return broker;
    }

    /** Starts the broker and waits until its client port accepts connections. */
    synchronized void start() {
        process = LoggedProcess.start("kafka broker on port " + port, command("kafka.Kafka", properties.toString()),
                log, READY_TIMEOUT, Duration.ofMillis(100), () -> !PortCheck.isFree(port));
    }

    /** SIGKILL: the broker dies without a controlled shutdown; its data stays for {@link #start()}. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code java <flags> -cp <this JVM's test classpath> <main> <args>}. */
    private static List<String> command(String main, String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.javaCommand());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", classpath, main));
        command.addAll(List.of(args));
        return command;
    }
}
