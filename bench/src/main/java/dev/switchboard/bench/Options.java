package dev.switchboard.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of one scenario, each declared with its default and a one-line description, parsed from
 * {@code --name value} or {@code --name=value}. {@link #usage()} lists them; {@link #values()} goes into the JSON
 * summary as the run's parameters.
 */
final class Options {

    private static final int DESCRIPTION_WIDTH = 76;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    private record Option(String name, String defaultValue, String description, boolean flag) {
    }

    private final String scenario;
    private final String summary;
    private final Map<String, Option> declared = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private boolean help;

    Options(String scenario, String summary) {
        this.scenario = scenario;
        this.summary = summary;
    }

    /** Declares {@code --name VALUE} with its default ({@code ""}: none). */
    Options option(String name, String defaultValue, String description) {
        declared.put(name, new Option(name, defaultValue, description, false));
        values.put(name, defaultValue);
        return this;
    }

    /** Declares {@code --name} without a value, false unless given. */
    Options flag(String name, String description) {
        declared.put(name, new Option(name, "false", description, true));
        values.put(name, "false");
        return this;
    }

    /**
     * Reads {@code args} over the defaults.
     *
     * @throws IllegalArgumentException naming the unknown option or the missing value
     */
    Options parse(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg + " (see --help)");
            }
            int equals = arg.indexOf('=');
            String name = (equals > 0 ? arg.substring(0, equals) : arg).substring(2);
            Option option = declared.get(name);
            if (option == null) {
                throw new IllegalArgumentException("unknown option for " + scenario + ": --" + name + " (see --help)");
            }
            if (equals > 0) {
                values.put(name, arg.substring(equals + 1));
            } else if (option.flag()) {
                values.put(name, "true");
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + ": missing value (see --help)");
            }
        }
        return this;
    }

    boolean help() {
        return help;
    }

    String string(String name) {
        return value(name);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(value(name));
    }

    int integer(String name, int min, int max) {
        String value = value(name);
        try {
            int number = Integer.parseInt(value.replace("_", "").trim());
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + value + "' (expected: a number from " + min
                    + " to " + max + ")");
        }
    }

    double number(String name, double min) {
        String value = value(name);
        try {
            double number = Double.parseDouble(value.replace("_", "").trim());
            if (!(number >= min) || Double.isInfinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + value + "' (expected: a number >= " + min + ")");
        }
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m} or plain seconds. */
    Duration duration(String name) {
        String value = value(name).trim().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--" + name + ": '" + value + "' (expected: a duration like 30s, 500ms"
                    + " or 2m)");
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            default -> amount * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** Every option's value, defaults included, by name: the run's parameters. */
    Map<String, String> values() {
        return new LinkedHashMap<>(values);
    }

    String usage() {
        StringBuilder text = new StringBuilder();
        text.append("usage: ./switchboard bench ").append(scenario).append(" [options]\n\n");
        text.append(summary.strip()).append("\n\noptions:\n");
        for (Option option : declared.values()) {
            String left = "  --" + option.name() + (option.flag() ? "" : " V");
            String defaults = option.flag() || option.defaultValue().isEmpty() ? ""
                    : " (default " + option.defaultValue() + ")";
            text.append(String.format("%-30s", left));
            int column = 0;
            for (String word : (option.description() + defaults).split(" ")) {
                if (column > 0 && column + word.length() > DESCRIPTION_WIDTH) {
                    text.append(String.format("%n%-30s", ""));
                    column = 0;
                }
                text.append(' ').append(word);
                column += word.length() + 1;
            }
            text.append('\n');
        }
        text.append(String.format("%-30s %s%n", "  --help", "print this help"));
        return text.toString();
    }

    private String value(String name) {
        if (!declared.containsKey(name)) {
            throw new IllegalStateException("undeclared option " + name);
        }
        return values.get(name);
    }
}
