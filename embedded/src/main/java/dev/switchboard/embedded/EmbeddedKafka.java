package dev.switchboard.embedded;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.HashMap;
import java.util.Map;

/**
 * A single-node Kafka broker in KRaft mode, in this JVM, on a free loopback port. Topics are auto-created with
 * {@code partitions} partitions on first use, so services can create theirs as they do against a real cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Extra client listener on a fixed port (the test kit pre-binds its own EXTERNAL listener on a random port). */
    private static final String LOCAL_LISTENER = "LOCAL";

    private final EmbeddedKafkaKraftBroker broker;
    private final String bootstrapServers;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker with the given default partition count on a free port (bound by the broker: no race). */
    public static EmbeddedKafka start(int partitions) {
        return start(partitions, 0);
    }

    /**
     * Starts a broker with the given default partition count; clients connect to {@code 127.0.0.1:port}
     * ({@code 0}: a free port chosen by the broker).
     */
    public static EmbeddedKafka start(int partitions, int port) {
        Map<String, String> properties = baseProperties(partitions);
        if (port != 0) {
            // kafkaPorts(..) is ignored in KRaft mode (spring-kafka 4) and the test kit binds its EXTERNAL broker
            // listener to a pre-bound random port, whatever "listeners" says: add a listener of our own on the port.
            properties.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,"
                    + LOCAL_LISTENER + "://127.0.0.1:" + port);
            properties.put("listener.security.protocol.map",
                    "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + LOCAL_LISTENER + ":PLAINTEXT");
        }
        EmbeddedKafkaKraftBroker broker = launch(partitions, properties);
        return new EmbeddedKafka(broker, port != 0 ? "127.0.0.1:" + port : broker.getBrokersAsString());
    }

    /**
     * Starts a broker whose only client listener on {@code 127.0.0.1} needs SASL/PLAIN as {@code user} with
     * {@code password} (security protocol {@code SASL_PLAINTEXT}): for tests of the services' Kafka security settings.
     * The broker's own listeners stay PLAINTEXT on {@code localhost}.
     */
    public static EmbeddedKafka startWithSasl(int partitions, String user, String password) {
        int port = FreePorts.next();
        Map<String, String> properties = baseProperties(partitions);
        properties.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,"
                + LOCAL_LISTENER + "://127.0.0.1:" + port);
        properties.put("listener.security.protocol.map",
                "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + LOCAL_LISTENER + ":SASL_PLAINTEXT");
        properties.put("sasl.enabled.mechanisms", "PLAIN");
        properties.put("listener.name." + LOCAL_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + user + "=\"" + password
                        + "\";");
        return new EmbeddedKafka(launch(partitions, properties), "127.0.0.1:" + port);
    }

    private static Map<String, String> baseProperties(int partitions) {
        return new HashMap<>(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(partitions),
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5"));
    }

    private static EmbeddedKafkaKraftBroker launch(int partitions, Map<String, String> properties) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperties(properties);
        broker.afterPropertiesSet();
        return broker;
    }

    /** {@code host:port} list for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
