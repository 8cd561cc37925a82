package dev.switchboard.deploy;

import com.google.gson.JsonParser;
import dev.switchboard.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.switchboard.deploy.ComposeFile.list;
import static dev.switchboard.deploy.ComposeFile.map;
import static org.assertj.core.api.Assertions.assertThat;

class ComposeFileTest {

    private static final Map<String, String> MODULES = Map.of("presence-service", "presence-service",
            "route-service", "route-service", "gw-0", "msg-gateway", "gw-1", "msg-gateway");

    private final ComposeFile compose = ComposeFile.read();

    @Test
    void runsKafkaRedisPostgresEveryServiceTwoGatewaysPrometheusAndGrafana() {
        assertThat(compose.services()).containsOnlyKeys("kafka", "redis", "postgres", "presence-service",
                "route-service", "gw-0", "gw-1", "prometheus", "grafana");
        assertThat(compose.service("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat(compose.environment("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(compose.services()).allSatisfy((name, service) ->
                assertThat(map(service)).as(name).containsKey("healthcheck"));
    }

    @Test
    void eachServiceIsBuiltFromItsModuleAndStartsOnceWhatItUsesIsHealthy() {
        MODULES.forEach((name, module) -> {
            Map<String, Object> service = compose.service(name);
            Map<String, Object> build = map(service.get("build"));
            assertThat(service.get("image").toString()).startsWith("switchboard/" + module + ":");
            assertThat(build.get("context")).isEqualTo(".");
            assertThat(RepositoryFiles.ROOT.resolve((String) build.get("dockerfile"))).isRegularFile();
            assertThat(map(build.get("args"))).containsEntry("MODULE", module);
            List<String> uses = name.equals("route-service") ? List.of("kafka", "redis", "postgres")
                    : List.of("kafka", "redis");
            assertThat(map(service.get("depends_on"))).as(name).containsOnlyKeys(uses)
                    .allSatisfy((dependency, condition) -> assertThat(map(condition))
                            .containsEntry("condition", "service_healthy"));
            Map<String, String> environment = compose.environment(name);
            assertThat(environment).containsEntry("SPRING_KAFKA_BOOTSTRAPSERVERS", "kafka:9092")
                    .containsEntry("SWITCHBOARD_REDIS_URL", "redis://redis:6379/0")
                    .containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        });
        assertThat(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS")).contains("//kafka:9092");
    }

    @Test
    void routeServiceWritesAndTheGatewaysReadHistoryInThePostgresServiceWhoseDataIsAVolume() {
        Map<String, String> postgres = compose.environment("postgres");
        for (String name : List.of("route-service", "gw-0", "gw-1")) {
            assertThat(compose.environment(name)).as(name).containsEntry("SPRING_DATASOURCE_URL",
                            "jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"))
                    .containsEntry("SPRING_DATASOURCE_USERNAME", postgres.get("POSTGRES_USER"))
                    .containsEntry("SPRING_DATASOURCE_PASSWORD", postgres.get("POSTGRES_PASSWORD"))
                    .containsEntry("SPRING_KAFKA_BOOTSTRAPSERVERS", "kafka:9092");
        }
        assertThat(list(compose.service("postgres").get("volumes"))).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(map(compose.root().get("volumes"))).containsKey("postgres-data");
    }

    @Test
    void healthchecksAskEachServicesReadinessGroupOnItsServerPort() {
        MODULES.keySet().forEach(name -> {
            String port = compose.environment(name).get("SERVER_PORT");
            assertThat(list(map(compose.service(name).get("healthcheck")).get("test"))).as(name)
                    .contains("http://127.0.0.1:" + port + "/actuator/health/readiness");
        });
    }

    @Test
    void theTwoGatewaysHaveDistinctIdsAndPublishTheClientPortTheyAdvertise() {
        List<GatewayProperties> gateways = new ArrayList<>();
        for (String name : List.of("gw-0", "gw-1")) {
            GatewayProperties gateway = bind(compose.environment(name));
            gateways.add(gateway);
            assertThat(gateway.id()).isEqualTo(name);
            assertThat(gateway.advertisedHost()).isEqualTo("127.0.0.1");
            assertThat(bind(ComposeFile.read(Map.of("SWITCHBOARD_ADVERTISED_HOST", "chat.lan")).environment(name))
                    .advertisedHost()).isEqualTo("chat.lan");
            assertThat(list(compose.service(name).get("ports")))
                    .contains(gateway.port() + ":" + gateway.port());
            Duration drain = DurationStyle.detectAndParse(
                    compose.environment(name).get("SWITCHBOARD_GATEWAY_DRAINPERIOD"));
            Duration grace = DurationStyle.detectAndParse((String) compose.service(name).get("stop_grace_period"));
            assertThat(grace).isGreaterThan(drain.plusSeconds(15));
        }
        assertThat(gateways).extracting(GatewayProperties::port).doesNotHaveDuplicates();
        assertThat(compose.service("presence-service").get("ports")).isEqualTo(List.of("8080:8080"));
    }

    @Test
    void everyServiceExitsOnItsOwnBeforeDockerKillsIt() {
        for (String name : List.of("gw-0", "gw-1", "presence-service", "route-service")) {
            Duration timeout = bindShutdownTimeout(name);
            Object stopGrace = compose.service(name).get("stop_grace_period");
            // Docker's default stop grace is 10 s
            Duration grace = stopGrace == null ? Duration.ofSeconds(10)
                    : DurationStyle.detectAndParse((String) stopGrace);
            assertThat(timeout).as(name).isLessThan(grace);
        }
        Duration drain = DurationStyle.detectAndParse(
                compose.environment("gw-0").get("SWITCHBOARD_GATEWAY_DRAINPERIOD"));
        assertThat(bindShutdownTimeout("gw-0")).as("a gateway drains within its shutdown timeout")
                .isGreaterThan(drain.plusSeconds(10));
    }

    private Duration bindShutdownTimeout(String name) {
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(compose.environment(name)))))
                .bind("switchboard.shutdown-timeout", Duration.class)
                .orElseThrow(() -> new AssertionError(name + " has no switchboard.shutdown-timeout"));
    }

    @Test
    void everyMountedFileExistsInTheRepository() {
        compose.services().forEach((name, service) -> {
            for (Object volume : (List<?>) map(service).getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(RepositoryFiles.ROOT.resolve(source).normalize()).as(name + " " + volume).exists();
                }
            }
        });
    }

    @Test
    void prometheusScrapesEveryServiceAndLoadsTheChartsAlertRules() {
        Map<String, Object> config = yaml(mountSource("prometheus", "/etc/prometheus/prometheus.yml"));
        Set<String> targets = new java.util.HashSet<>();
        for (Object job : list(config.get("scrape_configs"))) {
            for (Object staticConfig : list(map(job).get("static_configs"))) {
                for (Object target : list(map(staticConfig).get("targets"))) {
                    targets.add(target + " " + map(job).getOrDefault("metrics_path", "/metrics"));
                }
            }
        }
        MODULES.keySet().forEach(name -> assertThat(targets)
                .contains(name + ":" + compose.environment(name).get("SERVER_PORT") + " /actuator/prometheus"));

        String rulesTarget = mountTarget("prometheus", RepositoryFiles.ROOT.relativize(RepositoryFiles.ALERT_RULES));
        assertThat(list(config.get("rule_files"))).anySatisfy(glob -> assertThat(
                FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(rulesTarget))).isTrue());
        assertThat(yaml(RepositoryFiles.ALERT_RULES)).containsKey("groups");
    }

    @Test
    void grafanaGetsThePrometheusDatasourceAndTheChartsDashboard() {
        Map<String, Object> datasources = yaml(mountSource("grafana", "/etc/grafana/provisioning/datasources")
                .resolve("prometheus.yml"));
        Map<String, Object> providers = yaml(mountSource("grafana", "/etc/grafana/provisioning/dashboards")
                .resolve("switchboard.yml"));
        String dashboardTarget = mountTarget("grafana", RepositoryFiles.ROOT.relativize(RepositoryFiles.DASHBOARD));

        assertThat(list(datasources.get("datasources"))).singleElement().satisfies(datasource -> {
            assertThat(map(datasource)).containsEntry("type", "prometheus").containsEntry("isDefault", true)
                    .containsEntry("url", "http://prometheus:9090");
        });
        assertThat(list(compose.service("prometheus").get("ports"))).contains("9090:9090");
        assertThat(list(providers.get("providers"))).singleElement().satisfies(provider ->
                assertThat(map(map(provider).get("options")).get("path"))
                        .isEqualTo(Path.of(dashboardTarget).getParent().toString()));
        assertThat(JsonParser.parseString(RepositoryFiles.read(RepositoryFiles.DASHBOARD)).isJsonObject()).isTrue();
        assertThat(map(compose.service("grafana").get("depends_on"))).containsKey("prometheus");
    }

    private static GatewayProperties bind(Map<String, String> environment) {
        var source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(environment));
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate("switchboard.gateway",
                Bindable.of(GatewayProperties.class));
    }

    /** The repository path a service mounts at {@code target}. */
    private Path mountSource(String service, String target) {
        for (Object volume : list(compose.service(service).get("volumes"))) {
            String[] parts = volume.toString().split(":");
            if (parts[1].equals(target)) {
                return RepositoryFiles.ROOT.resolve(parts[0]).normalize();
            }
        }
        throw new AssertionError(service + " mounts nothing at " + target);
    }

    /** Where a service mounts a repository file. */
    private String mountTarget(String service, Path repositoryFile) {
        for (Object volume : list(compose.service(service).get("volumes"))) {
            String[] parts = volume.toString().split(":");
            if (Path.of(parts[0]).normalize().equals(repositoryFile.normalize())) {
                return parts[1];
            }
        }
        throw new AssertionError(service + " does not mount " + repositoryFile);
    }

    private static Map<String, Object> yaml(Path file) {
        assertThat(file).isRegularFile();
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(RepositoryFiles.read(file));
    }
}
