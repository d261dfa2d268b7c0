package io.github.mlmaven.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.Verdict;
import java.util.List;
import java.util.Map;

/** validation.json, documented field by field in docs/outputs.md. */
public record ValidationReport(
        int schemaVersion,
        String modelName,
        String modelSha256,
        String algorithm,
        String validatedAt,
        EvaluationInfo evaluation,
        String classAttribute,
        String classType,
        @JsonInclude(JsonInclude.Include.NON_NULL) String positiveClass,
        Map<String, Double> metrics,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Metrics.ClassMetrics> perClass,
        @JsonInclude(JsonInclude.Include.NON_NULL) Metrics.ConfusionMatrix confusionMatrix,
        List<Verdict.ThresholdResult> thresholds,
        boolean gateConfigured,
        boolean passed) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    /**
     * How the figures were obtained.
     *
     * @param method test, holdout or cv
     * @param rows rows evaluated (all rows for cv, each evaluated once)
     * @param folds cv only
     * @param percent holdout only: the share of rows held out
     * @param seed the seed of the split or the folds
     * @param data the files evaluated on (test) or split (holdout, cv)
     */
    public record EvaluationInfo(
            String method,
            long rows,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer folds,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer percent,
            long seed,
            List<DataRef> data) {}

    public record DataRef(String path, String sha256, long rows) {}
}
