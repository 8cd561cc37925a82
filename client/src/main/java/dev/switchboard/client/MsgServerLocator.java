package dev.switchboard.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a TeamTalk login_server which gateway to use: {@code GET http://host:8080/msg_server} (PROTOCOL.md §7.2).
 *
 * <p>The answer is jsoncpp's styled output of one flat object, e.g.
 * <pre>
 * {
 *    "backupIP" : "10.0.0.2",
 *    "code" : 0,
 *    "msg" : "",
 *    "port" : "8000",
 *    "priorIP" : "10.0.0.1"
 * }
 * </pre>
 * Rather than pull in a JSON library for five flat keys, each key is extracted with a regular expression matching
 * {@code "key" : "string"} or {@code "key" : number}; string escapes ({@code \"}, {@code \\}, {@code \n},
 * {@code \u00e9}, ...) are decoded. This is only correct for flat objects whose string values contain no
 * {@code "key" :} look-alikes, which holds for login_server's answer. {@code port} is accepted as a string (as
 * TeamTalk sends it) or a number.
 */
public final class MsgServerLocator {

    /** login_server's default HTTP port. */
    public static final int DEFAULT_HTTP_PORT = 8080;

    private static final String PATH = "/msg_server";
    private static final Pattern ESCAPE = Pattern.compile("\\\\(u[0-9a-fA-F]{4}|.)");

    private final URI uri;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * A locator for {@code loginServer}, e.g. {@code http://127.0.0.1:8080} (then {@code /msg_server} is appended) or
     * the full {@code http://127.0.0.1:8080/msg_server}; requests time out after {@code timeout}.
     */
    public MsgServerLocator(URI loginServer, Duration timeout) {
        String path = loginServer.getPath();
        this.uri = path == null || path.isEmpty() || path.equals("/") ? loginServer.resolve(PATH) : loginServer;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** A locator for {@code http://host:8080/msg_server} with a 10 s timeout. */
    public static MsgServerLocator forHost(String host) {
        URI uri = URI.create("http://" + host + ":" + DEFAULT_HTTP_PORT + PATH);
        return new MsgServerLocator(uri, Duration.ofSeconds(10));
    }

    /** The URL this locator asks. */
    public URI uri() {
        return uri;
    }

    /**
     * Asks login_server for a gateway.
     *
     * @throws MsgServerUnavailableException when it answers with a non-zero {@code code}
     * @throws IOException                   when it cannot be reached or its answer is not the expected JSON
     */
    public MsgServerAddress locate() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted asking " + uri);
        }
        if (response.statusCode() != 200) {
            throw new IOException("login server " + uri + " answered http " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Reads login_server's JSON answer. */
    static MsgServerAddress parse(String json) throws IOException {
        int code = parseNumber(required(json, "code"), "code");
        if (code != 0) {
            throw new MsgServerUnavailableException(code, field(json, "msg").orElse(""));
        }
        int port = parseNumber(required(json, "port"), "port");
        return new MsgServerAddress(required(json, "priorIP"), required(json, "backupIP"), port);
    }

    /** The value of {@code "key" : "string"} (unescaped) or {@code "key" : number}; empty when absent. */
    static Optional<String> field(String json, String key) {
        Pattern pattern = Pattern.compile(
                "\"" + Pattern.quote(key) + "\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))");
        Matcher matcher = pattern.matcher(json);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1) != null ? unescape(matcher.group(1)) : matcher.group(2));
    }

    private static String required(String json, String key) throws IOException {
        return field(json, key).orElseThrow(() -> new IOException("login server answer has no " + key + ": " + json));
    }

    private static int parseNumber(String value, String key) throws IOException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IOException("login server answer has a non-numeric " + key + ": " + value);
        }
    }

    private static String unescape(String value) {
        return ESCAPE.matcher(value).replaceAll(escape -> Matcher.quoteReplacement(decode(escape.group(1))));
    }

    private static String decode(String escape) {
        return switch (escape.charAt(0)) {
            case 'u' -> String.valueOf((char) Integer.parseInt(escape.substring(1), 16));
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case 'b' -> "\b";
            case 'f' -> "\f";
            default -> escape;
        };
    }
}
