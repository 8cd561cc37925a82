package dev.switchboard.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's health ({@code kafka}, part of {@code /actuator/health/readiness}): UP when the cluster describes itself
 * (its id and how many brokers it has) within {@link #CHECK_TIMEOUT}, DOWN otherwise. Spring Boot ships no Kafka
 * indicator. A probe waits at most about {@link #CHECK_TIMEOUT} while the brokers are unreachable.
 */
final class KafkaHealthIndicator extends AbstractHealthIndicator {

    /** How long one check waits for the cluster's answer. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    private final Admin admin;

    KafkaHealthIndicator(Admin admin) {
        super("kafka health check failed");
        this.admin = admin;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster = admin.describeCluster(
                new DescribeClusterOptions().timeoutMs((int) CHECK_TIMEOUT.toMillis()));
        // the admin call times out by itself; the get's own bound only guards against a call that never completes
        long waitMillis = CHECK_TIMEOUT.toMillis() + 500;
        String clusterId = cluster.clusterId().get(waitMillis, TimeUnit.MILLISECONDS);
        int brokers = cluster.nodes().get(waitMillis, TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers);
    }
}
