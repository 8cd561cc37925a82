package dev.switchboard.e2e;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The metric selectors and grouping labels of a PromQL expression (with Grafana's {@code $variables}), found by a
 * small scanner: enough to check that a dashboard or an alert names only metrics, labels and label values a service
 * exports. It knows PromQL's lexical structure (strings, numbers, durations in brackets, {@code offset}, aggregation
 * operators, functions before a parenthesis, {@code by/without/on/ignoring/group_left/group_right} label lists, binary
 * keywords); it does not check the grammar. A selector without a metric name is rejected, so every series an
 * expression reads is named.
 *
 * @param selectors every {@code metric{matchers}} in the expression, in order
 * @param groupingLabels the labels of every {@code by}, {@code without}, {@code on}, ... list
 */
record PromQl(List<Selector> selectors, Set<String> groupingLabels) {

    /** A vector selector: a metric name and its label matchers. */
    record Selector(String metric, List<Matcher> matchers) {
    }

    /** A label matcher, {@code op} one of {@code = != =~ !~}; {@code value} unescaped. */
    record Matcher(String label, String op, String value) {

        /** An equality matcher with a literal value (no Grafana variable): the value must exist. */
        boolean literalEquality() {
            return op.equals("=") && !value.contains("$");
        }
    }

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "atan2", "inf", "nan");
    /** Aggregation operators, which may stand before their {@code by/without} list instead of a parenthesis. */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    static PromQl parse(String expression) {
        Scanner scanner = new Scanner(expression);
        scanner.run();
        return new PromQl(scanner.selectors, scanner.grouping);
    }

    /** Every metric name the expression reads. */
    Set<String> metrics() {
        Set<String> names = new LinkedHashSet<>();
        selectors.forEach(selector -> names.add(selector.metric()));
        return names;
    }

    private static final class Scanner {

        private final String text;
        private final List<Selector> selectors = new ArrayList<>();
        private final Set<String> grouping = new LinkedHashSet<>();
        private int position;

        Scanner(String text) {
            this.text = text;
        }

        void run() {
            while (position < text.length()) {
                char c = text.charAt(position);
                if (Character.isWhitespace(c)) {
                    position++;
                } else if (c == '"' || c == '\'' || c == '`') {
                    string();
                } else if (Character.isDigit(c) || (c == '.' && position + 1 < text.length()
                        && Character.isDigit(text.charAt(position + 1)))) {
                    while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                            || text.charAt(position) == '.')) {
                        position++;
                    }
                } else if (c == '$') {
                    variable();
                } else if (c == '[') {
                    skipPast(']');
                } else if (c == '{') {
                    throw new IllegalArgumentException("a selector without a metric name: " + text);
                } else if (Character.isLetter(c) || c == '_' || c == ':') {
                    identifier();
                } else {
                    position++;
                }
            }
        }

        private void identifier() {
            int start = position;
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                    || text.charAt(position) == '_' || text.charAt(position) == ':')) {
                position++;
            }
            String word = text.substring(start, position);
            int next = skipSpaces(position);
            if (GROUPING.contains(word)) {
                if (next < text.length() && text.charAt(next) == '(') {
                    int close = text.indexOf(')', next);
                    for (String label : text.substring(next + 1, close).split(",")) {
                        if (!label.isBlank()) {
                            grouping.add(label.trim());
                        }
                    }
                    position = close + 1;
                }
            } else if (word.equals("offset")) {
                position = next;
                while (position < text.length() && Character.isLetterOrDigit(text.charAt(position))) {
                    position++;
                }
            } else if (KEYWORDS.contains(word.toLowerCase()) || AGGREGATIONS.contains(word)
                    || (next < text.length() && text.charAt(next) == '(')) {
                return; // a binary keyword, an aggregation or a function
            } else {
                List<Matcher> matchers = new ArrayList<>();
                if (next < text.length() && text.charAt(next) == '{') {
                    position = next + 1;
                    matchers(matchers);
                }
                selectors.add(new Selector(word, matchers));
            }
        }

        private void matchers(List<Matcher> matchers) {
            while (true) {
                position = skipSpaces(position);
                if (text.charAt(position) == '}') {
                    position++;
                    return;
                }
                int start = position;
                while (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_') {
                    position++;
                }
                String label = text.substring(start, position);
                position = skipSpaces(position);
                String op = text.startsWith("=~", position) || text.startsWith("!~", position)
                        || text.startsWith("!=", position) ? text.substring(position, position + 2) : "=";
                if (op.equals("=") && text.charAt(position) != '=') {
                    throw new IllegalArgumentException("bad matcher at " + position + ": " + text);
                }
                position = skipSpaces(position + op.length());
                matchers.add(new Matcher(label, op, string()));
                position = skipSpaces(position);
                if (text.charAt(position) == ',') {
                    position++;
                }
            }
        }

        /** Reads a string literal at {@link #position}, returns its unescaped value. */
        private String string() {
            char quote = text.charAt(position);
            StringBuilder value = new StringBuilder();
            position++;
            while (text.charAt(position) != quote) {
                if (text.charAt(position) == '\\' && quote != '`') {
                    position++;
                }
                value.append(text.charAt(position));
                position++;
            }
            position++;
            return value.toString();
        }

        private void variable() {
            position++;
            if (position < text.length() && text.charAt(position) == '{') {
                skipPast('}');
                return;
            }
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                    || text.charAt(position) == '_')) {
                position++;
            }
        }

        private void skipPast(char close) {
            position = text.indexOf(close, position) + 1;
            if (position == 0) {
                throw new IllegalArgumentException("no '" + close + "' closes: " + text);
            }
        }

        private int skipSpaces(int from) {
            int i = from;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return i;
        }
    }
}
