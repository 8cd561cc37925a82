package dev.switchboard.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServicePlanTest {

    private static final Map<String, Path> JARS = Map.of(
            "msg-gateway", Path.of("/r/msg-gateway/target/gw-exec.jar"),
            "presence-service", Path.of("/r/presence-service/target/p-exec.jar"),
            "route-service", Path.of("/r/route-service/target/r-exec.jar"));
    private static final Backends BACKENDS = new Backends("127.0.0.1:19092", "redis://127.0.0.1:16379",
            "jdbc:postgresql://127.0.0.1:15432/postgres?user=postgres");

    private final List<ServiceSpec> plan = ServicePlan.of(
            LocalOptions.parse("--gateways", "3", "--gateway-port", "9000", "--http-port", "9080", "--demo-users", "7"),
            JARS, BACKENDS);

    @Test
    void listsGatewaysThenPresenceThenRoute() {
        assertThat(plan).extracting(ServiceSpec::name)
                .containsExactly("gw-0", "gw-1", "gw-2", "presence-service", "route-service");
        assertThat(plan).extracting(ServiceSpec::jar).containsExactly(JARS.get("msg-gateway"),
                JARS.get("msg-gateway"), JARS.get("msg-gateway"), JARS.get("presence-service"), JARS.get("route-service"));
    }

    @Test
    void everyServiceGetsKafkaRedisPostgresAndAShutdownTimeoutWithinTheLaunchersStopGrace() {
        assertThat(plan).allSatisfy(spec -> assertThat(spec.arguments()).startsWith(
                "--spring.kafka.bootstrap-servers=127.0.0.1:19092", "--switchboard.redis.url=redis://127.0.0.1:16379",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:15432/postgres?user=postgres",
                "--switchboard.shutdown-timeout=8s"));
        assertThat(ServicePlan.SHUTDOWN_TIMEOUT).as("a service exits before the launcher would kill it")
                .isLessThan(LocalCluster.STOP_GRACE);
    }

    @Test
    void gatewayIGetsItsIdPortHostAndMetricsPort() {
        assertThat(plan.get(2).arguments()).endsWith("--switchboard.gateway.id=gw-2",
                "--switchboard.gateway.port=9002", "--switchboard.gateway.advertised-host=127.0.0.1",
                "--server.port=10002");
        assertThat(plan.get(2).arguments()).contains("--switchboard.gateway.drain-period=1s");
        assertThat(plan.get(2).readiness()).isEqualTo(ReadinessProbe.tcp(9002));
        assertThat(plan.get(2).endpoint())
                .isEqualTo("tcp 127.0.0.1:9002, metrics http://127.0.0.1:10002/actuator/prometheus");
    }

    @Test
    void presenceGetsItsHttpPortAndDemoUsersAndIsReadyWhenItsProbeIsUpAndLoginNamesAGateway() {
        ServiceSpec presence = plan.get(3);

        assertThat(presence.arguments()).endsWith("--server.port=9080", "--switchboard.presence.demo-users=7");
        assertThat(presence.readiness().description()).isEqualTo(
                "GET http://127.0.0.1:9080/actuator/health/readiness to answer 200 with a body matching "
                        + "\"status\"\\s*:\\s*\"UP\" and "
                        + "GET http://127.0.0.1:9080/msg_server to answer 200 with a body matching \"code\"\\s*:\\s*0\\b");
        assertThat(ServicePlan.HEALTH_UP.matcher("{\"status\":\"UP\"}").find()).isTrue();
        assertThat(ServicePlan.HEALTH_UP.matcher("{\"status\":\"OUT_OF_SERVICE\"}").find()).isFalse();
        assertThat(ServicePlan.LOGIN_READY.matcher("{\n   \"code\" : 0,\n   \"msg\" : \"\"\n}").find()).isTrue();
        assertThat(ServicePlan.LOGIN_READY.matcher("{\"code\":0}").find()).isTrue();
        assertThat(ServicePlan.LOGIN_READY.matcher("{\"code\" : 1, \"msg\" : \"no msg server\"}").find()).isFalse();
        assertThat(ServicePlan.LOGIN_READY.matcher("{\"code\" : 10}").find()).isFalse();
    }

    @Test
    void presenceGetsTheAdminTokenWhenThereIsOne() {
        List<ServiceSpec> withToken = ServicePlan.of(LocalOptions.parse("--admin-token", "t0ken"), JARS,
                BACKENDS);

        assertThat(withToken.get(2).arguments()).contains("--switchboard.presence.admin-token=t0ken");
        assertThat(plan.get(3).arguments()).noneMatch(argument -> argument.contains("admin-token"));
    }

    @Test
    void extraInstancesGetNumberedNamesTheirOwnHttpPortAndNoDemoUsers() {
        List<ServiceSpec> scaled = ServicePlan.of(LocalOptions.parse("--gateways", "1", "--http-port", "9080",
                "--route-services", "2", "--presence-services", "2"), JARS, BACKENDS, List.of("--extra=1"));

        assertThat(scaled).extracting(ServiceSpec::name).containsExactly("gw-0", "presence-service",
                "presence-service-1", "route-service", "route-service-1");
        assertThat(scaled.get(1).arguments()).contains("--server.port=9080", "--switchboard.presence.demo-users=100");
        assertThat(scaled.get(2).arguments()).contains("--server.port=9081", "--switchboard.presence.demo-users=0");
        assertThat(scaled.get(2).readiness()).isEqualTo(ReadinessProbe.allOf(
                ReadinessProbe.http(ServicePlan.readinessUri(9081), ServicePlan.HEALTH_UP),
                ReadinessProbe.http(ServicePlan.loginUri(9081), ServicePlan.LOGIN_READY)));
        assertThat(scaled.get(4).jar()).isEqualTo(JARS.get("route-service"));
        assertThat(scaled).allSatisfy(spec -> assertThat(spec.arguments()).endsWith("--extra=1"));
    }

    @Test
    void routeGetsOnlyItsMetricsPortAndIsReadyWhenSpringBootSaysStarted() {
        ServiceSpec route = plan.get(4);

        assertThat(route.arguments()).hasSize(5).endsWith("--server.port=9180");
        assertThat(route.readiness()).isEqualTo(ReadinessProbe.logContains("Started"));
    }

    @Test
    void tuningAddsTheRouteModePropertiesAndGatewayJvmOptions() {
        List<ServiceSpec> tuned = ServicePlan.of(LocalOptions.parse("--gateways", "1", "--route-mode", "broadcast",
                "--gateway-jvm-opts", "-Xmx2g -Xss256k", "--service-property", "all:a.b=1",
                "--service-property=presence-service:switchboard.presence.credential-iterations=1"), JARS,
                BACKENDS);

        assertThat(tuned.get(0).jvmOptions()).containsExactly("-Xmx2g", "-Xss256k");
        assertThat(tuned.get(0).arguments()).endsWith("--a.b=1");
        assertThat(tuned.get(1).jvmOptions()).isEmpty();
        assertThat(tuned.get(1).arguments()).endsWith("--a.b=1", "--switchboard.presence.credential-iterations=1");
        assertThat(tuned.get(2).arguments()).endsWith("--switchboard.route.mode=broadcast", "--a.b=1");
        assertThat(plan).allSatisfy(spec -> assertThat(spec.jvmOptions()).isEmpty());
    }

    @Test
    void aServicePropertyReplacesThePlansArgumentOfTheSameName() {
        // Spring Boot would read two --switchboard.gateway.drain-period arguments as "1s,6s" and fail to start
        List<ServiceSpec> tuned = ServicePlan.of(LocalOptions.parse("--gateways", "1", "--http-port", "9080",
                "--service-property", "msg-gateway:switchboard.gateway.drain-period=6s",
                "--service-property", "route-service:server.port=9999"), JARS,
                BACKENDS);

        assertThat(tuned.get(0).arguments()).filteredOn(argument -> argument.contains("drain-period"))
                .containsExactly("--switchboard.gateway.drain-period=6s");
        assertThat(tuned.get(2).arguments()).filteredOn(argument -> argument.startsWith("--server.port="))
                .containsExactly("--server.port=9999");
        assertThat(tuned.get(0).arguments()).contains("--switchboard.gateway.id=gw-0", "--server.port=9000");
    }
}
