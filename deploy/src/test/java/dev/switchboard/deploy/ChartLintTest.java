package dev.switchboard.deploy;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartLintTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"", "nodeport-autoscaling", "existing-secrets", "chart-secrets", "mutual-tls", "hostport",
            "podip", "policies", "sentinel"})
    void lintsCleanAndRendersOnlyValidManifests(String valueSet) {
        String[] valueSets = valueSet.isEmpty() ? new String[0] : new String[] {valueSet};
        LintResult lint = Chart.lint(work, valueSets);

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
        RenderedChart chart = Chart.render(valueSets);
        assertThat(chart.resources()).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "loadbalancer-without-host | gateway.advertise.host is required with gateway.service.type=LoadBalancer",
            "short-grace-period        | gateway.terminationGracePeriodSeconds (45) must be more than gateway.drainPeriodSeconds (30) + 15",
            "nodeport-outside-range    | set it in the node port range (30000-32767)",
            "sasl-without-password     | kafka.securityProtocol=SASL_SSL needs kafka.sasl.username and kafka.sasl.password",
            "unknown-device-policy     | presence.devicePolicy: two-phones (expected: teamtalk, single or unlimited)",
            "demo-users-on-two-replicas | set presence.replicas to 1 while seeding",
            "route-grace-under-ten     | terminationGracePeriodSeconds (8) must be at least 10",
            "postgresql-url-not-jdbc   | postgresql.url: postgresql://db:5432/switchboard (expected: jdbc:postgresql://"})
    void refusesValuesThatWouldDeployABrokenCluster(String valueSet, String message) {
        assertThatThrownBy(() -> Chart.template("invalid/" + valueSet)).hasMessageContaining(message);
    }

    @Test
    void theManifestParserRejectsUnknownFieldsWrongTypesAndUnknownKinds() {
        String statefulSet = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: gw\nspec:\n";

        assertThat(RenderedChart.strict(statefulSet + "  replicas: 2\n")).isNotNull();
        assertThatThrownBy(() -> RenderedChart.strict(statefulSet + "  replica: 2\n"))
                .hasMessageContaining("Unable to find property 'replica'");
        assertThatThrownBy(() -> RenderedChart.strict(statefulSet + "  replicas: two\n"))
                .hasMessageContaining("two");
        assertThatThrownBy(() -> RenderedChart.strict("apiVersion: apps/v1\nkind: StatefullSet\nmetadata:\n  name: x\n"))
                .hasMessageContaining("not a known Kubernetes kind");
    }
}
