package dev.switchboard.pdu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed corpora for the Jazzer fuzz tests, derived from the golden frames ({@link GoldenFrames}) rather than copied:
 * each fuzz test's seeds are a function of the fixtures, committed under {@code src/test/resources} in Jazzer's
 * layout ({@code <package>/<TestClass>Inputs/<method>/}) so the plain test run replays them without the fixtures'
 * reader. {@link #sync} fails when the committed seeds differ from the derivation and rewrites them when run with
 * {@code -Dfuzz.seeds.write=true}. Files whose names do not start with {@link #PREFIX} (crash inputs kept as
 * regression tests, inputs saved by hand) are left alone.
 */
public final class FuzzSeeds {

    /** Prefix of every derived seed file (from a golden frame or built for a command without one). */
    public static final String PREFIX = "seed-";

    private FuzzSeeds() {
    }

    /**
     * Seeds of {@link PduDecoderFuzzTest}: every distinct golden frame (by direction and command id) whole, and each
     * connection's client frames as one stream cut into three chunks.
     */
    static Map<String, byte[]> decoderSeeds() {
        Map<String, byte[]> seeds = new TreeMap<>();
        for (GoldenFrames.GoldenFrame frame : GoldenFrames.load()) {
            String name = PREFIX + (frame.fromServer() ? "server-" : "client-") + "%04x".formatted(frame.commandId());
            seeds.putIfAbsent(name, concat(new byte[] {0, 0}, frame.frame()));
        }
        for (int connection : new int[] {GoldenFrames.USER12_CONNECTION, GoldenFrames.USER11_CONNECTION}) {
            byte[] stream = GoldenFrames.load().stream()
                    .filter(frame -> frame.connection() == connection && !frame.fromServer())
                    .map(GoldenFrames.GoldenFrame::frame)
                    .reduce(new byte[0], FuzzSeeds::concat);
            // max frame length index 0 (1 MiB), 3 cuts: mid-header, mid-body, near the end
            byte[] config = {0, 3, 0, 5, 0, 23, (byte) (stream.length - 7 >> 8), (byte) (stream.length - 7)};
            seeds.put(PREFIX + "stream-connection-" + connection, concat(config, stream));
        }
        return seeds;
    }

    /**
     * Checks that {@code directory} (relative to the module, under {@code src/test/resources}) holds exactly these
     * derived seeds; with {@code -Dfuzz.seeds.write=true} writes them instead.
     */
    public static void sync(Path directory, Map<String, byte[]> seeds) {
        try {
            if (Boolean.getBoolean("fuzz.seeds.write")) {
                Files.createDirectories(directory);
                try (Stream<Path> old = Files.list(directory)) {
                    for (Path file : old.filter(f -> f.getFileName().toString().startsWith(PREFIX)).toList()) {
                        Files.delete(file);
                    }
                }
                for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
                    Files.write(directory.resolve(seed.getKey()), seed.getValue());
                }
            }
            Set<String> committed;
            try (Stream<Path> files = Files.list(directory)) {
                committed = files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith(PREFIX))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertThat(committed).as("derived seeds in %s (regenerate with -Dfuzz.seeds.write=true)", directory)
                    .isEqualTo(seeds.keySet());
            for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
                assertThat(Files.readAllBytes(directory.resolve(seed.getKey())))
                        .as("seed %s (regenerate with -Dfuzz.seeds.write=true)", seed.getKey())
                        .isEqualTo(seed.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
