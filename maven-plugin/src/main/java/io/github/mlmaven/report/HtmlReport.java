package io.github.mlmaven.report;

import static io.github.mlmaven.report.SvgCharts.blend;
import static io.github.mlmaven.report.SvgCharts.count;
import static io.github.mlmaven.report.SvgCharts.lineChart;
import static io.github.mlmaven.report.SvgCharts.prefix;
import static io.github.mlmaven.report.SvgCharts.shorten;
import static io.github.mlmaven.report.SvgCharts.svgOpen;
import static io.github.mlmaven.report.SvgCharts.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.evaluation.MetricName;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.report.SvgCharts.Series;
import io.github.mlmaven.runtime.ModelCard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no external resources) showing a validation:
 * the verdict, the metrics against thresholds and production, ROC and precision-recall curves, the confusion matrix
 * as a heatmap, per-class bars, the metrics of every promoted version over time, and the data.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";

    private static final String CANDIDATE_COLOUR = "#1f6feb";
    private static final String CHAMPION_COLOUR = "#d9480f";
    static final String[] SERIES_COLOURS = {"#1f6feb", "#2f9e44", "#d9480f", "#7048e8", "#c2255c", "#0c8599"};
    private static final List<String> KEY_METRICS = MetricName.keyMetrics();

    private HtmlReport() {}

    /** One promoted version in the registry: its name, when it was promoted, its metrics. */
    public record HistoryPoint(String version, String promotedAt, Map<String, Double> metrics, boolean production) {}

    /**
     * The promoted versions, oldest first, or a note saying why there are none.
     *
     * @param points the promoted versions
     * @param note shown when there are no points (no registry, nothing promoted yet, unreadable)
     */
    public record History(List<HistoryPoint> points, String note) {
        public History {
            points = points == null ? List.of() : List.copyOf(points);
        }

        public static History none(String note) {
            return new History(List.of(), note);
        }
    }

    /**
     * Renders the page.
     *
     * @param report validation.json
     * @param curves curves.json, or null (numeric class, no positive class)
     * @param card the model card, or null
     * @param history the promoted versions
     */
    public static String render(ValidationReport report, Curves curves, ModelCard card, History history) {
        return render(report, curves, card, history, null);
    }

    /**
     * The last monitoring pass of the production model and its history.
     *
     * @param report monitoring.json
     * @param history the monitoring history kept with the registry ({@code entries}, oldest first); null when it
     *     could not be read
     */
    public record Monitoring(JsonNode report, JsonNode history) {}

    /**
     * Renders the page, with the monitoring and drift sections when {@code monitoring} is given (monitoring.json
     * exists); without it the page is exactly that of {@link #render(ValidationReport, Curves, ModelCard, History)}.
     */
    public static String render(
            ValidationReport report, Curves curves, ModelCard card, History history, Monitoring monitoring) {
        StringBuilder h = new StringBuilder(32_768);
        String verdict = !report.gateConfigured() ? "NO GATE" : report.passed() ? "PASSED" : "FAILED";
        String verdictClass = !report.gateConfigured() ? "none" : report.passed() ? "pass" : "fail";
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>")
                .append(esc(report.modelName()))
                .append(" – model report</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>")
                .append(esc(report.modelName()))
                .append(" <span class=\"verdict ")
                .append(verdictClass)
                .append("\">")
                .append(verdict)
                .append("</span></h1>\n<p class=\"meta\">")
                .append(esc(report.algorithm()))
                .append(" · evaluated by ")
                .append(esc(SummaryMarkdown.describe(report.evaluation()).replace("`", "")))
                .append(" · class <code>")
                .append(esc(report.classAttribute()))
                .append("</code>");
        if (report.positiveClass() != null) {
            h.append(", positive class <code>")
                    .append(esc(report.positiveClass()))
                    .append("</code>");
        }
        h.append(" · validated ")
                .append(esc(report.validatedAt()))
                .append(" · model SHA-256 <code>")
                .append(esc(prefix(report.modelSha256())))
                .append("</code></p></header>\n<main>\n");

        metricsTable(h, report);
        curvesSection(h, curves, report);
        if (report.confusionMatrix() != null) {
            confusionSection(h, report.confusionMatrix());
        }
        if (report.perClass() != null && !report.perClass().isEmpty()) {
            perClassSection(h, report.perClass());
        }
        SliceSection.html(h, report);
        HistorySection.render(
                h, report, history == null ? History.none("the registry was not read") : history, KEY_METRICS);
        if (monitoring != null) {
            MonitoringSection.render(h, monitoring.report(), monitoring.history(), KEY_METRICS);
            DriftSection.render(h, monitoring.report());
        }
        dataSection(h, report, card);
        h.append("</main>\n<footer>Generated by ml-maven-plugin from validation.json")
                .append(curves == null ? "" : ", curves.json")
                .append(card == null ? "" : " and model-card.json")
                .append(".</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    // ---- sections

    private static void metricsTable(StringBuilder h, ValidationReport report) {
        ValidationReport.ChampionSection champion = report.champion();
        boolean compared = champion != null && champion.metrics() != null;
        h.append("<section id=\"metrics\"><h2>Metrics</h2>\n");
        if (champion != null) {
            h.append("<p class=\"note\">Production: ")
                    .append(esc(champion.version() == null ? champion.status() : champion.version()))
                    .append(champion.note() == null ? "" : " — " + esc(champion.note()))
                    .append("</p>\n");
        }
        h.append("<table><thead><tr><th>metric</th><th>candidate</th>");
        if (compared) {
            h.append("<th>production ").append(esc(champion.version())).append("</th><th>delta</th>");
        }
        h.append("<th>threshold</th><th>result</th></tr></thead><tbody>\n");
        for (Map.Entry<String, Double> m : report.metrics().entrySet()) {
            Verdict.ThresholdResult t = report.thresholds().stream()
                    .filter(r -> r.metric().equals(m.getKey()))
                    .findFirst()
                    .orElse(null);
            h.append("<tr><td>")
                    .append(esc(m.getKey()))
                    .append("</td><td class=\"num\">")
                    .append(esc(SummaryMarkdown.format(m.getValue())))
                    .append("</td>");
            if (compared) {
                Double delta =
                        champion.deltas() == null ? null : champion.deltas().get(m.getKey());
                h.append("<td class=\"num\">")
                        .append(esc(SummaryMarkdown.format(champion.metrics().get(m.getKey()))))
                        .append("</td><td class=\"num\">")
                        .append(delta == null ? "" : String.format(Locale.ROOT, "%+.4f", delta))
                        .append("</td>");
            }
            h.append("<td>")
                    .append(t == null ? "" : esc(t.comparator() + " " + t.bound()))
                    .append("</td><td>")
                    .append(
                            t == null
                                    ? ""
                                    : t.passed()
                                            ? "<span class=\"pass\">pass</span>"
                                            : "<span class=\"fail\">BREACH</span>")
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        if (champion != null && !champion.rules().isEmpty()) {
            h.append("<p class=\"note\">Champion rules: ");
            List<String> rules = new ArrayList<>();
            for (var r : champion.rules()) {
                rules.add(esc(SummaryMarkdown.describeRule(r, champion.mcnemar()) + ": ")
                        + (r.passed() ? "<span class=\"pass\">pass</span>" : "<span class=\"fail\">BREACH</span>"));
            }
            h.append(String.join("; ", rules)).append("</p>\n");
        }
        h.append("</section>\n");
    }

    private static void curvesSection(StringBuilder h, Curves curves, ValidationReport report) {
        h.append("<section id=\"curves\"><h2>ROC and precision-recall curves</h2>\n");
        if (curves == null) {
            h.append("<p class=\"note\">No curves: they are drawn for a nominal class with a positive class.</p>\n")
                    .append("</section>\n");
            return;
        }
        h.append("<p class=\"note\">For the positive class <code>")
                .append(esc(curves.positiveClass()))
                .append("</code>.</p>\n<div class=\"charts\">\n");
        List<Series> roc = new ArrayList<>();
        List<Series> pr = new ArrayList<>();
        roc.add(new Series("chance", "#868e96", List.of(new double[] {0, 0}, new double[] {1, 1}), true));
        addCurve(roc, pr, curves.candidate(), "candidate", CANDIDATE_COLOUR);
        if (curves.champion() != null) {
            addCurve(
                    roc,
                    pr,
                    curves.champion(),
                    "production "
                            + (curves.champion().label() == null
                                    ? ""
                                    : curves.champion().label()),
                    CHAMPION_COLOUR);
        }
        Double share = positiveShare(report, curves.positiveClass());
        if (share != null) {
            // a classifier that guesses at random has this precision at every recall: the PR curve's chance line
            pr.add(
                    0,
                    new Series(
                            String.format(Locale.ROOT, "chance (share of %s: %.3f)", curves.positiveClass(), share),
                            "#868e96",
                            List.of(new double[] {0, share}, new double[] {1, share}),
                            true));
        }
        h.append(lineChart(
                "roc-chart", "ROC curve", "false positive rate", "true positive rate", roc, 0, 1, 0, 1, null));
        h.append(lineChart("pr-chart", "Precision-recall curve", "recall", "precision", pr, 0, 1, 0, 1, null));
        h.append("</div>\n</section>\n");
    }

    /**
     * The positive class's share of the evaluated rows (their actual classes, from the confusion matrix or the
     * per-class supports); null when neither has the class.
     */
    static Double positiveShare(ValidationReport report, String positiveClass) {
        Map<String, Double> counts = actualCounts(report.confusionMatrix());
        if (!counts.containsKey(positiveClass) && report.perClass() != null) {
            counts.clear();
            report.perClass().forEach((label, m) -> counts.put(label, m.support()));
        }
        double total = counts.values().stream().mapToDouble(Double::doubleValue).sum();
        Double positive = counts.get(positiveClass);
        return positive == null || total <= 0 ? null : positive / total;
    }

    /** Rows per actual class: the confusion matrix's row sums, in its order (weights, so not always whole). */
    private static Map<String, Double> actualCounts(Metrics.ConfusionMatrix matrix) {
        Map<String, Double> counts = new LinkedHashMap<>();
        if (matrix != null) {
            for (int i = 0; i < matrix.labels().size(); i++) {
                counts.put(
                        matrix.labels().get(i),
                        matrix.counts().get(i).stream()
                                .mapToDouble(Double::doubleValue)
                                .sum());
            }
        }
        return counts;
    }

    private static void addCurve(List<Series> roc, List<Series> pr, Curves.Curve curve, String name, String colour) {
        roc.add(new Series(name + auc(" AUC", curve.rocAuc()), colour, curve.roc(), false));
        pr.add(new Series(name + auc(" AUC", curve.prAuc()), colour, curve.pr(), false));
    }

    private static String auc(String label, Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%s %.3f", label, value);
    }

    private static void confusionSection(StringBuilder h, Metrics.ConfusionMatrix matrix) {
        List<String> labels = matrix.labels();
        int n = labels.size();
        int cell = n <= 4 ? 80 : n <= 8 ? 56 : 36;
        int left = 130;
        int top = 50;
        int width = left + n * cell + 20;
        int height = top + n * cell + 40;
        StringBuilder s = new StringBuilder();
        s.append(svgOpen("confusion-chart", width, height, "Confusion matrix"));
        s.append(text(left + n * cell / 2.0, 16, "predicted", "middle", "axis-title"));
        s.append("<text class=\"axis-title\" transform=\"translate(14,")
                .append(top + n * cell / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">actual</text>\n");
        for (int i = 0; i < n; i++) {
            s.append(text(left + i * cell + cell / 2.0, top - 8, shorten(labels.get(i)), "middle", "tick"));
            s.append(text(left - 6, top + i * cell + cell / 2.0 + 4, shorten(labels.get(i)), "end", "tick"));
            List<Double> row = matrix.counts().get(i);
            double total = row.stream().mapToDouble(Double::doubleValue).sum();
            for (int j = 0; j < n; j++) {
                double count = row.get(j);
                double share = total == 0 ? 0 : count / total;
                String fill = i == j ? blend(share, 47, 158, 68) : blend(share, 201, 42, 42);
                s.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\"><title>%s</title></rect>\n",
                        left + j * cell,
                        top + i * cell,
                        cell,
                        cell,
                        fill,
                        esc("actual " + labels.get(i) + ", predicted " + labels.get(j) + ": " + count(count)
                                + String.format(Locale.ROOT, " (%.1f%% of the row)", share * 100))));
                s.append(text(
                        left + j * cell + cell / 2.0,
                        top + i * cell + cell / 2.0 + 4,
                        count(count),
                        "middle",
                        share > 0.55 ? "cell light" : "cell"));
            }
        }
        s.append("</svg>\n");
        h.append("<section id=\"confusion\"><h2>Confusion matrix</h2>\n<p class=\"note\">Rows are the actual class;")
                .append(" colour by the share of the row (green on the diagonal, red off it).</p>\n")
                .append(s)
                .append("</section>\n");
    }

    private static void perClassSection(StringBuilder h, Map<String, Metrics.ClassMetrics> perClass) {
        String[] names = {"precision", "recall", "f1"};
        String[] colours = {"#1f6feb", "#2f9e44", "#7048e8"};
        int group = 3 * 22 + 24;
        int left = 50;
        int top = 30;
        int plot = 200;
        int width = Math.max(360, left + perClass.size() * group + 20);
        int height = top + plot + 50;
        StringBuilder s = new StringBuilder(svgOpen("per-class-chart", width, height, "Per-class metrics"));
        for (int k = 0; k <= 4; k++) {
            double y = top + plot - k * plot / 4.0;
            s.append(SvgCharts.gridLine(left, y, width - 10));
            s.append(text(left - 6, y + 4, String.format(Locale.ROOT, "%.2f", k / 4.0), "end", "tick"));
        }
        for (int i = 0; i < 3; i++) {
            s.append(SvgCharts.swatch(left + i * 90, 8, colours[i]));
            s.append(text(left + i * 90 + 16, 18, names[i], "start", "legend"));
        }
        int g = 0;
        for (Map.Entry<String, Metrics.ClassMetrics> e : perClass.entrySet()) {
            Double[] values = {
                e.getValue().precision(), e.getValue().recall(), e.getValue().f1()
            };
            int x0 = left + 12 + g * group;
            for (int i = 0; i < 3; i++) {
                double v = values[i] == null || !Double.isFinite(values[i]) ? 0 : values[i];
                double bar = v * plot;
                s.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%.1f\" width=\"20\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>\n",
                        x0 + i * 22,
                        top + plot - bar,
                        bar,
                        colours[i],
                        esc(e.getKey() + " " + names[i] + ": " + SummaryMarkdown.format(values[i]))));
            }
            s.append(text(x0 + 33, top + plot + 16, shorten(e.getKey()), "middle", "tick"));
            s.append(text(x0 + 33, top + plot + 30, "n=" + count(e.getValue().support()), "middle", "tick small"));
            g++;
        }
        s.append("</svg>\n");
        h.append("<section id=\"per-class\"><h2>Per class</h2>\n").append(s).append("</section>\n");
    }

    private static void dataSection(StringBuilder h, ValidationReport report, ModelCard card) {
        h.append("<section id=\"data\"><h2>Data</h2>\n<h3>Evaluated on</h3>\n")
                .append("<table><thead><tr><th>file</th><th>rows</th><th>SHA-256</th></tr></thead><tbody>\n");
        for (ValidationReport.DataRef f : report.evaluation().data()) {
            h.append("<tr><td><code>")
                    .append(esc(f.path()))
                    .append("</code></td><td class=\"num\">")
                    .append(f.rows())
                    .append("</td><td><code>")
                    .append(esc(prefix(f.sha256())))
                    .append("</code></td></tr>\n");
        }
        h.append("</tbody></table>\n");
        if (card != null && card.data() != null) {
            ModelCard.DataSection data = card.data();
            h.append("<h3>Trained on</h3>\n<p>")
                    .append(String.format(Locale.ROOT, "%,d rows", data.totalRows()))
                    .append(" in ")
                    .append(data.files().size())
                    .append(data.files().size() == 1 ? " file" : " files")
                    .append(".</p>\n<table><thead><tr><th>file</th><th>rows</th><th>SHA-256</th></tr></thead>")
                    .append("<tbody>\n");
            for (ModelCard.FileEntry f : data.files()) {
                h.append("<tr><td><code>")
                        .append(esc(f.path()))
                        .append("</code></td><td class=\"num\">")
                        .append(f.rows())
                        .append("</td><td><code>")
                        .append(esc(prefix(f.sha256())))
                        .append("</code></td></tr>\n");
            }
            h.append("</tbody></table>\n");
            if (data.classDistribution() != null && !data.classDistribution().isEmpty()) {
                Map<String, Double> rows = new LinkedHashMap<>();
                data.classDistribution().forEach((k, v) -> rows.put(k, v.doubleValue()));
                distributionTable(
                        h,
                        "Class distribution of the training data (every row of the files above"
                                + ("holdout".equals(report.evaluation().method())
                                        ? ", before the holdout was set aside"
                                        : "")
                                + ")",
                        rows);
            }
        }
        Map<String, Double> evaluated = actualCounts(report.confusionMatrix());
        if (!evaluated.isEmpty()) {
            distributionTable(h, "Class distribution of the evaluated rows: " + evaluatedRows(report), evaluated);
        }
        ModelCard.DataChanges changes = card == null ? null : card.dataChanges();
        if (changes != null && changes.newRows() != null) {
            h.append("<h3>New rows</h3>\n<p>")
                    .append(String.format(Locale.ROOT, "%,d", changes.newRows()))
                    .append(" labelled rows the production model ")
                    .append(esc(changes.comparedWith() == null ? "" : changes.comparedWith()))
                    .append(" was not trained on");
            if (!changes.newRowsPerClass().isEmpty()) {
                List<String> per = new ArrayList<>();
                changes.newRowsPerClass().forEach((k, v) -> per.add(esc(k) + ": " + v));
                h.append(" (").append(String.join(", ", per)).append(")");
            }
            h.append(".</p>\n");
        } else if (report.data() != null && report.data().newRows() != null) {
            h.append("<h3>New rows</h3>\n<p>")
                    .append(report.data().newRows())
                    .append(" labelled rows not seen by production.</p>\n");
        }
        if (report.data() != null && report.data().retrainReason() != null) {
            h.append("<p class=\"note\">Retrained because ")
                    .append(esc(report.data().retrainReason()))
                    .append(".</p>\n");
        }
        h.append("</section>\n");
    }

    /** Which rows the metrics, the confusion matrix and the curves are of, in words. */
    static String evaluatedRows(ValidationReport report) {
        ValidationReport.EvaluationInfo e = report.evaluation();
        return switch (e.method()) {
            case "test" -> "the test data";
            case "holdout" -> "the " + e.percent() + "% holdout of the training data";
            default -> e.folds() + "-fold cross-validation over the training data (each row predicted once)";
        };
    }

    private static void distributionTable(StringBuilder h, String title, Map<String, Double> rows) {
        double total = rows.values().stream().mapToDouble(Double::doubleValue).sum();
        h.append("<h3>")
                .append(esc(title))
                .append("</h3>\n<table><thead><tr><th>class</th><th>rows</th>")
                .append("<th>share</th></tr></thead><tbody>\n");
        for (Map.Entry<String, Double> e : rows.entrySet()) {
            double share = total == 0 ? 0 : e.getValue() / total;
            h.append("<tr><td>")
                    .append(esc(e.getKey()))
                    .append("</td><td class=\"num\">")
                    .append(count(e.getValue()))
                    .append("</td><td><span class=\"share\" style=\"width:")
                    .append(String.format(Locale.ROOT, "%.0f", share * 150))
                    .append("px\"></span> ")
                    .append(String.format(Locale.ROOT, "%.1f%%", share * 100))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    /** Escapes text for HTML and SVG content and attribute values. */
    public static String esc(String s) {
        return SvgCharts.esc(s);
    }

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #212529;
                   background: #f8f9fa; }
            header { background: #fff; border-bottom: 1px solid #dee2e6; padding: 16px 28px; }
            h1 { margin: 0 0 6px; font-size: 24px; }
            h2 { font-size: 18px; margin: 0 0 10px; }
            h3 { font-size: 15px; margin: 14px 0 6px; }
            main { padding: 18px 28px; display: grid; gap: 18px; }
            section { background: #fff; border: 1px solid #dee2e6; border-radius: 8px; padding: 14px 18px;
                      overflow-x: auto; }
            .meta, .note, footer { color: #495057; font-size: 14px; }
            footer { padding: 8px 28px 24px; }
            .verdict { font-size: 14px; padding: 3px 10px; border-radius: 12px; vertical-align: middle; color: #fff; }
            .verdict.pass { background: #2f9e44; } .verdict.fail { background: #c92a2a; }
            .verdict.none { background: #868e96; }
            span.pass { color: #2b8a3e; font-weight: 600; } span.fail { color: #c92a2a; font-weight: 600; }
            span.verdict.pass, span.verdict.fail { color: #fff; }
            table { border-collapse: collapse; font-size: 14px; }
            th, td { border-bottom: 1px solid #e9ecef; padding: 5px 12px; text-align: left; }
            th { background: #f1f3f5; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 18px; }
            svg.chart { background: #fff; font-size: 12px; width: 100%; height: auto; display: block; }
            svg .grid { stroke: #e9ecef; stroke-width: 1; } svg .frame { fill: none; stroke: #adb5bd; }
            svg .tick { fill: #495057; } svg .small { font-size: 10px; }
            svg .axis-title { fill: #212529; font-size: 13px; } svg .chart-title { font-size: 14px; font-weight: 600; }
            svg .legend { fill: #212529; } svg .cell { fill: #212529; font-size: 14px; font-weight: 600; }
            svg .cell.light { fill: #fff; }
            .share { display: inline-block; height: 10px; background: #1f6feb; border-radius: 2px; }
            code { font-size: 13px; }
            """;
}
