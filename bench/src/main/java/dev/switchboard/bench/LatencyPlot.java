package dev.switchboard.bench;

import org.HdrHistogram.Histogram;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws latency percentile curves into a PNG with java.awt (headless): x is the percentile on a "nines" axis
 * (0%, 90%, 99%, 99.9%, ...: equal steps for each extra nine, where tail latency lives), y the latency in ms.
 */
final class LatencyPlot {

    /** One curve: a label for the legend and its latencies in microseconds. */
    record Series(String label, Histogram micros) {
    }

    private static final int WIDTH = 960;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private LatencyPlot() {
    }

    static void write(Path png, String title, List<Series> series) {
        System.setProperty("java.awt.headless", "true");
        List<Series> drawn = series.stream().filter(s -> s.micros().getTotalCount() > 0).toList();
        long most = drawn.stream().mapToLong(s -> s.micros().getTotalCount()).max().orElse(1);
        int nines = (int) Math.max(2, Math.min(5, Math.floor(Math.log10(Math.max(10, most)))));
        double maxMillis = drawn.stream().mapToDouble(s -> millisAt(s.micros(), nines)).max().orElse(1);
        double top = niceCeiling(Math.max(0.1, maxMillis * 1.05));

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int plotWidth = WIDTH - LEFT - RIGHT;
            int plotHeight = HEIGHT - TOP - BOTTOM;
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.setColor(Color.BLACK);
            g.drawString(title, LEFT, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int nine = 0; nine <= nines; nine++) {
                int x = LEFT + plotWidth * nine / nines;
                g.setColor(new Color(0xdddddd));
                g.drawLine(x, TOP, x, TOP + plotHeight);
                g.setColor(Color.DARK_GRAY);
                String label = percentileLabel(nine);
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotHeight + 18);
            }
            for (int step = 0; step <= 5; step++) {
                double value = top * step / 5;
                int y = TOP + plotHeight - (int) (plotHeight * step / 5.0);
                g.setColor(new Color(0xdddddd));
                g.drawLine(LEFT, y, LEFT + plotWidth, y);
                g.setColor(Color.DARK_GRAY);
                String label = format(value);
                g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, plotWidth, plotHeight);
            g.drawString("percentile", LEFT + plotWidth / 2 - 25, HEIGHT - 18);
            g.rotate(-Math.PI / 2);
            g.drawString("latency (ms)", -(TOP + plotHeight / 2 + 35), 22);
            g.rotate(Math.PI / 2);

            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < drawn.size(); i++) {
                Series s = drawn.get(i);
                g.setColor(COLORS[i % COLORS.length]);
                Path2D.Double curve = new Path2D.Double();
                int points = 400;
                for (int p = 0; p <= points; p++) {
                    double x = nines * (double) p / points;
                    double millis = millisAt(s.micros(), x);
                    double px = LEFT + plotWidth * x / nines;
                    double py = TOP + plotHeight - plotHeight * Math.min(1, millis / top);
                    if (p == 0) {
                        curve.moveTo(px, py);
                    } else {
                        curve.lineTo(px, py);
                    }
                }
                g.draw(curve);
                int legendY = TOP + 20 + 18 * i;
                g.drawLine(LEFT + 15, legendY - 4, LEFT + 40, legendY - 4);
                g.setColor(Color.BLACK);
                g.drawString(s.label() + "  (p50 " + format(millisAtPercentile(s.micros(), 50)) + " ms, p99 "
                        + format(millisAtPercentile(s.micros(), 99)) + " ms, n=" + s.micros().getTotalCount() + ")",
                        LEFT + 48, legendY);
            }
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    /** Latency at {@code nines} on the nines axis: percentile 100 * (1 - 10^-nines). */
    private static double millisAt(Histogram micros, double nines) {
        return millisAtPercentile(micros, 100 * (1 - Math.pow(10, -nines)));
    }

    private static double millisAtPercentile(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String percentileLabel(int nines) {
        return switch (nines) {
            case 0 -> "0%";
            case 1 -> "90%";
            case 2 -> "99%";
            default -> "99." + "9".repeat(nines - 2) + "%";
        };
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double millis) {
        return millis == 0 ? "0" : millis >= 100 ? String.format("%.0f", millis) : millis >= 10 ? String.format("%.1f", millis)
                : String.format("%.2f", millis);
    }
}
