package dev.switchboard.e2e;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of a Prometheus scrape, in either text format Prometheus negotiates: OpenMetrics 1.0.0
 * ({@code application/openmetrics-text}) or the classic text format 0.0.4 ({@code text/plain}). No maintained Java
 * parser of these formats exists (the Prometheus Java client only writes them), so this one checks the two
 * specifications' rules itself and throws {@link IllegalArgumentException} naming the line at the first violation:
 * line syntax ({@link SampleLine}), metadata lines, every family typed before its samples (stricter than the 0.0.4
 * format, which allows untyped samples), families contiguous and declared once, sample names allowed by their
 * family's type, unique series, non-negative counts, histogram buckets (an {@code le} label, cumulative, a
 * {@code +Inf} bucket equal to {@code _count}), summaries' quantiles, and OpenMetrics' {@code # EOF}.
 *
 * @param families by family name, in the order of the scrape
 */
record Exposition(Map<String, Family> families) {

    /** The two text formats. */
    enum Format { OPENMETRICS, TEXT_004 }

    /** A metric family: its metadata and samples. */
    record Family(String name, String type, String help, List<Sample> samples) {
    }

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Set<String> OPENMETRICS_TYPES =
            Set.of("counter", "gauge", "histogram", "gaugehistogram", "stateset", "info", "summary", "unknown");
    private static final Set<String> TEXT_TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** Parses and validates a scrape; throws {@link IllegalArgumentException} at the first violation. */
    static Exposition parse(String body, Format format) {
        return new Reader(body, format).read();
    }

    /** Every sample name of the scrape ({@code im_route_deliveries_total}, {@code ..._bucket}, ...). */
    Set<String> sampleNames() {
        Set<String> names = new HashSet<>();
        families.values().forEach(family -> family.samples().forEach(sample -> names.add(sample.name())));
        return names;
    }

    /** The samples with this name. */
    List<Sample> samples(String sampleName) {
        List<Sample> found = new ArrayList<>();
        families.values().forEach(family -> family.samples().stream()
                .filter(sample -> sample.name().equals(sampleName)).forEach(found::add));
        return found;
    }

    /** The sum of the samples with this name whose labels include {@code labels}; 0 when there are none. */
    double sum(String sampleName, Map<String, String> labels) {
        return samples(sampleName).stream().filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    private static final class Reader {

        private final String body;
        private final Format format;
        private final Map<String, Family> families = new LinkedHashMap<>();
        private final Set<String> closed = new HashSet<>();
        private Family current;
        private String currentHelp;
        private int lineNumber;
        private String line;

        Reader(String body, Format format) {
            this.body = body;
            this.format = format;
        }

        Exposition read() {
            if (!body.endsWith("\n")) {
                throw new IllegalArgumentException("the last line does not end with a line feed");
            }
            String[] lines = body.split("\n", -1);
            boolean eof = false;
            for (int i = 0; i < lines.length - 1; i++) {
                lineNumber = i + 1;
                line = lines[i];
                if (eof) {
                    fail("content after # EOF");
                }
                if (format == Format.OPENMETRICS && line.equals("# EOF")) {
                    eof = true;
                } else if (line.startsWith("#")) {
                    metadata();
                } else if (line.isEmpty()) {
                    if (format == Format.OPENMETRICS) {
                        fail("empty line");
                    }
                } else {
                    sample();
                }
            }
            if (format == Format.OPENMETRICS && !eof) {
                throw new IllegalArgumentException("no # EOF at the end");
            }
            closeCurrent();
            return new Exposition(families);
        }

        private void metadata() {
            String[] parts = line.split(" ", 4);
            boolean known = parts.length >= 3 && parts[0].equals("#")
                    && (parts[1].equals("TYPE") || parts[1].equals("HELP")
                    || (format == Format.OPENMETRICS && parts[1].equals("UNIT")));
            if (!known) {
                if (format == Format.OPENMETRICS) {
                    fail("not a TYPE, HELP or UNIT line");
                }
                return; // a comment in the 0.0.4 format
            }
            String name = parts[2];
            requireMatch(SampleLine.METRIC_NAME, name, "metric name");
            String text = parts.length == 4 ? parts[3] : "";
            if (parts.length == 3 && format == Format.OPENMETRICS && !parts[1].equals("HELP")) {
                fail("no value");
            }
            if (current == null || !current.name().equals(name)) {
                closeCurrent();
                if (families.containsKey(name) || closed.contains(name)) {
                    fail("family " + name + " declared twice or not contiguous");
                }
                current = new Family(name, null, null, new ArrayList<>());
                currentHelp = null;
            } else if (!current.samples().isEmpty()) {
                fail("metadata after the samples of " + name);
            }
            switch (parts[1]) {
                case "TYPE" -> {
                    if (current.type() != null) {
                        fail("second TYPE of " + name);
                    }
                    if (!(format == Format.OPENMETRICS ? OPENMETRICS_TYPES : TEXT_TYPES).contains(text)) {
                        fail("unknown type " + text);
                    }
                    if (format == Format.OPENMETRICS && text.equals("counter") && name.endsWith("_total")) {
                        fail("OpenMetrics counter family named with _total");
                    }
                    current = new Family(name, text, currentHelp, current.samples());
                }
                case "HELP" -> {
                    if (currentHelp != null) {
                        fail("second HELP of " + name);
                    }
                    currentHelp = SampleLine.unescapeHelp(text, format == Format.OPENMETRICS);
                    current = new Family(name, current.type(), currentHelp, current.samples());
                }
                default -> {
                    if (!text.isEmpty() && !name.endsWith("_" + text)) {
                        fail("UNIT " + text + " is not the suffix of " + name);
                    }
                }
            }
        }

        private void sample() {
            SampleLine sample;
            try {
                sample = SampleLine.parse(line, format);
            } catch (IllegalArgumentException e) {
                fail(e.getMessage());
                return;
            }
            Family family = familyOf(sample.name());
            String suffix = sample.name().substring(family.name().length());
            checkSampleName(family, suffix, sample.labels(), sample.exemplar());
            if (family.samples().stream().anyMatch(s -> s.name().equals(sample.name())
                    && s.labels().equals(sample.labels()))) {
                fail("duplicate series " + sample.name() + sample.labels());
            }
            family.samples().add(new Sample(sample.name(), sample.labels(), sample.value()));
        }

        /** The family a sample belongs to: the current one, by its type's sample names. */
        private Family familyOf(String sampleName) {
            if (current == null || !sampleName.startsWith(current.name())) {
                fail("sample " + sampleName + " without a TYPE line before it (or its family is not contiguous)");
            }
            if (current.type() == null) {
                fail("family " + current.name() + " has no TYPE");
            }
            return current;
        }

        private void checkSampleName(Family family, String suffix, Map<String, String> labels, boolean exemplar) {
            boolean om = format == Format.OPENMETRICS;
            List<String> allowed = switch (family.type()) {
                case "counter" -> om ? List.of("_total", "_created") : List.of("");
                case "histogram" -> om ? List.of("_bucket", "_count", "_sum", "_created")
                        : List.of("_bucket", "_count", "_sum");
                case "gaugehistogram" -> List.of("_bucket", "_gcount", "_gsum");
                case "summary" -> om ? List.of("", "_count", "_sum", "_created") : List.of("", "_count", "_sum");
                case "info" -> List.of("_info");
                default -> List.of("");
            };
            if (!allowed.contains(suffix)) {
                fail("sample suffix '" + suffix + "' not allowed for a " + family.type() + " (" + family.name() + ")");
            }
            if (exemplar && !(suffix.equals("_total") || suffix.equals("_bucket"))) {
                fail("an exemplar on a sample other than a counter's _total or a histogram's _bucket");
            }
            boolean bucket = suffix.equals("_bucket");
            if (bucket != labels.containsKey("le")) {
                fail(bucket ? "bucket without le" : "le label outside a histogram bucket");
            }
            if (bucket) {
                try {
                    SampleLine.number(labels.get("le"));
                } catch (IllegalArgumentException e) {
                    fail("bad le");
                }
            }
            boolean quantile = family.type().equals("summary") && suffix.isEmpty();
            if (quantile != labels.containsKey("quantile")) {
                fail(quantile ? "summary sample without quantile" : "quantile label outside a summary");
            }
        }

        /** Checks what can only be checked once a family's samples are all read. */
        private void closeCurrent() {
            if (current == null) {
                return;
            }
            Family family = current;
            current = null;
            closed.add(family.name());
            families.put(family.name(), family);
            for (Sample sample : family.samples()) {
                String suffix = sample.name().substring(family.name().length());
                boolean count = (family.type().equals("counter") && !suffix.equals("_created"))
                        || suffix.equals("_bucket") || suffix.equals("_count");
                if (count && !(sample.value() >= 0)) {
                    throw new IllegalArgumentException(family.name() + ": negative or NaN count " + sample);
                }
            }
            if (family.type().equals("histogram") || family.type().equals("gaugehistogram")) {
                checkBuckets(family);
            }
        }

        /** Per series (labels but le): cumulative buckets, ending with +Inf, whose count is the series' _count. */
        private static void checkBuckets(Family family) {
            Map<Map<String, String>, TreeMap<Double, Double>> series = new LinkedHashMap<>();
            Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
            String countSuffix = family.type().equals("histogram") ? "_count" : "_gcount";
            for (Sample sample : family.samples()) {
                Map<String, String> key = new TreeMap<>(sample.labels());
                key.remove("le");
                if (sample.name().endsWith("_bucket")) {
                    String le = sample.labels().get("le");
                    double bound = SampleLine.number(le);
                    series.computeIfAbsent(key, k -> new TreeMap<>()).put(bound, sample.value());
                } else if (sample.name().endsWith(countSuffix)) {
                    counts.put(key, sample.value());
                }
            }
            series.forEach((labels, buckets) -> {
                if (!buckets.containsKey(Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException(family.name() + labels + ": no +Inf bucket");
                }
                double previous = 0;
                for (double count : buckets.values()) {
                    if (count < previous) {
                        throw new IllegalArgumentException(family.name() + labels + ": buckets not cumulative");
                    }
                    previous = count;
                }
                Double total = counts.get(labels);
                if (total == null || total != previous) {
                    throw new IllegalArgumentException(family.name() + labels + ": +Inf bucket " + previous
                            + " but count " + total);
                }
            });
        }

        private void requireMatch(Pattern pattern, String text, String what) {
            if (!pattern.matcher(text).matches()) {
                fail("bad " + what + " '" + text + "'");
            }
        }

        private void fail(String problem) {
            throw new IllegalArgumentException(format + " line " + lineNumber + ": " + problem + ": " + line);
        }
    }
}
