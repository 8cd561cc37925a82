package dev.switchboard.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes {@code <home>/<module>/target/<module>-0.1.0-SNAPSHOT-exec.jar} files that run a fake service. */
final class FakeJars {

    private FakeJars() {
    }

    /** A home where every service is a well-behaved {@link FakeService}, except the ones in {@code overrides}. */
    static Path home(Path home, Map<String, Class<?>> overrides) throws IOException {
        for (String module : ServicePlan.MODULES) {
            write(home, module, overrides.getOrDefault(module, FakeService.class));
        }
        return home;
    }

    static Path write(Path home, String module, Class<?> main) throws IOException {
        Path jar = Files.createDirectories(home.resolve(module).resolve("target"))
                .resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            String entry = main.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(entry));
            try (InputStream in = main.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }
}
