package dev.switchboard.e2e;

import dev.switchboard.e2e.Exposition.Format;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Exposition} reads valid scrapes of both formats and rejects each rule a scrape can break. */
class ExpositionTest {

    private static final String HISTOGRAM = """
            # TYPE latency_seconds histogram
            # HELP latency_seconds time spent
            latency_seconds_bucket{type="single",le="0.5"} 2
            latency_seconds_bucket{type="single",le="+Inf"} 3
            latency_seconds_count{type="single"} 3
            latency_seconds_sum{type="single"} 0.75
            """;

    @Test
    void readsAnOpenMetricsScrapeWithCountersHistogramsEscapesAndExemplars() {
        Exposition scrape = Exposition.parse("""
                # TYPE deliveries counter
                # HELP deliveries records \\"produced\\"
                deliveries_total{topic="im.route",note="a \\"b\\" \\\\ c\\nd"} 5.0 # {trace_id="x"} 1.0 1700000000.1
                deliveries_created{topic="im.route",note="a \\"b\\" \\\\ c\\nd"} 1.7E9
                """ + HISTOGRAM + "# EOF\n", Format.OPENMETRICS);

        assertThat(scrape.sampleNames()).contains("deliveries_total", "latency_seconds_bucket", "latency_seconds_sum");
        assertThat(scrape.samples("deliveries_total").get(0).labels()).containsEntry("note", "a \"b\" \\ c\nd");
        assertThat(scrape.sum("latency_seconds_count", Map.of("type", "single"))).isEqualTo(3);
        assertThat(scrape.families().get("deliveries").help()).isEqualTo("records \"produced\"");
    }

    @Test
    void readsA004TextScrapeWithCommentsAndTimestamps() {
        Exposition scrape = Exposition.parse("""
                # a comment
                # HELP deliveries_total records produced
                # TYPE deliveries_total counter
                deliveries_total{topic="im.route",} 5 1700000000000

                # TYPE connections gauge
                connections NaN
                """, Format.TEXT_004);

        assertThat(scrape.sampleNames()).containsExactlyInAnyOrder("deliveries_total", "connections");
    }

    @Test
    void rejectsWhatBreaksTheFormat() {
        assertRejected("# TYPE a counter\na_total 1\n", Format.OPENMETRICS, "no # EOF");
        assertRejected("# TYPE a gauge\na 1\n# EOF\na 2\n", Format.OPENMETRICS, "after # EOF");
        assertRejected("a 1\n# EOF\n", Format.OPENMETRICS, "without a TYPE");
        assertRejected("# TYPE a gauge\n# TYPE b gauge\nb 1\n# TYPE a gauge\na 2\n# EOF\n", Format.OPENMETRICS,
                "declared twice");
        assertRejected("# TYPE a gauge\na{x=\"1\"} 1\na{x=\"1\"} 2\n# EOF\n", Format.OPENMETRICS, "duplicate series");
        assertRejected("# TYPE a gauge\na{x=\"\\t\"} 1\n# EOF\n", Format.OPENMETRICS, "bad escape");
        assertRejected("# TYPE a gauge\na{x=1} 1\n# EOF\n", Format.OPENMETRICS, "not quoted");
        assertRejected("# TYPE a gauge\na{1x=\"1\"} 1\n# EOF\n", Format.OPENMETRICS, "label name");
        assertRejected("# TYPE a gauge\na one\n# EOF\n", Format.OPENMETRICS, "number");
        assertRejected("# TYPE a counter\na_total -1\n# EOF\n", Format.OPENMETRICS, "negative");
        assertRejected("# TYPE a counter\na 1\n# EOF\n", Format.OPENMETRICS, "not allowed");
        assertRejected("# TYPE a_total counter\na_total 1\n# EOF\n", Format.OPENMETRICS, "_total");
        assertRejected("# TYPE a counter\na 1 # {x=\"y\"} 1\n", Format.TEXT_004, "exemplar");
        assertRejected(HISTOGRAM.replace("le=\"+Inf\"} 3", "le=\"+Inf\"} 1"), Format.TEXT_004, "cumulative");
        assertRejected(HISTOGRAM.replace("_count{type=\"single\"} 3", "_count{type=\"single\"} 4"), Format.TEXT_004,
                "count");
        assertRejected(HISTOGRAM.replace("le=\"+Inf\"", "le=\"9\""), Format.TEXT_004, "+Inf");
        assertRejected("# TYPE a gauge\na 1", Format.TEXT_004, "line feed");
    }

    private static void assertRejected(String body, Format format, String problem) {
        assertThatThrownBy(() -> Exposition.parse(body, format)).as(body)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
    }
}
