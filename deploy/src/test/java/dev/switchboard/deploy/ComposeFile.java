package dev.switchboard.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as Compose reads it: YAML merge keys applied, and every {@code ${VAR:-default}} replaced by the
 * variable's value from the given shell environment, else by its default (an unset {@code ${VAR}} by nothing).
 */
record ComposeFile(Map<String, Object> root) {

    static final String PATH = "docker-compose.yml";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::?-([^}]*))?}");

    static ComposeFile read() {
        return read(Map.of());
    }

    static ComposeFile read(Map<String, String> shell) {
        String text = interpolate(RepositoryFiles.read(PATH), shell);
        return new ComposeFile(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
    }

    private static String interpolate(String text, Map<String, String> shell) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = shell.getOrDefault(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(result).toString();
    }

    Map<String, Object> services() {
        return map(root.get("services"));
    }

    Map<String, Object> service(String name) {
        return map(services().get(name));
    }

    /** A service's environment as strings (Compose passes every value as a string). */
    Map<String, String> environment(String name) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        map(service(name).get("environment")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (!(value instanceof List<?>)) {
            throw new IllegalArgumentException("expected a list, got " + value);
        }
        return (List<Object>) value;
    }
}
