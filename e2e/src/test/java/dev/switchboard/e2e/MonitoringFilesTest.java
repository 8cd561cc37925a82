package dev.switchboard.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the Prometheus alert rules are files the Helm chart and docker-compose load as they are:
 * a dashboard both Grafana's sidecar and its file provisioning accept (no import-time inputs, a datasource variable,
 * panels that fit the grid without overlapping, one datasource for every query), and a rule file whose every rule
 * has what Alertmanager and the on-call engineer need, with a runbook section in docs/OPERATIONS.md. That every
 * metric they query exists is {@link PrometheusMetricsTest}'s part.
 */
class MonitoringFilesTest {

    private static final Set<String> RULE_KEYS = Set.of("alert", "expr", "for", "keep_firing_for", "labels",
            "annotations");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
    private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "gauge", "bargauge", "table",
            "heatmap", "text");
    private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__interval", "__range");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z0-9_]+)");

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertRuleHasItsSeverityForSummaryDescriptionAndARunbookSectionNamedAfterIt() throws IOException {
        Map<String, Object> file = MonitoringFiles.alertRuleFile();
        assertThat(file).containsOnlyKeys("groups");
        Set<String> anchors = operationsAnchors();
        Set<String> names = new HashSet<>();
        List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
        assertThat(groups).isNotEmpty();
        for (Map<String, Object> group : groups) {
            assertThat(group).containsKeys("name", "rules");
            assertThat(group.keySet()).isSubsetOf("name", "interval", "limit", "rules");
        }
        List<Map<String, Object>> rules = MonitoringFiles.alertRules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(4);
        for (Map<String, Object> rule : rules) {
            String alert = String.valueOf(rule.get("alert"));
            assertThat(rule.keySet()).as(alert).isSubsetOf(RULE_KEYS).contains("alert", "expr", "for", "labels",
                    "annotations");
            assertThat(alert).matches("Switchboard[A-Z][A-Za-z0-9]+");
            assertThat(names.add(alert)).as("unique alert name %s", alert).isTrue();
            assertThat(String.valueOf(rule.get("for"))).as(alert).matches(DURATION);
            assertThat(PromQl.parse(String.valueOf(rule.get("expr"))).selectors()).as(alert).isNotEmpty();
            assertThat(balanced(String.valueOf(rule.get("expr")))).as("brackets of %s", alert).isTrue();
            Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
            assertThat(labels).as(alert).containsKey("severity");
            assertThat(labels.get("severity")).as(alert).isIn("critical", "warning", "info");
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(annotations).as(alert).containsKeys("summary", "description", "runbook_url");
            annotations.values().forEach(text -> assertThat(count(text, "{{")).as("templates in %s", alert)
                    .isEqualTo(count(text, "}}")));
            String anchor = alert.toLowerCase(Locale.ROOT);
            assertThat(annotations.get("runbook_url")).as(alert).isEqualTo("docs/OPERATIONS.md#" + anchor);
            assertThat(anchors).as("a section '%s' in docs/OPERATIONS*.md", alert).contains(anchor);
        }
    }

    @Test
    void theDashboardLoadsThroughGrafanasProvisioningAndSidecarWithItsDatasourceVariable() {
        JsonNode dashboard = MonitoringFiles.dashboard();
        assertThat(dashboard.path("uid").asString()).matches("[a-z0-9-]{1,40}");
        assertThat(dashboard.path("title").asString()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        assertThat(dashboard.has("__inputs")).as("import-time inputs, which provisioning does not fill").isFalse();
        Set<String> variables = new HashSet<>(GRAFANA_VARIABLES);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            variables.add(variable.path("name").asString());
        }
        assertThat(dashboard.path("templating").path("list")).anySatisfy(variable -> {
            assertThat(variable.path("name").asString()).isEqualTo("datasource");
            assertThat(variable.path("type").asString()).isEqualTo("datasource");
            assertThat(variable.path("query").asString()).isEqualTo("prometheus");
        });

        List<JsonNode> panels = MonitoringFiles.panels(dashboard);
        assertThat(panels).hasSizeGreaterThan(10);
        Set<Integer> ids = new HashSet<>();
        List<int[]> areas = new ArrayList<>();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asString();
            assertThat(title).isNotBlank();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of '%s'", title).isTrue();
            JsonNode grid = panel.path("gridPos");
            int[] area = {grid.path("x").asInt(-1), grid.path("y").asInt(-1), grid.path("w").asInt(),
                grid.path("h").asInt()};
            assertThat(area[0]).as(title).isNotNegative();
            assertThat(area[1]).as(title).isNotNegative();
            assertThat(area[2]).as(title).isBetween(1, 24 - area[0]);
            assertThat(area[3]).as(title).isPositive();
            assertThat(areas).as("'%s' overlaps another panel", title).noneMatch(other -> overlap(area, other));
            areas.add(area);
            if (panel.path("type").asString().equals("row")) {
                assertThat(panel.has("targets")).as(title).isFalse();
                continue;
            }
            assertThat(panel.path("type").asString()).as(title).isIn(PANEL_TYPES);
            assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(refIds.add(target.path("refId").asString())).as("refIds of '%s'", title).isTrue();
                assertThat(target.path("datasource").path("uid").asString()).as(title).isEqualTo("${datasource}");
                String expr = target.path("expr").asString();
                assertThat(expr).as(title).isNotBlank();
                assertThat(balanced(expr)).as("brackets in '%s'", title).isTrue();
                Matcher used = VARIABLE.matcher(expr);
                while (used.find()) {
                    assertThat(variables).as("variable $%s in '%s'", used.group(1), title).contains(used.group(1));
                }
            }
        }
    }

    /** GitHub's anchors of every heading in docs/OPERATIONS*.md (the runbook part, before and after its merge). */
    private static Set<String> operationsAnchors() throws IOException {
        Set<String> anchors = new HashSet<>();
        try (Stream<Path> docs = Files.list(MonitoringFiles.ROOT.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.getFileName().toString().matches("OPERATIONS.*\\.md")).toList()) {
                for (String line : Files.readAllLines(doc)) {
                    if (line.startsWith("#")) {
                        anchors.add(line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT)
                                .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
                    }
                }
            }
        }
        return anchors;
    }

    private static boolean overlap(int[] a, int[] b) {
        return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }

    /** Whether the brackets outside string literals pair up. */
    private static boolean balanced(String text) {
        String open = "([{";
        String close = ")]}";
        List<Character> stack = new ArrayList<>();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && open.indexOf(c) >= 0) {
                stack.add(c);
            } else if (!quoted && close.indexOf(c) >= 0
                    && (stack.isEmpty() || open.indexOf(stack.remove(stack.size() - 1)) != close.indexOf(c))) {
                return false;
            }
        }
        return stack.isEmpty() && !quoted;
    }

    private static int count(Object text, String part) {
        return String.valueOf(text).split(Pattern.quote(part), -1).length - 1;
    }
}
