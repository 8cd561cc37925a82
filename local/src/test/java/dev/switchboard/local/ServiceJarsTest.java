package dev.switchboard.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceJarsTest {

    @TempDir
    Path home;

    @Test
    void findsTheExecJarOfEachModule() throws Exception {
        Path gateway = jar("msg-gateway", "msg-gateway-0.1.0-SNAPSHOT-exec.jar");
        jar("msg-gateway", "msg-gateway-0.1.0-SNAPSHOT.jar");
        Path route = jar("route-service", "route-service-0.1.0-SNAPSHOT-exec.jar");

        assertThat(ServiceJars.findAll(home, List.of("msg-gateway", "route-service")))
                .containsExactly(Map.entry("msg-gateway", gateway), Map.entry("route-service", route));
    }

    @Test
    void prefersTheNewestWhenThereAreSeveral() throws Exception {
        Path old = jar("msg-gateway", "msg-gateway-0.0.9-exec.jar");
        Files.setLastModifiedTime(old, FileTime.fromMillis(1_000));
        Path fresh = jar("msg-gateway", "msg-gateway-0.1.0-SNAPSHOT-exec.jar");

        assertThat(ServiceJars.find(home.resolve("msg-gateway/target"))).contains(fresh);
    }

    @Test
    void aMissingJarSaysWhichAndHowToBuildIt() throws Exception {
        jar("msg-gateway", "msg-gateway-0.1.0-SNAPSHOT.jar");
        jar("route-service", "route-service-0.1.0-SNAPSHOT-exec.jar");

        assertThatThrownBy(() -> ServiceJars.findAll(home, ServicePlan.MODULES))
                .isInstanceOf(StartupException.class)
                .hasMessage("service jar missing: " + home.resolve("msg-gateway/target/*-exec.jar") + ", "
                        + home.resolve("presence-service/target/*-exec.jar")
                        + "; run ./mvnw -B -DskipTests install in " + home
                        + " first (./switchboard local builds them when missing)");
    }

    private Path jar(String module, String name) throws Exception {
        Path target = Files.createDirectories(home.resolve(module).resolve("target"));
        return Files.write(target.resolve(name), new byte[] {0});
    }
}
