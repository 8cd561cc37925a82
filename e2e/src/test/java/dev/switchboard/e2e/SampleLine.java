package dev.switchboard.e2e;

import dev.switchboard.e2e.Exposition.Format;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One sample line of a scrape, {@code name{labels} value [timestamp] [# exemplar]}, read strictly: metric and label
 * names, quoting and escapes of label values, unique label names, the value and timestamp as numbers, an exemplar
 * only in OpenMetrics. {@link #parse} throws {@link IllegalArgumentException} naming the problem.
 *
 * @param exemplar whether the line carries an exemplar
 */
record SampleLine(String name, Map<String, String> labels, double value, boolean exemplar) {

    static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    static SampleLine parse(String line, Format format) {
        return new Reader(line, format).read();
    }

    /** A sample value or bucket bound: a decimal or scientific number, {@code +Inf}, {@code -Inf} or {@code NaN}. */
    static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                requireMatch(NUMBER, text, "number");
                yield Double.parseDouble(text);
            }
        };
    }

    /** A HELP text with its escapes resolved: {@code \\} and {@code \n}, and {@code \"} in OpenMetrics. */
    static String unescapeHelp(String text, boolean quotesEscaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (next == '\\' || next == 'n' || (quotesEscaped && next == '"')) {
                out.append(next == 'n' ? '\n' : next);
                i++;
            } else {
                throw new IllegalArgumentException("bad escape in HELP: " + text);
            }
        }
        return out.toString();
    }

    static void requireMatch(Pattern pattern, String text, String what) {
        if (!pattern.matcher(text).matches()) {
            throw new IllegalArgumentException("bad " + what + " '" + text + "'");
        }
    }

    private static final class Reader {

        private final Format format;
        private String line;

        Reader(String line, Format format) {
            this.line = line;
            this.format = format;
        }

        SampleLine read() {
            int position = 0;
            while (position < line.length() && line.charAt(position) != '{' && line.charAt(position) != ' ') {
                position++;
            }
            String name = line.substring(0, position);
            requireMatch(METRIC_NAME, name, "metric name");
            Map<String, String> labels = new TreeMap<>();
            if (position < line.length() && line.charAt(position) == '{') {
                position = labels(position + 1, labels);
            }
            if (position >= line.length() || line.charAt(position) != ' ') {
                fail("no space before the value");
            }
            String rest = line.substring(position + 1);
            String exemplar = null;
            int hash = rest.indexOf(" # ");
            if (hash >= 0) {
                if (format != Format.OPENMETRICS) {
                    fail("an exemplar in the 0.0.4 format");
                }
                exemplar = rest.substring(hash + 3);
                rest = rest.substring(0, hash);
            }
            String[] valueAndTime = rest.split(" ", -1);
            if (valueAndTime.length > 2) {
                fail("more than a value and a timestamp");
            }
            double value = number(valueAndTime[0]);
            if (valueAndTime.length == 2) {
                requireMatch(TIMESTAMP, valueAndTime[1], "timestamp");
            }
            if (exemplar != null) {
                exemplar(exemplar);
            }
            return new SampleLine(name, Map.copyOf(labels), value, exemplar != null);
        }

        private int labels(int position, Map<String, String> labels) {
            while (true) {
                if (position >= line.length()) {
                    fail("unterminated labels");
                }
                if (line.charAt(position) == '}') {
                    return position + 1;
                }
                int equals = line.indexOf('=', position);
                if (equals < 0) {
                    fail("label without '='");
                }
                String name = line.substring(position, equals);
                requireMatch(LABEL_NAME, name, "label name");
                if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                    fail("label value not quoted");
                }
                StringBuilder value = new StringBuilder();
                int i = equals + 2;
                while (true) {
                    if (i >= line.length()) {
                        fail("unterminated label value");
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
                        switch (next) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> fail("bad escape in a label value");
                        }
                        i += 2;
                        continue;
                    }
                    value.append(c);
                    i++;
                }
                if (labels.put(name, value.toString()) != null) {
                    fail("label " + name + " twice");
                }
                position = i + 1;
                if (position < line.length() && line.charAt(position) == ',') {
                    position++;
                    if (format == Format.OPENMETRICS && position < line.length() && line.charAt(position) == '}') {
                        fail("trailing comma in labels");
                    }
                } else if (position >= line.length() || line.charAt(position) != '}') {
                    fail("labels not separated by ','");
                }
            }
        }

        private void exemplar(String text) {
            if (!text.startsWith("{")) {
                fail("exemplar without labels");
            }
            String saved = line;
            line = text;
            int end = labels(1, new TreeMap<>());
            String[] rest = text.substring(end).trim().split(" ");
            line = saved;
            number(rest[0]);
            if (rest.length > 2 || (rest.length == 2 && !TIMESTAMP.matcher(rest[1]).matches())) {
                fail("bad exemplar value or timestamp");
            }
        }

        private static void fail(String problem) {
            throw new IllegalArgumentException(problem);
        }
    }
}
