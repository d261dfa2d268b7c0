package io.github.mlmaven.report;

import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.McNemar;
import io.github.mlmaven.evaluation.MetricName;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.retrain.RetrainDecision;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** summary.md: the metrics against their thresholds as Markdown, ready to append to a CI job summary. */
public final class SummaryMarkdown {
    private SummaryMarkdown() {}

    public static String render(ValidationReport report) {
        StringBuilder md = new StringBuilder();
        String status = !report.gateConfigured() ? "no gate" : report.passed() ? "✅ passed" : "❌ failed";
        md.append("### Model `")
                .append(report.modelName())
                .append("`: ")
                .append(status)
                .append("\n\n");
        ValidationReport.EvaluationInfo e = report.evaluation();
        md.append("`").append(report.algorithm()).append("`, evaluated by ").append(describe(e));
        if (report.positiveClass() != null) {
            md.append("; positive class `").append(report.positiveClass()).append("`");
        }
        md.append(".\n\n");
        ValidationReport.DataSection data = report.data();
        if (data != null) {
            md.append(RetrainDecision.dataLine(
                            data.rows(), data.newRows(), data.newRowsPerClass(), data.comparedWith()))
                    .append("\n\n");
            if (data.retrainReason() != null) {
                md.append("Retrained (`<retrainWhen>`): ")
                        .append(data.retrainReason())
                        .append(".\n\n");
            }
        }
        if (!report.gateConfigured()) {
            md.append("No gate is configured: add `<thresholds>` to the plugin configuration to fail the build on poor"
                    + " metrics.\n\n");
        }
        ValidationReport.ChampionSection champion = report.champion();
        boolean compared = champion != null && "compared".equals(champion.status());
        if (champion != null && !compared) {
            md.append(
                    "none".equals(champion.status())
                            ? "No production version yet: gated on the thresholds alone.\n\n"
                            : "Not compared with production " + champion.version() + ": " + champion.note() + "\n\n");
        }
        if (compared) {
            md.append("| metric | candidate | production ")
                    .append(champion.version())
                    .append(" | delta | threshold | result |\n|---|---:|---:|---:|---|---|\n");
        } else {
            md.append("| metric | value | threshold | result |\n|---|---:|---|---|\n");
        }
        for (Map.Entry<String, Double> metric : report.metrics().entrySet()) {
            Optional<Verdict.ThresholdResult> rule = report.thresholds().stream()
                    .filter(t -> t.metric().equals(metric.getKey()))
                    .findFirst();
            md.append("| ")
                    .append(metric.getKey())
                    .append(" | ")
                    .append(format(metric.getValue()))
                    .append(" | ");
            if (compared) {
                md.append(format(champion.metrics().get(metric.getKey())))
                        .append(" | ")
                        .append(signed(champion.deltas().get(metric.getKey())))
                        .append(" | ");
            }
            if (rule.isPresent()) {
                md.append(symbol(rule.get().comparator()))
                        .append(' ')
                        .append(format(rule.get().bound()));
                md.append(" | ").append(rule.get().passed() ? "✅ pass" : "❌ **breach**");
            } else {
                md.append(" | ");
            }
            md.append(" |\n");
        }
        if (compared && !champion.rules().isEmpty()) {
            md.append("\nAgainst production ").append(champion.version()).append(":\n\n");
            for (var rule : champion.rules()) {
                md.append("- ")
                        .append(rule.passed() ? "✅ " : "❌ ")
                        .append(describeRule(rule, champion.mcnemar()))
                        .append('\n');
            }
        }
        if (compared && champion.note() != null) {
            md.append("\n").append(champion.note()).append("\n");
        }
        if (report.confusionMatrix() != null) {
            Metrics.ConfusionMatrix cm = report.confusionMatrix();
            md.append("\nConfusion matrix (rows: actual, columns: predicted)\n\n| |");
            cm.labels().forEach(l -> md.append(' ').append(escape(l)).append(" |"));
            md.append("\n|---|");
            cm.labels().forEach(l -> md.append("---:|"));
            md.append('\n');
            for (int r = 0; r < cm.labels().size(); r++) {
                md.append("| **").append(escape(cm.labels().get(r))).append("** |");
                for (Double count : cm.counts().get(r)) {
                    md.append(' ').append(formatCount(count)).append(" |");
                }
                md.append('\n');
            }
        }
        SliceSection.markdown(md, report);
        md.append("\nModel SHA-256 `").append(report.modelSha256()).append("`\n");
        return md.toString();
    }

    /**
     * A champion rule in words, for summary.md and the console: "recall may drop by at most 0.02: it rose by 0.0150".
     * The drop is signed (negative when the candidate is better), so it is worded by its sign and the metric's
     * direction: a drop of -0.02 in recall is a rise, one of -0.02 in rmse a fall.
     */
    public static String describeRule(ChampionGate.RuleResult rule, McNemar mcnemar) {
        if ("significance".equals(rule.rule())) {
            return mcnemar == null
                    ? "McNemar's test: p = " + format(rule.actual()) + "; refused below " + rule.bound() + " when c > b"
                    : String.format(
                            Locale.ROOT,
                            "McNemar's test: b = %d (only the candidate right), c = %d (only production right),"
                                    + " p = %.4g; refused below %s when c > b",
                            mcnemar.b(),
                            mcnemar.c(),
                            mcnemar.pValue(),
                            rule.bound());
        }
        boolean higherIsBetter =
                MetricName.byId(rule.metric()).map(MetricName::higherIsBetter).orElse(true);
        String worse = higherIsBetter ? "drop" : "rise";
        String text = rule.metric() + " may " + worse + " by at most " + rule.bound() + ": ";
        Double drop = rule.actual();
        if (drop == null) {
            return text + "undefined";
        }
        if (Math.abs(drop) < 5e-5) { // what %.4f prints as 0.0000
            return text + "unchanged";
        }
        String change = drop > 0 ? (higherIsBetter ? "dropped" : "rose") : (higherIsBetter ? "rose" : "fell");
        return text + "it " + change + " by " + format(Math.abs(drop));
    }

    public static String describe(ValidationReport.EvaluationInfo e) {
        ValidationReport.EngineInfo engine = e.engine();
        return engine == null
                ? method(e)
                : String.format(
                        Locale.ROOT,
                        "%s, evaluated on Spark %s (%s, %d partitions)",
                        method(e),
                        engine.sparkVersion(),
                        engine.master(),
                        engine.partitions());
    }

    private static String method(ValidationReport.EvaluationInfo e) {
        List<String> files = e.data().stream().map(d -> "`" + d.path() + "`").toList();
        return switch (e.method()) {
            case "test" -> String.format(Locale.ROOT, "test data (%,d rows: %s)", e.rows(), String.join(", ", files));
            case "holdout" ->
                String.format(
                        Locale.ROOT, "a %d%% stratified holdout (%,d rows, seed %d)", e.percent(), e.rows(), e.seed());
            default ->
                String.format(
                        Locale.ROOT, "%d-fold cross-validation (%,d rows, seed %d)", e.folds(), e.rows(), e.seed());
        };
    }

    public static String format(Double value) {
        if (value == null) {
            return "undefined";
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** A delta with its sign, {@code +0.0150}; {@code undefined} for null. */
    public static String signed(Double value) {
        if (value == null) {
            return "undefined";
        }
        return String.format(Locale.ROOT, "%+.4f", value);
    }

    private static String formatCount(Double count) {
        return count == Math.rint(count) ? String.valueOf(count.longValue()) : format(count);
    }

    private static String symbol(String comparator) {
        return switch (comparator) {
            case ">=" -> "≥";
            case "<=" -> "≤";
            default -> comparator;
        };
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
