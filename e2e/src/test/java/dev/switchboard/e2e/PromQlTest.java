package dev.switchboard.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PromQl} finds what an expression reads, and nothing else, in the shapes the dashboard and alerts use. */
class PromQlTest {

    @Test
    void readsTheMetricsMatchersAndGroupingLabelsOfAnExpressionWithGrafanaVariables() {
        PromQl query = PromQl.parse("histogram_quantile(0.99, sum by (le, type) (rate(im_gateway_delivery_latency_"
                + "seconds_bucket{le=\"0.5\",gateway=~\"$gateway\"}[$__rate_interval]))) / sum without (instance) "
                + "(rate(im_gateway_delivery_latency_seconds_count[5m] offset 1h)) > 0.5 and on(gateway) up == 0");

        assertThat(query.metrics()).containsExactly("im_gateway_delivery_latency_seconds_bucket",
                "im_gateway_delivery_latency_seconds_count", "up");
        assertThat(query.selectors().get(0).matchers()).containsExactly(new PromQl.Matcher("le", "=", "0.5"),
                new PromQl.Matcher("gateway", "=~", "$gateway"));
        assertThat(query.selectors().get(0).matchers()).filteredOn(PromQl.Matcher::literalEquality)
                .extracting(PromQl.Matcher::label).containsExactly("le");
        assertThat(query.groupingLabels()).containsExactly("le", "type", "instance", "gateway");
    }

    @Test
    void takesAggregationsWithTheirGroupingAfterwardsAndKeywordsForNoMetric() {
        PromQl query = PromQl.parse("sum(increase(im_kafka_dead_letters_total{topic!=\"a\\\"b\"}[10m])) by (topic) "
                + "> bool 0 unless count(process_uptime_seconds) < 1e3");

        assertThat(query.metrics()).containsExactly("im_kafka_dead_letters_total", "process_uptime_seconds");
        assertThat(query.selectors().get(0).matchers()).containsExactly(new PromQl.Matcher("topic", "!=", "a\"b"));
        assertThat(query.groupingLabels()).containsExactly("topic");
    }

    @Test
    void rejectsASelectorWithoutAMetricName() {
        assertThatThrownBy(() -> PromQl.parse("sum(rate({__name__=~\"im_.*\"}[5m]))"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
