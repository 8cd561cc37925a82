package dev.switchboard.pdu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The golden frames captured between TeamTalk's own C++ client and servers ({@code shared/fixtures/}, see its
 * README). Each line of {@code teamtalk-session.jsonl} is one flat JSON object with the keys conn, dir, sid, cid,
 * seq, ver and hex; the format is fixed, so a per-key regex reads it without a JSON library.
 */
public final class GoldenFrames {

    /** The fixture file, relative to the module directory (Surefire's working directory): shared/ is a sibling of the repo. */
    static final Path FROM_MODULE = Path.of("../../shared/fixtures/teamtalk-session.jsonl");

    /** The same file relative to the repository root (a build or IDE run started there). */
    static final Path FROM_REPOSITORY_ROOT = Path.of("../shared/fixtures/teamtalk-session.jsonl");

    /** {@code conn} of user12 (id 12), the receiver. */
    public static final int USER12_CONNECTION = 1;

    /** {@code conn} of user11 (id 11), the sender. */
    public static final int USER11_CONNECTION = 2;

    private GoldenFrames() {
    }

    /**
     * One captured PDU.
     *
     * @param connection 1 = user12's connection, 2 = user11's
     * @param direction  {@code client->server} or {@code server->client}
     * @param frame      the whole frame as captured, header included
     */
    public record GoldenFrame(int connection, String direction, int serviceId, int commandId, int seq, int version,
                              byte[] frame) {

        /** Whether the TeamTalk server sent this frame. */
        public boolean fromServer() {
            return "server->client".equals(direction);
        }

        @Override
        public String toString() {
            return "conn=%d %s sid=%d cid=0x%04x seq=%d length=%d"
                    .formatted(connection, direction, serviceId, commandId, seq, frame.length);
        }
    }

    /** Every captured frame, in file order (wire order per connection). */
    public static List<GoldenFrame> load() {
        try {
            return Files.readAllLines(locate()).stream()
                    .filter(line -> !line.isBlank())
                    .map(GoldenFrames::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture file, found from the module directory or from the repository root. */
    public static Path locate() {
        for (Path candidate : List.of(FROM_MODULE, FROM_REPOSITORY_ROOT)) {
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("golden frames not found: tried " + FROM_MODULE.toAbsolutePath().normalize()
                + " and " + FROM_REPOSITORY_ROOT.toAbsolutePath().normalize()
                + " (expected shared/ checked out as a sibling of the repository directory)");
    }

    static GoldenFrame parse(String line) {
        return new GoldenFrame(
                Integer.parseInt(value(line, "conn")),
                value(line, "dir"),
                Integer.parseInt(value(line, "sid")),
                Integer.parseInt(value(line, "cid")),
                Integer.parseInt(value(line, "seq")),
                Integer.parseInt(value(line, "ver")),
                HexFormat.of().parseHex(value(line, "hex")));
    }

    private static String value(String line, String key) {
        Matcher matcher = Pattern.compile("\"" + key + "\"\\s*:\\s*(?:\"([^\"]*)\"|(\\d+))").matcher(line);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no \"" + key + "\" in golden frame line: " + line);
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }
}
