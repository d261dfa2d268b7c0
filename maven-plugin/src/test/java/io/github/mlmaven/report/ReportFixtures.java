package io.github.mlmaven.report;

import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.evaluation.slice.SliceReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation reports built by hand, so the renderers can be checked without training anything. */
final class ReportFixtures {
    private ReportFixtures() {}

    static final String SHA = "1335875cc8a92756641d346cb2886b01fd512018e472e9a6d6db97755fe84dad";

    /** credit-g on test data: recall 0.4219 breaches >= 0.8, accuracy 0.715 meets >= 0.7, precision undefined. */
    static ValidationReport creditReport(List<Verdict.ThresholdResult> thresholds) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", 0.715);
        metrics.put("precision", null);
        metrics.put("recall", 0.421875);
        metrics.put("f1", 0.486);
        metrics.put("rocAuc", 0.658);
        metrics.put("prAuc", 0.495);
        metrics.put("mcc", 0.302);
        metrics.put("kappa", 0.2956);
        Map<String, Metrics.ClassMetrics> perClass = new LinkedHashMap<>();
        perClass.put("good", new Metrics.ClassMetrics(0.758, 0.853, 0.803, 136));
        perClass.put("bad", new Metrics.ClassMetrics(null, 0.421875, null, 64));
        Metrics.ConfusionMatrix matrix = new Metrics.ConfusionMatrix(
                List.of("good", "bad|worse"), List.of(List.of(116.0, 20.0), List.of(37.0, 27.0)));
        return new ValidationReport(
                ValidationReport.CURRENT_SCHEMA_VERSION,
                "credit",
                SHA,
                "weka.classifiers.trees.J48",
                "2024-03-01T12:00:00Z",
                new ValidationReport.EvaluationInfo(
                        "test", 200, null, null, 1, List.of(new ValidationReport.DataRef("data/test.csv", "abc", 200))),
                "class",
                "nominal",
                "bad",
                metrics,
                perClass,
                matrix,
                thresholds,
                !thresholds.isEmpty(),
                thresholds.stream().allMatch(Verdict.ThresholdResult::passed));
    }

    /** {@code r} with its gate's outcome replaced: whether a gate was configured, passed, and the sections it judged. */
    static ValidationReport withGate(
            ValidationReport r,
            boolean gateConfigured,
            boolean passed,
            ValidationReport.ChampionSection champion,
            SliceReport slices) {
        return new ValidationReport(
                r.schemaVersion(),
                r.modelName(),
                r.modelSha256(),
                r.algorithm(),
                r.validatedAt(),
                r.evaluation(),
                r.classAttribute(),
                r.classType(),
                r.positiveClass(),
                r.metrics(),
                r.perClass(),
                r.confusionMatrix(),
                r.thresholds(),
                gateConfigured,
                passed,
                champion,
                null,
                slices);
    }

    static Verdict.ThresholdResult recallBreach() {
        return new Verdict.ThresholdResult("recall", ">=", 0.8, 0.421875, false);
    }

    static Verdict.ThresholdResult accuracyMet() {
        return new Verdict.ThresholdResult("accuracy", ">=", 0.7, 0.715, true);
    }

    static Verdict.ThresholdResult precisionUndefined() {
        return new Verdict.ThresholdResult("precision", ">=", 0.5, null, false);
    }
}
