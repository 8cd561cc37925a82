package dev.switchboard.deploy;

import dev.switchboard.presence.PresenceProperties;
import dev.switchboard.store.StoreProperties;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1SecretKeySelector;
import io.lettuce.core.RedisCredentials;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials reach the services from Secrets only, whether the chart creates the Secret or one exists already. */
class SecretsChartTest {

    /** Existing Secrets as the values in existing-secrets.yaml name them. */
    private static final Map<String, Map<String, String>> EXISTING = Map.of(
            "switchboard", Map.of("password", "kafka-from-strimzi"),
            "redis", Map.of("redis-password", "redis-from-bitnami"),
            "switchboard-admin", Map.of("token", "admin-from-vault"),
            "switchboard-db-app", Map.of("password", "postgres-from-cnpg"));

    @Test
    void credentialsGivenAsValuesLiveOnlyInTheChartsSecret() {
        RenderedChart chart = Chart.render("chart-secrets");

        assertThat(chart.secrets()).singleElement().satisfies(secret -> {
            assertThat(secret.getMetadata().getName()).isEqualTo(Chart.FULLNAME);
            assertThat(secret.getData()).containsOnlyKeys("redis-password", "kafka-sasl-password", "admin-token",
                    "postgresql-password");
        });
        String everythingButTheSecret = chart.text().replaceAll("(?s)kind: Secret\n.*?(?=\n---|$)", "");
        assertThat(everythingButTheSecret).doesNotContain("kafka-VALUE-1", "redis-VALUE-2", "admin-VALUE-3",
                "postgres-VALUE-4");

        PodConfig gateway = Pods.gateway(chart, 0);
        RedisURI redis = RedisURI.create(gateway.bind("switchboard.redis", StoreProperties.class).url());
        assertThat(redis.isSsl()).isTrue();
        assertThat(redis.getHost()).isEqualTo("redis");
        assertThat(credentials(redis).getUsername()).isNull();
        assertThat(credentials(redis).getPassword()).isEqualTo("redis-VALUE-2".toCharArray());
        assertThat(gateway.property("spring.kafka.properties.security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(gateway.property("spring.kafka.properties.sasl.mechanism")).isEqualTo("PLAIN");
        assertThat(gateway.property("spring.kafka.properties.sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"sb\" "
                        + "password=\"kafka-VALUE-1\";");
        assertThat(Pods.presence(chart, Map.of()).bind("switchboard.presence", PresenceProperties.class).adminToken())
                .isEqualTo("admin-VALUE-3");
        assertThat(Pods.route(chart, Map.of()).property("spring.datasource.password")).isEqualTo("postgres-VALUE-4");
    }

    @Test
    void existingSecretsAreReferencedByNameAndKeyAndNoSecretIsCreated() {
        RenderedChart chart = Chart.render("existing-secrets");

        assertThat(chart.secrets()).isEmpty();
        V1Container presence = Pods.containers(chart).get(Pods.PRESENCE);
        assertThat(secretRef(presence, "SWITCHBOARD_PRESENCE_ADMINTOKEN"))
                .isEqualTo(new V1SecretKeySelector().name("switchboard-admin").key("token"));
        assertThat(secretRef(presence, "REDIS_PASSWORD"))
                .isEqualTo(new V1SecretKeySelector().name("redis").key("redis-password"));
        assertThat(secretRef(presence, "KAFKA_SASL_PASSWORD"))
                .isEqualTo(new V1SecretKeySelector().name("switchboard").key("password"));

        for (PodConfig config : new PodConfig[] {Pods.gateway(chart, 0, EXISTING), Pods.presence(chart, EXISTING),
                Pods.route(chart, EXISTING)}) {
            RedisURI redis = RedisURI.create(config.bind("switchboard.redis", StoreProperties.class).url());
            assertThat(redis.getHost()).isEqualTo("redis-master.redis.svc");
            assertThat(credentials(redis).getUsername()).isEqualTo("switchboard");
            assertThat(credentials(redis).getPassword()).isEqualTo("redis-from-bitnami".toCharArray());
            assertThat(redis.isSsl()).isFalse();
            assertThat(config.property("spring.kafka.bootstrap-servers"))
                    .isEqualTo("my-cluster-kafka-bootstrap.kafka.svc:9093");
            assertThat(config.property("spring.kafka.properties.security.protocol")).isEqualTo("SASL_SSL");
            assertThat(config.property("spring.kafka.properties.sasl.jaas.config")).isEqualTo(
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"switchboard\" "
                            + "password=\"kafka-from-strimzi\";");
            assertThat(config.property("spring.kafka.ssl.bundle")).isEqualTo("kafka");
            assertThat(config.property("spring.ssl.bundle.pem.kafka.truststore.certificate"))
                    .isEqualTo("file:/etc/switchboard/kafka-ca/ca.crt");
        }
        assertThat(Pods.presence(chart, EXISTING).bind("switchboard.presence", PresenceProperties.class)
                .adminToken()).isEqualTo("admin-from-vault");
        PodConfig route = Pods.route(chart, EXISTING);
        assertThat(route.property("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://switchboard-db-rw.db.svc:5432/app");
        assertThat(route.property("spring.datasource.username")).isEqualTo("app");
        assertThat(route.property("spring.datasource.password")).isEqualTo("postgres-from-cnpg");
        assertThat(secretRef(Pods.containers(chart).get(Pods.ROUTE), "SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo(new V1SecretKeySelector().name("switchboard-db-app").key("password"));
        PodConfig gateway = Pods.gateway(chart, 0, EXISTING);
        assertThat(gateway.property("spring.datasource.url")).as("a gateway reads from the replica")
                .isEqualTo("jdbc:postgresql://switchboard-db-ro.db.svc:5432/app");
        assertThat(gateway.property("spring.datasource.password")).isEqualTo("postgres-from-cnpg");
        assertThat(Pods.presence(chart, EXISTING).environment()).as("presence-service does not use PostgreSQL yet")
                .doesNotContainKey("SPRING_DATASOURCE_PASSWORD");
        var gatewayPod = chart.statefulSet(Chart.GATEWAYS).getSpec().getTemplate().getSpec();
        assertThat(gatewayPod.getVolumes()).anySatisfy(volume -> {
            assertThat(volume.getName()).isEqualTo("kafka-ca");
            assertThat(volume.getSecret().getSecretName()).isEqualTo("my-cluster-cluster-ca-cert");
        });
        assertThat(gatewayPod.getContainers().get(0).getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo("kafka-ca");
            assertThat(mount.getMountPath()).isEqualTo("/etc/switchboard/kafka-ca");
        });
    }

    @Test
    void mutualTlsTakesTheClientCertificateAndKeyFromTheUsersSecret() {
        RenderedChart chart = Chart.render("mutual-tls");
        PodConfig route = Pods.route(chart, Map.of());

        KafkaProperties kafka = route.bind("spring.kafka", KafkaProperties.class);
        PemSslBundleProperties bundle = route.bind("spring.ssl", SslProperties.class).getBundle().getPem()
                .get(kafka.getSsl().getBundle());

        assertThat(kafka.getProperties()).containsEntry("security.protocol", "SSL");
        assertThat(bundle.getTruststore().getCertificate()).isEqualTo("file:/etc/switchboard/kafka-ca/ca.crt");
        assertThat(bundle.getKeystore().getCertificate()).isEqualTo("file:/etc/switchboard/kafka-client/user.crt");
        assertThat(bundle.getKeystore().getPrivateKey()).isEqualTo("file:/etc/switchboard/kafka-client/user.key");
        assertThat(route.environment()).doesNotContainKey("KAFKA_SASL_PASSWORD");
        assertThat(chart.deployment(Pods.ROUTE).getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(volume -> assertThat(volume.getSecret()).isNotNull()
                        .satisfies(secret -> assertThat(secret.getSecretName()).isEqualTo("switchboard")));
    }

    @Test
    void aPercentEncodedRedisPasswordReachesRedisDecoded() {
        RedisURI redis = RedisURI.create(Pods.route(Chart.render("percent-encoded-password"), Map.of())
                .bind("switchboard.redis", StoreProperties.class).url());

        assertThat(redis.getHost()).isEqualTo("redis");
        assertThat(credentials(redis).getPassword()).isEqualTo("p@ss:w0rd/1".toCharArray());
    }

    @Test
    void aSentinelUrlTakesItsPasswordFromTheSecret() {
        RenderedChart chart = Chart.render("sentinel");
        RedisURI redis = RedisURI.create(Pods.gateway(chart, 0, EXISTING).bind("switchboard.redis",
                StoreProperties.class).url());

        assertThat(redis.getSentinelMasterId()).isEqualTo("mymaster");
        assertThat(redis.getSentinels()).singleElement().satisfies(sentinel -> {
            assertThat(sentinel.getHost()).isEqualTo("redis.im.svc");
            assertThat(sentinel.getPort()).isEqualTo(26379);
        });
        assertThat(credentials(redis).getPassword()).isEqualTo("redis-from-bitnami".toCharArray());
        assertThat(chart.text()).doesNotContain("redis-from-bitnami");
    }

    @Test
    void withoutCredentialsThereIsNoSecretNoAuthAndNoAdminApi() {
        RenderedChart chart = Chart.render();
        RedisURI redis = RedisURI.create(Pods.route(chart, Map.of()).bind("switchboard.redis", StoreProperties.class)
                .url());

        assertThat(chart.secrets()).isEmpty();
        assertThat(credentials(redis).getPassword()).isNull();
        assertThat(credentials(redis).getUsername()).isNull();
        assertThat(redis.getHost()).isEqualTo("redis");
        assertThat(redis.getPort()).isEqualTo(6379);
        assertThat(Pods.presence(chart, Map.of()).bind("switchboard.presence", PresenceProperties.class)
                .adminEnabled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "chart-secrets", "existing-secrets", "mutual-tls", "nodeport-autoscaling", "policies",
            "sentinel"})
    void noCredentialIsAPlainEnvironmentValue(String valueSet) {
        RenderedChart chart = valueSet.isEmpty() ? Chart.render() : Chart.render(valueSet);

        Pods.containers(chart).forEach((workload, container) -> assertThat(container.getEnv())
                .filteredOn(variable -> variable.getName().matches(".*(PASSWORD|TOKEN|SECRET|CREDENTIAL).*"))
                .allSatisfy(variable -> assertThat(variable.getValueFrom().getSecretKeyRef())
                        .as(workload + " " + variable.getName()).isNotNull()));
    }

    /** What Lettuce authenticates with for this URL. */
    private static RedisCredentials credentials(RedisURI uri) {
        return uri.getCredentialsProvider().resolveCredentials().block();
    }

    private static V1SecretKeySelector secretRef(V1Container container, String name) {
        V1EnvVar variable = container.getEnv().stream().filter(candidate -> candidate.getName().equals(name))
                .findFirst().orElseThrow();
        return Objects.requireNonNull(variable.getValueFrom().getSecretKeyRef(), name);
    }
}
