package dev.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a service's {@code /actuator/prometheus} text and sums samples by metric name and label values: enough for
 * counters' deltas and the JVM's heap gauge, without a Prometheus client.
 */
final class Prometheus {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String text;

    private Prometheus(String text) {
        this.text = text;
    }

    /** Scrapes {@code http://127.0.0.1:<port>/actuator/prometheus}; null when it cannot be read. */
    static Prometheus scrape(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? new Prometheus(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static Prometheus of(String text) {
        return new Prometheus(text);
    }

    /** Sum of every sample of {@code name} whose labels include each of {@code labels} ({@code key="value"}). */
    double sum(String name, String... labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            if (!(series.equals(name) || series.startsWith(name + "{"))) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= series.contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(space + 1).trim());
            }
        }
        return sum;
    }

    /** Sum of {@code name}'s samples by the value of {@code label}, e.g. deliveries by result. */
    Map<String, Double> byLabel(String name, String label) {
        Map<String, Double> sums = new TreeMap<>();
        String key = label + "=\"";
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name + "{")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            int at = series.indexOf(key);
            if (at < 0) {
                continue;
            }
            String value = series.substring(at + key.length(), series.indexOf('"', at + key.length()));
            sums.merge(value, Double.parseDouble(line.substring(space + 1).trim()), Double::sum);
        }
        return sums;
    }
}
