package dev.switchboard.deploy;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The configuration a service in a rendered pod reads, resolved as Spring Boot resolves it: the container's
 * environment (each secretKeyRef filled from the given Secrets, each fieldRef from the given pod fields), then the
 * files of SPRING_CONFIG_ADDITIONAL_LOCATION read from the mounted ConfigMap (a later file wins), then the service's
 * own application.yml. Properties are read through Spring's Binder, with placeholders resolved, into the services'
 * real properties records. A reference to a missing Secret key, pod field, volume or ConfigMap file fails.
 */
final class PodConfig {

    private final Map<String, String> environment;
    private final Binder binder;

    private PodConfig(Map<String, String> environment, Binder binder) {
        this.environment = environment;
        this.binder = binder;
    }

    /**
     * @param module       the service's Maven module (its application.yml is the lowest-precedence source)
     * @param podFields    downward-API values by fieldPath, e.g. {@code metadata.name}
     * @param secrets      Secret name -> key -> value, the chart's own and any existing ones the values name
     */
    static PodConfig of(RenderedChart chart, V1PodSpec pod, String module, Map<String, String> podFields,
                        Map<String, Map<String, String>> secrets) {
        V1Container container = pod.getContainers().get(0);
        Map<String, String> environment = new LinkedHashMap<>();
        for (V1EnvVar variable : container.getEnv()) {
            environment.put(variable.getName(), value(variable, podFields, secrets));
        }
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(environment)));
        String locations = environment.getOrDefault("SPRING_CONFIG_ADDITIONAL_LOCATION", "");
        List<String> files = locations.isEmpty() ? List.of() : List.of(locations.split(","));
        for (int i = files.size() - 1; i >= 0; i--) {
            String location = files.get(i).strip();
            yaml(location, mountedFile(chart, pod, container, location)).forEach(sources::addLast);
        }
        yaml(module + "/application.yml", RepositoryFiles.read(module + "/src/main/resources/application.yml"))
                .forEach(sources::addLast);
        Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources));
        return new PodConfig(environment, binder);
    }

    /** The container's environment as the process sees it (secrets and pod fields filled in). */
    Map<String, String> environment() {
        return environment;
    }

    /** A property's value with placeholders resolved; fails when nothing sets it. */
    String property(String name) {
        return binder.bind(name, String.class)
                .orElseThrow(() -> new NoSuchElementException("property " + name + " is not set"));
    }

    <T> T property(String name, Class<T> type) {
        return binder.bind(name, type).orElseThrow(() -> new NoSuchElementException("property " + name + " is not set"));
    }

    /** A properties record bound as the service binds it (defaults for what is not set, validation included). */
    <T> T bind(String prefix, Class<T> type) {
        return binder.bindOrCreate(prefix, Bindable.of(type));
    }

    private static String value(V1EnvVar variable, Map<String, String> podFields,
                                Map<String, Map<String, String>> secrets) {
        if (variable.getValueFrom() == null) {
            return variable.getValue();
        }
        if (variable.getValueFrom().getFieldRef() != null) {
            String path = variable.getValueFrom().getFieldRef().getFieldPath();
            return require(podFields.get(path), "pod field " + path);
        }
        if (variable.getValueFrom().getSecretKeyRef() != null) {
            var reference = variable.getValueFrom().getSecretKeyRef();
            Map<String, String> secret = require(secrets.get(reference.getName()), "Secret " + reference.getName());
            return require(secret.get(reference.getKey()), "key " + reference.getKey() + " of Secret " + reference.getName());
        }
        throw new IllegalArgumentException("unsupported env source of " + variable.getName());
    }

    private static String mountedFile(RenderedChart chart, V1PodSpec pod, V1Container container, String location) {
        String path = location.replaceFirst("^(optional:)?file:", "");
        V1VolumeMount mount = container.getVolumeMounts().stream()
                .filter(candidate -> path.startsWith(candidate.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no volume mounted at " + path));
        V1Volume volume = pod.getVolumes().stream().filter(candidate -> candidate.getName().equals(mount.getName()))
                .findFirst().orElseThrow(() -> new NoSuchElementException("no volume " + mount.getName()));
        V1ConfigMap configMap = chart.configMap(require(volume.getConfigMap(), "configMap volume " + mount.getName())
                .getName());
        String file = path.substring(mount.getMountPath().length() + 1);
        return require(configMap.getData().get(file), "file " + file + " of ConfigMap "
                + configMap.getMetadata().getName());
    }

    private static List<PropertySource<?>> yaml(String name, String content) {
        try {
            return new YamlPropertySourceLoader().load(name,
                    new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8), name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new NoSuchElementException(what + " does not exist");
        }
        return value;
    }
}
