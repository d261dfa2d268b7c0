package io.github.mlmaven.monitoring.mlflow;

import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.ModelCard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a train+validate run logs to MLflow: the params, metrics and tags, from the model card and validation.json. */
public final class ValidationRun {
    private ValidationRun() {}

    /** {@code <model>-<short commit>}, or the model name alone outside git. */
    public static String runName(ModelCard card) {
        String commit = card.git() == null ? null : card.git().commit();
        return commit == null
                ? card.modelName()
                : card.modelName() + "-" + commit.substring(0, Math.min(7, commit.length()));
    }

    public static RunData of(ModelCard card, ValidationReport report) {
        RunData run = new RunData();
        run.param("algorithm", card.algorithm());
        run.param("options", card.options());
        run.param("effectiveOptions", card.effectiveOptions());
        run.param("seed", card.seed());
        run.param("wekaVersion", card.wekaVersion());
        run.param("pluginVersion", card.pluginVersion());
        if (card.trainedOn() != null) {
            run.param("training.rows", card.trainedOn().rowCount());
            run.param("training.split", card.trainedOn().rows());
        }
        if (card.data() != null) {
            run.param("data.totalRows", card.data().totalRows());
            for (ModelCard.FileEntry file : card.data().files()) {
                run.param("data." + file.path() + ".sha256", file.sha256());
                run.param("data." + file.path() + ".rows", file.rows());
            }
        }
        ValidationReport.EvaluationInfo evaluation = report.evaluation();
        if (evaluation != null) {
            run.param("evaluation.method", evaluation.method());
            run.param("evaluation.rows", evaluation.rows());
            run.param("evaluation.folds", evaluation.folds());
            run.param("evaluation.holdoutPercent", evaluation.percent());
            if (evaluation.data() != null) {
                for (ValidationReport.DataRef file : evaluation.data()) {
                    // the training files are named already (same path, same checksum); test files are added
                    run.param("data." + file.path() + ".sha256", file.sha256());
                    run.param("data." + file.path() + ".rows", file.rows());
                }
            }
        }
        report.metrics().forEach(run::metric);
        if (report.perClass() != null) {
            for (Map.Entry<String, Metrics.ClassMetrics> c : report.perClass().entrySet()) {
                String prefix = "class." + c.getKey() + ".";
                run.metric(prefix + "precision", c.getValue().precision());
                run.metric(prefix + "recall", c.getValue().recall());
                run.metric(prefix + "f1", c.getValue().f1());
                run.metric(prefix + "support", c.getValue().support());
            }
        }
        ValidationReport.ChampionSection champion = report.champion();
        if (champion != null) {
            if (champion.metrics() != null) {
                champion.metrics().forEach((k, v) -> run.metric("champion." + k, v));
            }
            if (champion.deltas() != null) {
                champion.deltas().forEach((k, v) -> run.metric("champion.delta." + k, v));
            }
            if (champion.version() != null) {
                run.tag("ml.champion.version", champion.version());
            }
        }
        if (card.git() != null && card.git().commit() != null) {
            run.tag("mlflow.source.git.commit", card.git().commit());
            if (card.git().branch() != null) {
                run.tag("mlflow.source.git.branch", card.git().branch());
            }
        }
        run.tag("mlflow.runName", runName(card));
        run.tag("mlflow.source.type", "JOB");
        run.tag("ml.modelName", card.modelName());
        run.tag("ml.modelSha256", card.modelSha256());
        run.tag("ml.validation.passed", report.passed());
        run.tag("ml.validation.gateConfigured", report.gateConfigured());
        // a failed gate is a run that completed (FINISHED): the verdict is a metric to sort and chart by, and the
        // run's description in MLflow's UI
        run.metric(PASSED_METRIC, report.passed() ? 1.0 : 0.0);
        run.tag(NOTE_TAG, verdict(report));
        return run;
    }

    /** 1 when the gate passed (or none is configured), 0 when it failed. */
    public static final String PASSED_METRIC = "validation_passed";

    /** MLflow's run description, shown at the top of the run's page. */
    public static final String NOTE_TAG = "mlflow.note.content";

    /**
     * The verdict in one or two lines, e.g. {@code Gate failed: recall 0.5 (needs >= 0.8).}; the thresholds and champion
     * rules that failed are named, at most five of each.
     */
    static String verdict(ValidationReport report) {
        List<String> breaches = new ArrayList<>();
        if (report.thresholds() != null) {
            for (Verdict.ThresholdResult t : report.thresholds()) {
                if (!t.passed()) {
                    breaches.add(t.metric() + " " + (t.actual() == null ? "undefined" : number(t.actual())) + " (needs "
                            + t.comparator() + " " + number(t.bound()) + ")");
                }
            }
        }
        ValidationReport.ChampionSection champion = report.champion();
        if (champion != null && champion.rules() != null) {
            for (ChampionGate.RuleResult r : champion.rules()) {
                if (!r.passed()) {
                    breaches.add("champion rule " + r.rule() + " on " + r.metric() + ": "
                            + (r.actual() == null ? "undefined" : number(r.actual())) + " (bound "
                            + number(r.bound()) + ")");
                }
            }
        }
        String against = champion != null && champion.version() != null
                ? " Compared with production " + champion.version() + "."
                : "";
        if (report.passed()) {
            return (report.gateConfigured() ? "Gate passed." : "Validated; no gate configured.") + against;
        }
        if (breaches.isEmpty()) {
            return "Gate failed." + against;
        }
        int shown = Math.min(breaches.size(), 5);
        return "Gate failed: " + String.join("; ", breaches.subList(0, shown))
                + (breaches.size() > shown ? "; and " + (breaches.size() - shown) + " more" : "") + "." + against;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
