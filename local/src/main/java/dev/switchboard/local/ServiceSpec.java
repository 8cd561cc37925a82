package dev.switchboard.local;

import java.nio.file.Path;
import java.util.List;

/**
 * One service process to start.
 *
 * @param name      process name, also the log file name: {@code presence-service}, {@code route-service}, {@code gw-0}
 * @param jar       its repackaged jar
 * @param arguments its Spring Boot arguments ({@code --key=value})
 * @param readiness when it counts as started
 * @param endpoint  where to reach it, for the banner ({@code tcp 127.0.0.1:8000})
 */
record ServiceSpec(String name, Path jar, List<String> arguments, ReadinessProbe readiness, String endpoint) {

    ServiceSpec {
        arguments = List.copyOf(arguments);
    }
}
