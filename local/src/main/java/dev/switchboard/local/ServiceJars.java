package dev.switchboard.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds each service's repackaged jar, {@code <home>/<module>/target/*-exec.jar}. */
final class ServiceJars {

    static final String GLOB = "*-exec.jar";

    private ServiceJars() {
    }

    /**
     * @return the jar of every module, in the given order
     * @throws StartupException naming every module without a jar and the command that builds them
     */
    static Map<String, Path> findAll(Path home, List<String> modules) {
        Map<String, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String module : modules) {
            Path target = home.resolve(module).resolve("target");
            find(target).ifPresentOrElse(jar -> jars.put(module, jar), () -> missing.add(target.resolve(GLOB).toString()));
        }
        if (!missing.isEmpty()) {
            throw new StartupException("service jar missing: " + String.join(", ", missing)
                    + "; run ./mvnw -B -DskipTests install in " + home
                    + " first (./switchboard local builds them when missing)");
        }
        return jars;
    }

    /** The newest {@code *-exec.jar} in {@code target}, if any. */
    static Optional<Path> find(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(target, GLOB)) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        return jars.stream().filter(Files::isRegularFile).max(Comparator.comparing(ServiceJars::modified));
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
