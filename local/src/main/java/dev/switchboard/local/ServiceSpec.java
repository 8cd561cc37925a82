package dev.switchboard.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One service process to start.
 *
 * @param name      process name, also the log file name: {@code presence-service}, {@code route-service-1},
 *                  {@code gw-0}
 * @param jar       its repackaged jar
 * @param arguments its Spring Boot arguments ({@code --key=value})
 * @param readiness when it counts as started
 * @param endpoint   where to reach it, for the banner ({@code tcp 127.0.0.1:8000})
 * @param jvmOptions JVM options after the launcher's own ({@link ServiceProcess#JVM_FLAGS}), so they win
 */
record ServiceSpec(String name, Path jar, List<String> arguments, ReadinessProbe readiness, String endpoint,
                   List<String> jvmOptions) {

    ServiceSpec {
        arguments = List.copyOf(arguments);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** A service with the launcher's JVM flags only. */
    ServiceSpec(String name, Path jar, List<String> arguments, ReadinessProbe readiness, String endpoint) {
        this(name, jar, arguments, readiness, endpoint, List.of());
    }

    /** The same service with {@code extra} appended to its JVM options. */
    ServiceSpec withJvmOptions(List<String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(extra);
        return new ServiceSpec(name, jar, arguments, readiness, endpoint, all);
    }

    /** The same service with {@code extra} appended to its arguments. */
    /**
     * This spec with {@code extra} arguments after its own. An extra {@code --name=value} replaces an argument of the
     * same name: Spring Boot joins repeated command-line properties with commas ({@code 1s,6s}), it does not let the
     * last one win.
     */
    ServiceSpec withExtraArguments(List<String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(arguments);
        for (String argument : extra) {
            String property = propertyName(argument);
            if (property != null) {
                all.removeIf(existing -> property.equals(propertyName(existing)));
            }
            all.add(argument);
        }
        return new ServiceSpec(name, jar, all, readiness, endpoint, jvmOptions);
    }

    /** {@code name} of a {@code --name=value} argument, null for any other argument. */
    private static String propertyName(String argument) {
        int equals = argument.indexOf('=');
        return argument.startsWith("--") && equals > 2 ? argument.substring(2, equals) : null;
    }
}
