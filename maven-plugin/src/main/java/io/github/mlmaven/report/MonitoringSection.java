package io.github.mlmaven.report;

import static io.github.mlmaven.report.HtmlReport.esc;
import static io.github.mlmaven.report.SvgCharts.lineChart;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.evaluation.MetricName;
import io.github.mlmaven.report.SvgCharts.Series;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * report.html's section on the production model monitored on the labelled rows that came after it (monitoring.json):
 * its live figures next to those at promotion with the decay rules' results, whether it is degraded, and its live
 * figures over time (the monitoring history kept with the registry) as a line chart and a table.
 */
final class MonitoringSection {
    /** Metrics drawn in the history chart, at most: the decay rules' first, then the key metrics. */
    private static final int MAX_CHART_METRICS = 4;
    /** History rows in the table, newest first; the chart shows every entry. */
    private static final int MAX_TABLE_ROWS = 20;

    private MonitoringSection() {}

    /**
     * @param monitoring monitoring.json
     * @param history the monitoring history ({@code entries}, oldest first), or null when it could not be read
     */
    static void render(StringBuilder h, JsonNode monitoring, JsonNode history, List<String> keyMetrics) {
        boolean degraded = monitoring.path("degraded").asBoolean(false);
        h.append("<section id=\"monitoring\"><h2>Production model on new labels</h2>\n<p>")
                .append(
                        degraded
                                ? "<span class=\"verdict fail\">DEGRADED</span> "
                                : "<span class=\"verdict pass\">NOT DEGRADED</span> ")
                .append("version <code>")
                .append(esc(monitoring.path("productionVersion").asText()))
                .append("</code>, monitored ")
                .append(esc(monitoring.path("monitoredAt").asText()))
                .append(" on ")
                .append(String.format(
                        Locale.ROOT, "%,d", monitoring.path("newLabelledRows").asLong()))
                .append(" new labelled rows");
        if (monitoring.path("unseenClassRows").asLong() > 0) {
            h.append(" (")
                    .append(String.format(
                            Locale.ROOT,
                            "%,d",
                            monitoring.path("unseenClassRows").asLong()))
                    .append(" with a class value the model never saw)");
        }
        h.append(".</p>\n");
        if (degraded && monitoring.hasNonNull("degradedReason")) {
            h.append("<p class=\"note\">Degraded: ")
                    .append(esc(monitoring.path("degradedReason").asText()))
                    .append(".</p>\n");
        }
        if (monitoring.hasNonNull("note")) {
            h.append("<p class=\"note\">")
                    .append(esc(monitoring.path("note").asText()))
                    .append("</p>\n");
        }
        Set<String> metrics = metrics(monitoring);
        liveTable(h, monitoring, metrics);
        historyChart(h, monitoring, history, metrics, keyMetrics);
        h.append("</section>\n");
    }

    /** The live metrics, then the promotion ones the live figures lack, in their files' order. */
    private static Set<String> metrics(JsonNode monitoring) {
        Set<String> metrics = new LinkedHashSet<>();
        monitoring.path("liveMetrics").fieldNames().forEachRemaining(metrics::add);
        monitoring.path("promotionMetrics").fieldNames().forEachRemaining(metrics::add);
        return metrics;
    }

    private static void liveTable(StringBuilder h, JsonNode monitoring, Set<String> metrics) {
        h.append("<table><thead><tr><th>metric</th><th>at promotion</th><th>live</th><th>change</th>")
                .append("<th>decay rule</th><th>result</th></tr></thead><tbody>\n");
        for (String m : metrics) {
            Double promotion = number(monitoring.path("promotionMetrics").path(m));
            Double live = number(monitoring.path("liveMetrics").path(m));
            JsonNode rule = rule(monitoring, m);
            h.append("<tr><td>")
                    .append(esc(m))
                    .append("</td><td class=\"num\">")
                    .append(esc(SummaryMarkdown.format(promotion)))
                    .append("</td><td class=\"num\">")
                    .append(esc(SummaryMarkdown.format(live)))
                    .append("</td><td class=\"num\">")
                    .append(promotion == null || live == null ? "" : esc(SummaryMarkdown.signed(live - promotion)))
                    .append("</td><td>");
            if (rule != null) {
                boolean error = MetricName.byId(m).map(n -> !n.higherIsBetter()).orElse(false);
                h.append(error ? "max rise " : "max drop ")
                        .append(esc(rule.path("maxDrop").asText()))
                        .append(", from ")
                        .append(esc(rule.path("minRows").asText()))
                        .append(" rows");
            }
            h.append("</td><td>")
                    .append(rule == null ? "" : status(rule.path("status").asText()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static JsonNode rule(JsonNode monitoring, String metric) {
        for (JsonNode rule : monitoring.path("decay")) {
            if (metric.equals(rule.path("metric").asText())) {
                return rule;
            }
        }
        return null;
    }

    private static String status(String status) {
        return switch (status) {
            case "pass" -> "<span class=\"pass\">pass</span>";
            case "degraded" -> "<span class=\"fail\">DEGRADED</span>";
            case "too-few-rows" -> "too few rows to judge";
            default -> esc(status);
        };
    }

    /**
     * The live figures of every monitoring pass of the history (this one last when the history lacks it), with the
     * current version's figures at promotion as dashed lines, and the last passes as a table.
     */
    private static void historyChart(
            StringBuilder h, JsonNode monitoring, JsonNode history, Set<String> available, List<String> keyMetrics) {
        List<JsonNode> entries = new ArrayList<>();
        if (history != null) {
            history.path("entries").forEach(entries::add);
        }
        String at = monitoring.path("monitoredAt").asText();
        if (entries.isEmpty() || !at.equals(time(entries.get(entries.size() - 1)))) {
            entries.add(monitoring);
        }
        Set<String> metrics = new LinkedHashSet<>();
        for (JsonNode rule : monitoring.path("decay")) {
            metrics.add(rule.path("metric").asText());
        }
        for (String m : keyMetrics) {
            if (available.contains(m)) {
                metrics.add(m);
            }
        }
        List<String> shown = metrics.stream()
                .filter(available::contains)
                .limit(MAX_CHART_METRICS)
                .toList();
        h.append("<h3>Live figures over time</h3>\n");
        if (history == null) {
            h.append("<p class=\"note\">The monitoring history could not be read; only this pass is shown.</p>\n");
        }
        List<Series> series = new ArrayList<>();
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        double xMax = Math.max(1, entries.size() - 1);
        int c = 0;
        for (String m : shown) {
            List<double[]> xy = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Double v = number(live(entries.get(i)).path(m));
                if (v != null) {
                    xy.add(new double[] {i, v});
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
            String colour = HtmlReport.SERIES_COLOURS[c++ % HtmlReport.SERIES_COLOURS.length];
            if (!xy.isEmpty()) {
                series.add(new Series("live " + m, colour, xy, false));
            }
            Double promotion = number(monitoring.path("promotionMetrics").path(m));
            if (promotion != null) {
                series.add(new Series(
                        "at promotion " + m + " " + SummaryMarkdown.format(promotion),
                        colour,
                        List.of(new double[] {0, promotion}, new double[] {xMax, promotion}),
                        true));
                yMin = Math.min(yMin, promotion);
                yMax = Math.max(yMax, promotion);
            }
        }
        if (!series.isEmpty()) {
            double[] axis = HistorySection.axisRange(yMin, yMax);
            List<String> xLabels = entries.stream().map(e -> day(time(e))).toList();
            h.append(lineChart(
                    "monitoring-history-chart",
                    "Live metrics of the production model",
                    "monitoring pass (oldest first)",
                    "value",
                    series,
                    0,
                    xMax,
                    axis[0],
                    axis[1],
                    xLabels.size() <= 12 ? xLabels : null));
        }
        historyTable(h, entries, shown);
    }

    private static void historyTable(StringBuilder h, List<JsonNode> entries, List<String> metrics) {
        h.append("<table><thead><tr><th>monitored</th><th>version</th><th>labelled rows</th>");
        for (String m : metrics) {
            h.append("<th>").append(esc(m)).append("</th>");
        }
        h.append("<th>degraded</th><th>data drift</th></tr></thead><tbody>\n");
        for (int i = entries.size() - 1; i >= 0 && i >= entries.size() - MAX_TABLE_ROWS; i--) {
            JsonNode e = entries.get(i);
            h.append("<tr><td>")
                    .append(esc(time(e)))
                    .append("</td><td>")
                    .append(esc(text(e, "version", "productionVersion")))
                    .append("</td><td class=\"num\">")
                    .append(esc(e.path("newLabelledRows").asText()))
                    .append("</td>");
            for (String m : metrics) {
                h.append("<td class=\"num\">")
                        .append(esc(SummaryMarkdown.format(number(live(e).path(m)))))
                        .append("</td>");
            }
            h.append("<td>")
                    .append(e.path("degraded").asBoolean(false) ? "<span class=\"fail\">yes</span>" : "no")
                    .append("</td><td>")
                    .append(dataDrift(e))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    /** A history entry's drift: its {@code datasetDrift} and drifted attributes, or monitoring.json's drift section. */
    private static String dataDrift(JsonNode e) {
        JsonNode drift = e.path("drift");
        boolean dataset = e.has("datasetDrift")
                ? e.path("datasetDrift").asBoolean(false)
                : drift.path("datasetDrift").asBoolean(false);
        List<String> attributes = new ArrayList<>();
        JsonNode named = e.has("driftedAttributes") ? e.path("driftedAttributes") : null;
        if (named != null) {
            named.forEach(a -> attributes.add(a.asText()));
        } else {
            drift.path("attributes").forEach(a -> {
                if (a.path("drifted").asBoolean(false)) {
                    attributes.add(a.path("attribute").asText());
                }
            });
        }
        String text = (dataset ? "<span class=\"fail\">yes</span>" : "no");
        return attributes.isEmpty() ? text : text + " (drifted: " + esc(String.join(", ", attributes)) + ")";
    }

    private static JsonNode live(JsonNode entry) {
        return entry.path("liveMetrics");
    }

    private static String time(JsonNode entry) {
        return text(entry, "monitoredAt", "at");
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.hasNonNull(field) ? node.get(field) : node.path(otherwise);
        return value.isValueNode() ? value.asText() : "";
    }

    /** {@code 2026-03-01T12:00:00Z} as {@code 2026-03-01}, for the chart's axis. */
    private static String day(String instant) {
        return instant.length() >= 10 ? instant.substring(0, 10) : instant;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() && Double.isFinite(node.asDouble()) ? node.asDouble() : null;
    }
}
