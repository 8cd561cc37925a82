package dev.switchboard.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * helm/switchboard rendered and linted by Helm itself (helm-java embeds Helm as a native library), as release
 * {@value #RELEASE} in namespace {@value #NAMESPACE}. Value sets are files under {@code src/test/resources/values/},
 * given after the chart's own values.yaml exactly as {@code helm template -f} would take them.
 */
final class Chart {

    static final String RELEASE = "chat";
    static final String NAMESPACE = "im";
    /** The release's base name ({@code <release>-<chart>}) and the gateways' StatefulSet. */
    static final String FULLNAME = "chat-switchboard";
    static final String GATEWAYS = FULLNAME + "-gateway";
    /** The cluster version templates render for (Helm defaults to 1.20; the chart needs 1.23: autoscaling/v2). */
    static final String KUBE_VERSION = "1.30.0";

    private Chart() {
    }

    /** {@code helm template} with the default values followed by the named value sets. */
    static RenderedChart render(String... valueSets) {
        return RenderedChart.parse(template(valueSets));
    }

    /** The raw output of {@code helm template}; throws Helm's error when the chart refuses the values. */
    static String template(String... valueSets) {
        TemplateCommand template = new Helm(RepositoryFiles.CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (String valueSet : valueSets) {
            template = template.withValuesFile(valuesFile(valueSet));
        }
        return template.call();
    }

    /**
     * {@code helm lint --strict} of the chart as it stands with the value sets: helm-java's lint takes no values
     * file, so the chart is copied and its values.yaml replaced by the defaults merged with the value sets.
     */
    static LintResult lint(Path workDirectory, String... valueSets) {
        Path copy = workDirectory.resolve("switchboard");
        copyTree(RepositoryFiles.CHART, copy);
        Map<String, Object> values = load(RepositoryFiles.CHART.resolve("values.yaml"));
        for (String valueSet : valueSets) {
            values = merge(values, load(valuesFile(valueSet)));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        write(copy.resolve("values.yaml"), new Yaml(options).dump(values));
        return new Helm(copy).lint().strict().call();
    }

    static Path valuesFile(String valueSet) {
        Path file = RepositoryFiles.ROOT.resolve("deploy/src/test/resources/values/" + valueSet + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no value set " + file);
        }
        return file;
    }

    /** Helm's merge of values files: maps merge key by key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> merged.merge(key, value, (old, replacement) ->
                old instanceof Map<?, ?> oldMap && replacement instanceof Map<?, ?> newMap
                        ? merge((Map<String, Object>) oldMap, (Map<String, Object>) newMap) : replacement));
        return merged;
    }

    private static Map<String, Object> load(Path file) {
        Map<String, Object> values = new Yaml(new SafeConstructor(new LoaderOptions())).load(RepositoryFiles.read(file));
        return values == null ? Map.of() : values;
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
