package dev.switchboard.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/Dockerfile, checked without a Docker engine: the jar it copies is what Maven builds, the layer extraction
 * it runs works on that jar, and the image runs as a non-root user with an exec-form entrypoint.
 */
class DockerfileTest {

    private static final Pattern COPY_JAR = Pattern.compile("^(\\$\\{MODULE}/target/\\S+\\.jar)\\s+\\S+$");

    private final Dockerfile dockerfile = Dockerfile.read();

    @Test
    void theImageRunsAsAFixedNonRootUser() {
        String user = dockerfile.user();

        assertThat(user).matches("\\d+(:\\d+)?");
        long uid = Long.parseLong(user.split(":")[0]);
        assertThat(uid).isPositive();
        assertThat(dockerfile.finalStage()).anySatisfy(instruction -> {
            assertThat(instruction.keyword()).isEqualTo("RUN");
            assertThat(instruction.arguments()).contains("useradd").contains("--uid " + uid);
        });
    }

    @Test
    void theImageInstallsCurlWhichComposesServiceHealthchecksCall() {
        assertThat(RepositoryFiles.read("docker-compose.yml")).contains("\"curl\"");
        assertThat(dockerfile.finalStage()).anySatisfy(instruction -> {
            assertThat(instruction.keyword()).isEqualTo("RUN");
            assertThat(instruction.arguments()).containsPattern("apt-get install .*\\bcurl\\b");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"msg-gateway", "presence-service", "route-service"})
    void theJarItCopiesIsTheModulesExecutableJarAndTheBuildContextLetsItThrough(String module) {
        String source = copiedJar().replace("${MODULE}", module);
        Path jar = MavenBuild.executableJar(module);

        assertThat(FileSystems.getDefault().getPathMatcher("glob:" + source)
                .matches(Path.of(module, "target", MavenBuild.executableJarName(module)))).as(source).isTrue();
        assertThat(jar).as("built by the reactor before this module (./mvnw -pl deploy -am verify)").isRegularFile();
        try (Stream<Path> files = Files.list(jar.getParent())) {
            assertThat(files.filter(file -> FileSystems.getDefault().getPathMatcher("glob:" + source)
                    .matches(RepositoryFiles.ROOT.relativize(file)))).as("one match for COPY " + source).hasSize(1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> ignore = RepositoryFiles.read(".dockerignore").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(ignore.get(0)).isEqualTo("*");
        assertThat(ignore).contains("!" + module + "/target/*-exec.jar");
    }

    @Test
    void theLayerExtractionItRunsWorksOnTheBuiltJarAndYieldsTheLayersItCopies(@TempDir Path work) throws Exception {
        Path jar = MavenBuild.executableJar("route-service");
        String extract = dockerfile.all("RUN").stream().filter(run -> run.contains("-Djarmode=tools")).findFirst()
                .orElseThrow();
        List<String> command = new java.util.ArrayList<>(List.of(extract.replace("app.jar", jar.toString())
                .replace("--destination extracted", "--destination " + work.resolve("extracted")).split("\\s+")));
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        List<String> copiedLayers = dockerfile.all("COPY").stream().filter(copy -> copy.startsWith("--from="))
                .map(copy -> copy.replaceAll(".*/extracted/([^/]+)/.*", "$1")).toList();
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            List<String> layers = new String(jarFile.getInputStream(jarFile.getEntry("BOOT-INF/layers.idx"))
                    .readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("- "))
                    .map(line -> line.substring(3, line.length() - 2)).toList();
            assertThat(copiedLayers).containsExactlyElementsOf(layers);
        }
        for (String layer : copiedLayers) {
            assertThat(work.resolve("extracted").resolve(layer)).isDirectory();
        }
        String launcher = entrypoint().get(1).replace('.', '/') + ".class";
        assertThat(work.resolve("extracted/spring-boot-loader").resolve(launcher)).isRegularFile();
        assertThat(work.resolve("extracted/application/META-INF/MANIFEST.MF")).isRegularFile();
    }

    @Test
    void javaIsTheEntrypointInExecFormWithContainerAwareDefaults() {
        assertThat(entrypoint()).containsExactly("java", "org.springframework.boot.loader.launch.JarLauncher");
        String environment = dockerfile.last("ENV");
        assertThat(environment).startsWith("JAVA_TOOL_OPTIONS=").contains("-XX:MaxRAMPercentage=")
                .contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(dockerfile.stages()).hasSize(2);
        assertThat(dockerfile.finalStage().get(0).arguments()).isEqualTo("${JRE_IMAGE}");
        assertThat(RepositoryFiles.read(Dockerfile.PATH)).contains("ARG JRE_IMAGE=eclipse-temurin:17-jre");
    }

    private List<String> entrypoint() {
        String arguments = dockerfile.last("ENTRYPOINT");
        assertThat(arguments).startsWith("[").endsWith("]");
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(arguments);
        List<String> entrypoint = new java.util.ArrayList<>();
        while (quoted.find()) {
            entrypoint.add(quoted.group(1));
        }
        return entrypoint;
    }

    private String copiedJar() {
        return dockerfile.all("COPY").stream().map(COPY_JAR::matcher).filter(Matcher::matches)
                .map(matcher -> matcher.group(1)).findFirst().orElseThrow();
    }
}
