package dev.switchboard.e2e;

import com.mogujie.tt.protobuf.IMBaseDefine.ClientType;
import com.mogujie.tt.protobuf.IMBaseDefine.MessageCmdID;
import com.mogujie.tt.protobuf.IMMessage.IMMsgData;
import dev.switchboard.client.TeamTalkClient;
import dev.switchboard.e2e.Exposition.Format;
import dev.switchboard.e2e.Exposition.Sample;
import dev.switchboard.proto.Topics;
import dev.switchboard.proto.envelope.GatewayLease;
import dev.switchboard.proto.envelope.PresenceEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Prometheus scrapes from a running Switchboard, over HTTP from each service's {@code /actuator/prometheus} as
 * Prometheus asks for it: after real traffic over sockets (logins, a 1:1 message and a group message across gateways,
 * a burst over the rate limit, a bad frame, a duplicate login, a poison record on {@code im.route}, a gateway that
 * registers and then stops renewing its lease) the meters show each of them; each scrape is a valid exposition in
 * both text formats ({@link Exposition}); and every metric, label and literal label value the Grafana dashboard and
 * the alert rules query exists in the scrape of the service that exports it. Users 390-399.
 */
class PrometheusMetricsTest {

    /** Prometheus' Accept header: OpenMetrics first, then the 0.0.4 text format. */
    private static final String OPENMETRICS_ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";
    private static final String TEXT_ACCEPT = "text/plain;version=0.0.4;q=0.3,*/*;q=0.2";
    /** Labels Prometheus adds to every series from the scrape target, absent from the scrape itself. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job", "namespace", "pod", "service",
            "container", "endpoint");
    /** Series Prometheus writes itself for each target. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    /** A Grafana query variable's query: the values of a label of a metric. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+), *(\\w+)\\)");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Cluster cluster = Cluster.get();
    @RegisterExtension
    final TestClients clients = new TestClients(cluster);
    /** The scraped services by name; two gateways stand for all. */
    private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();

    PrometheusMetricsTest() {
        services.put("presence-service", cluster.presence);
        services.put("route-service", cluster.route);
        services.put("gw-0", cluster.gateways.get(0));
        services.put("gw-1", cluster.gateways.get(1));
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExportedAndCountsRealTraffic() throws Exception {
        Map<String, Exposition> before = scrapeAll(Format.OPENMETRICS);

        driveTraffic();

        await().atMost(WAIT).untilAsserted(() -> assertTrafficCounted(before, scrapeAll(Format.OPENMETRICS)));
        for (Format format : Format.values()) {
            Map<String, Exposition> scrapes = scrapeAll(format);
            MonitoringFiles.expressions().forEach((source, expression) ->
                    assertQueriesExported(format + " " + source, PromQl.parse(expression), scrapes));
            MonitoringFiles.variableQueries().forEach((variable, query) -> {
                Matcher labelValues = LABEL_VALUES.matcher(query);
                assertThat(labelValues.matches()).as("query of variable %s: %s", variable, query).isTrue();
                assertQueriesExported(format + " variable " + variable, new PromQl(List.of(new PromQl.Selector(
                        labelValues.group(1), List.of())), Set.of(labelValues.group(2))), scrapes);
            });
        }
    }

    /** What operators watch for, each once or a little more, through the public interfaces. */
    private void driveTraffic() throws Exception {
        TeamTalkClient sender = clients.login(390, 0, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient receiver = clients.login(391, 1, ClientType.CLIENT_TYPE_WINDOWS);
        TeamTalkClient member = clients.login(392, 2, ClientType.CLIENT_TYPE_WINDOWS);
        List.of(390, 391, 392).forEach(user -> cluster.awaitConnections(user, 1));

        sender.sendText(391, "a 1:1 message across gateways");
        receiver.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT);
        int group = GroupCalls.createTmp(sender, "metrics", List.of(391, 392));
        sender.sendGroupTextAsync(group, "a group message").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        member.awaitIncoming(MessageCmdID.CID_MSG_DATA_VALUE, IMMsgData.parser(), WAIT);

        TeamTalkClient flooder = clients.login(393, 0, ClientType.CLIENT_TYPE_WINDOWS);
        for (int i = 0; i < 30; i++) { // 20 per second are allowed, the rest is dropped
            flooder.sendTextAsync(394, "burst " + i);
        }

        TeamTalkClient malformed = clients.connect(0);
        malformed.sendBytes(new byte[] {0, 0, 0, 5}); // a length under the 16-byte header
        assertThat(malformed.awaitClosed(WAIT)).as("closed for a bad frame").isTrue();

        TeamTalkClient first = clients.login(395, 0, ClientType.CLIENT_TYPE_WINDOWS);
        cluster.awaitConnections(395, 1);
        clients.login(395, 2, ClientType.CLIENT_TYPE_MAC); // the newer PC login of the user wins
        assertThat(first.awaitClosed(WAIT)).as("the older PC login kicked").isTrue();

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.ROUTE, "poison",
                    "not an envelope".getBytes(StandardCharsets.US_ASCII))).get();
            // a gateway registers with a short lease and is never heard of again: a crash as presence sees it
            String ghost = "gw-ghost-" + UUID.randomUUID().toString().substring(0, 8);
            long now = System.currentTimeMillis();
            producer.send(new ProducerRecord<>(Topics.PRESENCE, ghost, PresenceEvent.newBuilder()
                    .setLease(GatewayLease.newBuilder().setGatewayId(ghost).setHost("127.0.0.1").setPort(1)
                            .setMaxConnections(10).setAtMillis(now).setLeaseMillis(300).setRunId(now))
                    .build().toByteArray())).get();
        }
    }

    private static void assertTrafficCounted(Map<String, Exposition> before, Map<String, Exposition> after) {
        Increase increase = new Increase(before, after);
        increase.atLeast("gw-0", "im_gateway_logins_total", Map.of("result", "ok"), 3);
        increase.atLeast("gw-0", "im_gateway_ack_latency_seconds_count", Map.of("type", "single"), 1);
        increase.atLeast("gw-0", "im_gateway_ack_latency_seconds_count", Map.of("type", "group"), 1);
        increase.atLeast("gw-0", "im_gateway_commands_total", Map.of("command", "0x301"), 2);
        increase.atLeast("gw-0", "im_gateway_commands_sent_total", Map.of("command", "0x302"), 2);
        increase.atLeast("gw-0", "im_gateway_messages_dropped_total", Map.of("reason", "rate_limited"), 1);
        increase.atLeast("gw-0", "im_gateway_frames_rejected_total", Map.of("reason", "too_short"), 1);
        increase.atLeast("gw-0", "im_gateway_connections_closed_total", Map.of("reason", "kicked"), 1);
        increase.atLeast("gw-1", "im_gateway_delivery_latency_seconds_count", Map.of("type", "single"), 1);
        increase.atLeast("gw-1", "im_gateway_delivery_latency_seconds_count", Map.of("type", "group"), 1);
        increase.atLeast("gw-1", "im_gateway_deliveries_total", Map.of("result", "ok"), 2);
        increase.atLeast("route-service", "im_route_messages_total", Map.of("result", "stored"), 1);
        increase.atLeast("route-service", "im_route_group_messages_total", Map.of("result", "stored"), 1);
        increase.atLeast("route-service", "im_kafka_dead_letters_total", Map.of("topic", Topics.ROUTE), 1);
        increase.atLeast("route-service", "im_history_messages_total", Map.of("result", "stored"), 2);
        increase.atLeast("presence-service", "im_presence_events_total", Map.of("kind", "online"), 4);
        increase.atLeast("presence-service", "im_presence_kicks_total", Map.of("reason", "duplicate_user"), 1);
        increase.atLeast("presence-service", "im_presence_gateways_released_total",
                Map.of("reason", "lease_expired"), 1);
        for (String service : after.keySet()) {
            increase.atLeast(service, "lettuce_command_completion_seconds_count", Map.of(), 1);
        }
    }

    /**
     * Every metric of {@code query} is in the scrape of each service that exports it, with every label the query
     * matches on and every literal value it matches; its grouping labels are on one of its metrics (or come from the
     * scrape target).
     */
    private static void assertQueriesExported(String source, PromQl query, Map<String, Exposition> scrapes) {
        assertThat(query.selectors()).as(source).isNotEmpty();
        Set<String> labels = new HashSet<>(TARGET_LABELS);
        for (PromQl.Selector selector : query.selectors()) {
            if (PROMETHEUS_SERIES.contains(selector.metric())) {
                selector.matchers().forEach(matcher -> labels.add(matcher.label()));
                continue;
            }
            List<Sample> samples = new ArrayList<>();
            for (String service : exporters(selector.metric(), scrapes.keySet())) {
                assertThat(scrapes.get(service).sampleNames()).as("%s: %s in the scrape of %s", source,
                        selector.metric(), service).contains(selector.metric());
                samples.addAll(scrapes.get(service).samples(selector.metric()));
            }
            Set<String> own = new HashSet<>();
            samples.forEach(sample -> own.addAll(sample.labels().keySet()));
            labels.addAll(own);
            for (PromQl.Matcher matcher : selector.matchers()) {
                if (TARGET_LABELS.contains(matcher.label())) {
                    continue;
                }
                assertThat(own).as("%s: label %s of %s", source, matcher.label(), selector.metric())
                        .contains(matcher.label());
                if (matcher.literalEquality()) {
                    assertThat(samples).as("%s: %s{%s=\"%s\"}", source, selector.metric(), matcher.label(),
                            matcher.value()).anyMatch(s -> matcher.value().equals(s.labels().get(matcher.label())));
                }
            }
        }
        assertThat(labels).as("%s: grouping labels", source).containsAll(query.groupingLabels());
    }

    /** The services that export a metric: by its service prefix, or every service (Kafka, Redis, JVM, ...). */
    private static List<String> exporters(String metric, Set<String> services) {
        if (metric.startsWith("im_gateway_")) {
            return services.stream().filter(service -> service.startsWith("gw-")).toList();
        }
        if (metric.startsWith("im_route_") || metric.startsWith("im_history_")) {
            return List.of("route-service");
        }
        if (metric.startsWith("im_presence_")) {
            return List.of("presence-service");
        }
        return List.copyOf(services);
    }

    private Map<String, Exposition> scrapeAll(Format format) throws Exception {
        Map<String, Exposition> scrapes = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigurableApplicationContext> service : services.entrySet()) {
            scrapes.put(service.getKey(), scrape(service.getKey(), Cluster.httpPort(service.getValue()), format));
        }
        return scrapes;
    }

    private static Exposition scrape(String service, int port, Format format) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Accept", format == Format.OPENMETRICS ? OPENMETRICS_ACCEPT : TEXT_ACCEPT)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("scrape of %s", service).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as("scrape of %s", service).hasValueSatisfying(
                type -> assertThat(type.replace(" ", "")).startsWith(format == Format.OPENMETRICS
                        ? "application/openmetrics-text;version=1.0.0" : "text/plain;version=0.0.4"));
        try {
            return Exposition.parse(response.body(), format);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("invalid scrape of " + service + ": " + e.getMessage(), e);
        }
    }

    /** Differences between two scrapes of the same services. */
    private record Increase(Map<String, Exposition> before, Map<String, Exposition> after) {

        void atLeast(String service, String sample, Map<String, String> labels, double expected) {
            assertThat(after.get(service).samples(sample)).as("%s in the scrape of %s", sample, service)
                    .isNotEmpty();
            double increase = after.get(service).sum(sample, labels) - before.get(service).sum(sample, labels);
            assertThat(increase).as("increase of %s%s at %s", sample, labels, service)
                    .isGreaterThanOrEqualTo(expected);
        }
    }
}
