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
 * (0%, 90%, 99%, 99.9%, ...: equal steps for each extra nine, where tail latency lives), y the latency in ms on a
 * log scale (one step per decade), so a fast curve stays readable next to a slow one.
 */
final class LatencyPlot {

    /** One curve: a label for the legend and its latencies in microseconds. */
    record Series(String label, Histogram micros) {
    }

    private static final int WIDTH = 960;
    private static final int PLOT_HEIGHT = 450;
    private static final int LEGEND_LINE = 18;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    /** Below the plot: tick labels, the axis title, then one legend line per curve. */
    private static final int BOTTOM = 60;
    /** The lowest latency drawn: 1 µs. */
    private static final double MIN_MILLIS = 0.001;
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
        double minMillis = drawn.stream().mapToDouble(s -> millisAtPercentile(s.micros(), 0)).min().orElse(1);
        int lowDecade = (int) Math.floor(Math.log10(Math.max(MIN_MILLIS, minMillis)));
        int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(Math.max(MIN_MILLIS, maxMillis))));

        int height = TOP + PLOT_HEIGHT + BOTTOM + LEGEND_LINE * drawn.size() + 10;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            int plotWidth = WIDTH - LEFT - RIGHT;
            int plotHeight = PLOT_HEIGHT;
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
            int decades = highDecade - lowDecade;
            for (int decade = 0; decade <= decades; decade++) {
                int y = TOP + plotHeight - plotHeight * decade / decades;
                g.setColor(new Color(0xdddddd));
                g.drawLine(LEFT, y, LEFT + plotWidth, y);
                g.setColor(Color.DARK_GRAY);
                String label = format(Math.pow(10, lowDecade + decade));
                g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, plotWidth, plotHeight);
            g.drawString("percentile", LEFT + plotWidth / 2 - 25, TOP + plotHeight + 38);
            g.rotate(-Math.PI / 2);
            g.drawString("latency (ms, log scale)", -(TOP + plotHeight / 2 + 65), 22);
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
                    double position = (Math.log10(Math.max(MIN_MILLIS, millis)) - lowDecade) / decades;
                    double py = TOP + plotHeight - plotHeight * Math.max(0, Math.min(1, position));
                    if (p == 0) {
                        curve.moveTo(px, py);
                    } else {
                        curve.lineTo(px, py);
                    }
                }
                g.draw(curve);
            }
            legend(g, drawn, TOP + plotHeight + BOTTOM);
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    /** Each curve's color, label, p50, p99 and count, one line each from {@code top} down. */
    private static void legend(Graphics2D g, List<Series> drawn, int top) {
        List<String> labels = drawn.stream().map(s -> s.label() + "  (p50 " + format(millisAtPercentile(s.micros(), 50))
                + " ms, p99 " + format(millisAtPercentile(s.micros(), 99)) + " ms, n=" + s.micros().getTotalCount()
                + ")").toList();
        for (int i = 0; i < labels.size(); i++) {
            int y = top + LEGEND_LINE * i;
            g.setColor(COLORS[i % COLORS.length]);
            g.drawLine(LEFT + 15, y - 4, LEFT + 40, y - 4);
            g.setColor(Color.BLACK);
            g.drawString(labels.get(i), LEFT + 48, y);
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

    private static String format(double millis) {
        if (millis >= 100 || millis == Math.rint(millis)) {
            return String.format("%.0f", millis);
        }
        return millis >= 10 ? String.format("%.1f", millis) : millis >= 0.1 ? String.format("%.2f", millis)
                : String.format("%.3f", millis);
    }
}
