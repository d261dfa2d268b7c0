package io.github.mlmaven.report;

import static io.github.mlmaven.report.HtmlReport.esc;
import static io.github.mlmaven.report.SvgCharts.shorten;
import static io.github.mlmaven.report.SvgCharts.svgOpen;
import static io.github.mlmaven.report.SvgCharts.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * report.html's data drift section, from the {@code drift} of monitoring.json: whether the data drifted, a table of
 * every attribute (test, score, threshold, drifted, missing and unseen shares) and, per drifting attribute, a small
 * bar chart of the reference (training) and current histogram shares.
 */
public final class DriftSection {
    static final String REFERENCE_COLOUR = "#868e96";
    static final String CURRENT_COLOUR = "#d9480f";
    /** Bins drawn per chart; a nominal attribute with more values shows its first ones and says so. */
    static final int MAX_BINS = 30;

    private DriftSection() {}

    /**
     * The share of the compared attributes that drifted ({@code driftedColumns / columns}, else counted from the
     * attributes); null without attributes. Not the configured share that makes it a data drift.
     */
    public static Double driftedShare(JsonNode drift) {
        if (drift.path("driftedColumns").isNumber() && drift.path("columns").asInt(0) > 0) {
            return drift.path("driftedColumns").asDouble()
                    / drift.path("columns").asDouble();
        }
        int columns = 0;
        int drifted = 0;
        for (JsonNode column : drift.path("attributes")) {
            columns++;
            drifted += column.path("drifted").asBoolean(false) ? 1 : 0;
        }
        return columns == 0 ? null : (double) drifted / columns;
    }

    static void render(StringBuilder h, JsonNode monitoring) {
        JsonNode drift = monitoring.path("drift");
        h.append("<section id=\"drift\"><h2>Data drift</h2>\n");
        if (!drift.isObject()) {
            h.append("<p class=\"note\">No drift figures: ")
                    .append(esc(monitoring.path("note").asText("the production model has no data profile")))
                    .append(".</p>\n</section>\n");
            return;
        }
        boolean dataset = drift.path("datasetDrift").asBoolean(false);
        Double share = driftedShare(drift);
        h.append("<p>")
                .append(
                        dataset
                                ? "<span class=\"verdict fail\">DATA DRIFT</span> "
                                : "<span class=\"verdict pass\">NO DATA DRIFT</span> ")
                .append(drift.path("driftedColumns").asInt(count(drift, true)))
                .append(" of ")
                .append(drift.path("columns").asInt(drift.path("attributes").size()))
                .append(" attributes drifted");
        if (share != null) {
            h.append(String.format(Locale.ROOT, " (%.0f%%", share * 100));
            if (drift.path("driftShare").isNumber()) {
                h.append(String.format(
                        Locale.ROOT,
                        "; data drift from %.0f%%",
                        drift.path("driftShare").asDouble() * 100));
            }
            h.append(')');
        }
        h.append("; ")
                .append(String.format(
                        Locale.ROOT, "%,d", drift.path("currentRows").asLong()))
                .append(" current rows against ")
                .append(String.format(
                        Locale.ROOT, "%,d", drift.path("referenceRows").asLong()))
                .append(" training rows.</p>\n");
        JsonNode prediction = monitoring.path("predictionDrift");
        if (prediction.isObject()) {
            h.append("<p class=\"note\">Predicted class distribution: ")
                    .append(esc(prediction.path("test").asText()))
                    .append(' ')
                    .append(score(prediction))
                    .append(", threshold ")
                    .append(esc(number(prediction.path("threshold"))))
                    .append(": ")
                    .append(drifted(prediction))
                    .append(".</p>\n");
        }
        table(h, drift);
        List<JsonNode> charted = new ArrayList<>();
        for (JsonNode column : drift.path("attributes")) {
            if (column.path("drifted").asBoolean(false)) {
                charted.add(column);
            }
        }
        if (!charted.isEmpty()) {
            h.append("<h3>Drifting attributes: training vs current</h3>\n<div class=\"charts\">\n");
            for (int i = 0; i < charted.size(); i++) {
                h.append(histogramChart("drift-chart-" + (i + 1), charted.get(i)));
            }
            h.append("</div>\n");
        }
        h.append("</section>\n");
    }

    private static int count(JsonNode drift, boolean drifted) {
        int n = 0;
        for (JsonNode column : drift.path("attributes")) {
            n += column.path("drifted").asBoolean(false) == drifted ? 1 : 0;
        }
        return n;
    }

    private static void table(StringBuilder h, JsonNode drift) {
        h.append("<table><thead><tr><th>attribute</th><th>kind</th><th>test</th><th>score</th><th>threshold</th>")
                .append("<th>drifted</th><th>missing (training → current)</th><th>unseen values</th></tr></thead>")
                .append("<tbody>\n");
        for (JsonNode column : drift.path("attributes")) {
            h.append("<tr><td>")
                    .append(esc(column.path("attribute").asText()))
                    .append("</td><td>")
                    .append(esc(column.path("kind").asText()))
                    .append("</td><td>")
                    .append(esc(column.path("test").asText()))
                    .append("</td><td class=\"num\">")
                    .append(score(column))
                    .append("</td><td class=\"num\">")
                    .append(esc(number(column.path("threshold"))))
                    .append("</td><td>")
                    .append(drifted(column))
                    .append("</td><td class=\"num\">")
                    .append(percent(column.path("referenceMissingShare")))
                    .append(" → ")
                    .append(percent(column.path("currentMissingShare")))
                    .append("</td><td class=\"num\">")
                    .append(column.path("unseenShare").isNumber() ? percent(column.path("unseenShare")) : "")
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static String score(JsonNode column) {
        return esc(number(column.path("score")));
    }

    private static String drifted(JsonNode column) {
        return column.path("drifted").asBoolean(false)
                ? "<span class=\"fail\">drifted</span>"
                : "<span class=\"pass\">no</span>";
    }

    static String number(JsonNode node) {
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            return "undefined";
        }
        double v = node.asDouble();
        return v != 0 && Math.abs(v) < 1e-3
                ? String.format(Locale.ROOT, "%.2e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String percent(JsonNode node) {
        return node.isNumber() ? String.format(Locale.ROOT, "%.1f%%", node.asDouble() * 100) : "";
    }

    /** Bars of the training (grey) and current (orange) share of each bin or value, side by side. */
    static String histogramChart(String id, JsonNode column) {
        String attribute = column.path("attribute").asText();
        List<String> labels = new ArrayList<>();
        column.path("reference").path("labels").forEach(l -> labels.add(l.asText()));
        column.path("current").path("labels").forEach(l -> {
            if (!labels.contains(l.asText())) {
                labels.add(l.asText()); // a value the training data never had
            }
        });
        int bins = Math.min(labels.size(), MAX_BINS);
        double[] reference = shares(column.path("reference"), labels);
        double[] current = shares(column.path("current"), labels);
        double max = 0.05;
        for (int i = 0; i < bins; i++) {
            max = Math.max(max, Math.max(reference[i], current[i]));
        }
        max = Math.ceil(max * 10) / 10;
        int group = 28;
        int left = 46;
        int top = 44;
        int plot = 150;
        int width = Math.max(360, left + bins * group + 20);
        int height = top + plot + 70;
        StringBuilder s = new StringBuilder(svgOpen(id, width, height, "Histogram of " + attribute));
        s.append(text(
                left,
                16,
                shorten(attribute) + " (" + column.path("test").asText() + " " + number(column.path("score")) + ")",
                "start",
                "chart-title"));
        String[] names = {"training", "current"};
        String[] colours = {REFERENCE_COLOUR, CURRENT_COLOUR};
        for (int k = 0; k < 2; k++) {
            s.append(SvgCharts.swatch(left + k * 90, 24, colours[k]));
            s.append(text(left + k * 90 + 16, 34, names[k], "start", "legend"));
        }
        for (int k = 0; k <= 2; k++) {
            double y = top + plot - k * plot / 2.0;
            s.append(SvgCharts.gridLine(left, y, width - 10));
            s.append(text(left - 6, y + 4, String.format(Locale.ROOT, "%.0f%%", max * k / 2 * 100), "end", "tick"));
        }
        for (int i = 0; i < bins; i++) {
            int x0 = left + 4 + i * group;
            double[] values = {reference[i], current[i]};
            for (int k = 0; k < 2; k++) {
                double bar = values[k] / max * plot;
                s.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%.1f\" width=\"11\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>\n",
                        x0 + k * 11,
                        top + plot - bar,
                        bar,
                        colours[k],
                        esc(labels.get(i) + ", " + names[k] + ": "
                                + String.format(Locale.ROOT, "%.1f%%", values[k] * 100))));
            }
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" class=\"tick small\" transform=\"rotate(-40 %.1f"
                            + " %d)\">%s</text>\n",
                    x0 + 11.0,
                    top + plot + 12,
                    x0 + 11.0,
                    top + plot + 12,
                    esc(shorten(labels.get(i)))));
        }
        if (labels.size() > bins) {
            s.append(text(
                    width - 10, height - 6, (labels.size() - bins) + " more values not shown", "end", "tick small"));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** The histogram's share of each label, in the order of {@code labels}; 0 where it has none. */
    private static double[] shares(JsonNode histogram, List<String> labels) {
        double[] out = new double[labels.size()];
        JsonNode names = histogram.path("labels");
        JsonNode values = histogram.path("shares");
        for (int i = 0; i < names.size() && i < values.size(); i++) {
            int at = labels.indexOf(names.get(i).asText());
            if (at >= 0 && values.get(i).isNumber()) {
                out[at] = values.get(i).asDouble();
            }
        }
        return out;
    }
}
