package io.github.mlmaven.report;

import static io.github.mlmaven.report.HtmlReport.esc;
import static io.github.mlmaven.report.SvgCharts.lineChart;

import io.github.mlmaven.report.HtmlReport.History;
import io.github.mlmaven.report.HtmlReport.HistoryPoint;
import io.github.mlmaven.report.SvgCharts.Series;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** report.html's section on the promoted versions over time. */
final class HistorySection {
    private static final String[] SERIES_COLOURS = HtmlReport.SERIES_COLOURS;

    private HistorySection() {}

    /**
     * The history section: a chart of the thresholds' metrics (then the first of {@code keyMetrics} the versions
     * have, four at most) across the promoted versions, and the same figures as a table.
     */
    static void render(StringBuilder h, ValidationReport report, History history, List<String> keyMetrics) {
        h.append("<section id=\"history\"><h2>Promoted versions over time</h2>\n");
        if (history.points().isEmpty()) {
            h.append("<p class=\"note\">No history: ")
                    .append(esc(history.note()))
                    .append(".</p>\n</section>\n");
            return;
        }
        Set<String> metrics = new LinkedHashSet<>();
        report.thresholds().forEach(t -> metrics.add(t.metric()));
        for (String m : keyMetrics) {
            if (metrics.size() >= 4) {
                break;
            }
            if (history.points().stream()
                    .anyMatch(p -> p.metrics() != null && p.metrics().get(m) != null)) {
                metrics.add(m);
            }
        }
        List<HistoryPoint> points = history.points();
        List<String> xLabels = points.stream().map(HistoryPoint::version).toList();
        List<Series> series = new ArrayList<>();
        List<double[]> thresholds = new ArrayList<>();
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        int c = 0;
        for (String m : metrics) {
            List<double[]> xy = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                Double v = points.get(i).metrics() == null
                        ? null
                        : points.get(i).metrics().get(m);
                if (v != null && Double.isFinite(v)) {
                    xy.add(new double[] {i, v});
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
            if (xy.isEmpty()) {
                continue;
            }
            String colour = SERIES_COLOURS[c++ % SERIES_COLOURS.length];
            series.add(new Series(m, colour, xy, false));
            report.thresholds().stream()
                    .filter(t -> t.metric().equals(m))
                    .forEach(t -> thresholds.add(new double[] {t.bound(), series.size() - 1}));
        }
        for (double[] t : thresholds) {
            yMin = Math.min(yMin, t[0]);
            yMax = Math.max(yMax, t[0]);
        }
        double[] axis = axisRange(yMin, yMax);
        yMin = axis[0];
        yMax = axis[1];
        double xMax = Math.max(1, points.size() - 1);
        List<Series> all = new ArrayList<>(series);
        for (double[] t : thresholds) {
            Series of = series.get((int) t[1]);
            all.add(new Series(
                    "threshold " + of.name() + " " + SummaryMarkdown.format(t[0]),
                    of.colour(),
                    List.of(new double[] {0, t[0]}, new double[] {xMax, t[0]}),
                    true));
        }
        h.append(lineChart(
                "history-chart",
                "Metrics of promoted versions",
                "version (oldest first)",
                "value",
                all,
                0,
                xMax,
                yMin,
                yMax,
                xLabels));
        table(h, metrics, points);
    }

    private static void table(StringBuilder h, Set<String> metrics, List<HistoryPoint> points) {
        h.append("<table><thead><tr><th>version</th><th>promoted</th>");
        for (String m : metrics) {
            h.append("<th>").append(esc(m)).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (HistoryPoint p : points) {
            h.append("<tr><td>")
                    .append(esc(p.version()))
                    .append(p.production() ? " <span class=\"pass\">production</span>" : "")
                    .append("</td><td>")
                    .append(esc(p.promotedAt() == null ? "" : p.promotedAt()))
                    .append("</td>");
            for (String m : metrics) {
                h.append("<td class=\"num\">")
                        .append(esc(SummaryMarkdown.format(
                                p.metrics() == null ? null : p.metrics().get(m))))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n</section>\n");
    }

    /**
     * The history chart's value axis: the data's range with a margin, on multiples of 0.05, so that versions that
     * differ by 0.01 do not look identical on a 0..1 axis; kept within 0..1 when the data is.
     */
    static double[] axisRange(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return new double[] {0, 1};
        }
        double margin = Math.max((max - min) * 0.15, 0.02);
        // twentieths, divided rather than multiplied so that 13 of them is exactly the double 0.65
        double low = Math.floor((min - margin) * 20) / 20;
        double high = Math.ceil((max + margin) * 20) / 20;
        if (min >= 0 && max <= 1) {
            low = Math.max(0, low);
            high = Math.min(1, high);
        }
        return new double[] {low, high};
    }
}
