package dev.switchboard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository these tests check, found from the test's working directory (the module or the root). */
final class RepositoryFiles {

    static final Path ROOT = findRoot();
    static final Path CHART = ROOT.resolve("helm/switchboard");
    static final Path DASHBOARD = CHART.resolve("files/grafana/switchboard-dashboard.json");
    static final Path ALERT_RULES = CHART.resolve("files/prometheus/switchboard-alerts.yml");

    private RepositoryFiles() {
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relativePath) {
        return read(ROOT.resolve(relativePath));
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("helm/switchboard")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root with helm/switchboard above " + Path.of("").toAbsolutePath());
    }
}
