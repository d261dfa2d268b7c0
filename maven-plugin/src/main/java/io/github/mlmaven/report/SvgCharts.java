package io.github.mlmaven.report;

import java.util.List;
import java.util.Locale;

/** The SVG and text pieces of report.html: a line chart with grid, axes and legend, and the escaping of text. */
final class SvgCharts {

    private SvgCharts() {}

    /** A polyline in data coordinates. */
    record Series(String name, String colour, List<double[]> points, boolean dashed) {}

    static String lineChart(
            String id,
            String title,
            String xTitle,
            String yTitle,
            List<Series> series,
            double xMin,
            double xMax,
            double yMin,
            double yMax,
            List<String> xLabels) {
        int width = 460;
        int left = 56;
        int top = 24;
        int plotW = 380;
        int plotH = 280;
        int legendTop = top + plotH + 48;
        int height = legendTop + 18 * series.size() + 8;
        double xs = xMax - xMin == 0 ? 1 : xMax - xMin;
        double ys = yMax - yMin == 0 ? 1 : yMax - yMin;
        StringBuilder s = new StringBuilder(svgOpen(id, width, height, title));
        s.append(text(left + plotW / 2.0, 16, title, "middle", "chart-title"));
        for (int k = 0; k <= 5; k++) {
            double fy = top + plotH - k * plotH / 5.0;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>\n",
                    left,
                    fy,
                    left + plotW,
                    fy));
            s.append(text(left - 6, fy + 4, String.format(Locale.ROOT, "%.2f", yMin + k * ys / 5), "end", "tick"));
            if (xLabels == null) {
                double fx = left + k * plotW / 5.0;
                s.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>\n",
                        fx,
                        top,
                        fx,
                        top + plotH));
                s.append(text(
                        fx, top + plotH + 16, String.format(Locale.ROOT, "%.1f", xMin + k * xs / 5), "middle", "tick"));
            }
        }
        if (xLabels != null) {
            for (int i = 0; i < xLabels.size(); i++) {
                double fx = left + (i - xMin) / xs * plotW;
                s.append(text(fx, top + plotH + 16, shorten(xLabels.get(i)), "middle", "tick"));
            }
        }
        s.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>\n",
                left,
                top,
                plotW,
                plotH));
        s.append(text(left + plotW / 2.0, top + plotH + 34, xTitle, "middle", "axis-title"));
        s.append("<text class=\"axis-title\" transform=\"translate(14,")
                .append(top + plotH / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(esc(yTitle))
                .append("</text>\n");
        seriesAndLegend(s, series, left, top, plotW, plotH, legendTop, xMin, xs, yMin, ys);
        s.append("</svg>\n");
        return s.toString();
    }

    /** The polylines (with their points when there are few) and one legend line per series. */
    private static void seriesAndLegend(
            StringBuilder s,
            List<Series> series,
            int left,
            int top,
            int plotW,
            int plotH,
            int legendTop,
            double xMin,
            double xs,
            double yMin,
            double ys) {
        for (int i = 0; i < series.size(); i++) {
            Series se = series.get(i);
            StringBuilder pts = new StringBuilder();
            for (double[] p : se.points()) {
                pts.append(String.format(
                        Locale.ROOT,
                        "%.1f,%.1f ",
                        left + (p[0] - xMin) / xs * plotW,
                        top + plotH - (p[1] - yMin) / ys * plotH));
            }
            s.append("<polyline class=\"series\" fill=\"none\" stroke=\"")
                    .append(se.colour())
                    .append("\" stroke-width=\"")
                    .append(se.dashed() ? "1.5\" stroke-dasharray=\"6 4" : "2.2")
                    .append("\" points=\"")
                    .append(pts.toString().trim())
                    .append("\"><title>")
                    .append(esc(se.name()))
                    .append("</title></polyline>\n");
            if (!se.dashed() && se.points().size() <= 30) {
                for (double[] p : se.points()) {
                    s.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
                            left + (p[0] - xMin) / xs * plotW,
                            top + plotH - (p[1] - yMin) / ys * plotH,
                            se.colour()));
                }
            }
            int ly = legendTop + i * 18;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2.5\"%s/>",
                    left,
                    ly - 4,
                    left + 24,
                    ly - 4,
                    se.colour(),
                    se.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            s.append(text(left + 30, ly, se.name(), "start", "legend"));
        }
    }

    /**
     * An SVG that takes its container's width and keeps its proportions (the viewBox is its coordinate system); a
     * max-width of one and a half times its drawn size keeps a 2x2 confusion matrix from filling a wide screen.
     */
    static String svgOpen(String id, int width, int height, String label) {
        return String.format(
                Locale.ROOT,
                "<svg id=\"%s\" class=\"chart\" width=\"100%%\" viewBox=\"0 0 %d %d\""
                        + " preserveAspectRatio=\"xMinYMin meet\" style=\"max-width:%dpx\" role=\"img\""
                        + " aria-label=\"%s\">\n",
                id,
                width,
                height,
                width * 3 / 2,
                esc(label));
    }

    /** A horizontal grid line at {@code y}, from {@code x1} to {@code x2}. */
    static String gridLine(int x1, double y, int x2) {
        return String.format(
                Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>\n", x1, y, x2, y);
    }

    /** A legend's 12-pixel colour square with its top left corner at ({@code x}, {@code y}). */
    static String swatch(int x, int y, String colour) {
        return String.format(
                Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, y, colour);
    }

    static String text(double x, double y, String content, String anchor, String cssClass) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">%s</text>\n",
                x,
                y,
                anchor,
                cssClass,
                esc(content));
    }

    /** White to (r, g, b) by {@code share}. */
    static String blend(double share, int r, int g, int b) {
        double t = Math.max(0, Math.min(1, share));
        return String.format(
                Locale.ROOT,
                "rgb(%d,%d,%d)",
                Math.round(255 + (r - 255) * t),
                Math.round(255 + (g - 255) * t),
                Math.round(255 + (b - 255) * t));
    }

    static String count(double c) {
        return c == Math.rint(c) ? String.format(Locale.ROOT, "%.0f", c) : String.format(Locale.ROOT, "%.1f", c);
    }

    static String shorten(String label) {
        return label == null ? "" : label.length() <= 14 ? label : label.substring(0, 13) + "…";
    }

    static String prefix(String sha256) {
        return sha256 == null ? "" : sha256.substring(0, Math.min(12, sha256.length()));
    }

    /** Escapes text for HTML and SVG content and attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
