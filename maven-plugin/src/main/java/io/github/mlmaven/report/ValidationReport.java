package io.github.mlmaven.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.McNemar;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.evaluation.slice.SliceReport;
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
        boolean passed,
        @JsonInclude(JsonInclude.Include.NON_NULL) ChampionSection champion,
        @JsonInclude(JsonInclude.Include.NON_NULL) DataSection data,
        @JsonInclude(JsonInclude.Include.NON_NULL) SliceReport slices) {

    /** A report without a data section. */
    public ValidationReport(
            int schemaVersion,
            String modelName,
            String modelSha256,
            String algorithm,
            String validatedAt,
            EvaluationInfo evaluation,
            String classAttribute,
            String classType,
            String positiveClass,
            Map<String, Double> metrics,
            Map<String, Metrics.ClassMetrics> perClass,
            Metrics.ConfusionMatrix confusionMatrix,
            List<Verdict.ThresholdResult> thresholds,
            boolean gateConfigured,
            boolean passed,
            ChampionSection champion) {
        this(
                schemaVersion,
                modelName,
                modelSha256,
                algorithm,
                validatedAt,
                evaluation,
                classAttribute,
                classType,
                positiveClass,
                metrics,
                perClass,
                confusionMatrix,
                thresholds,
                gateConfigured,
                passed,
                champion,
                null,
                null);
    }

    /**
     * The training data of the model against the data of the production model, from the model card (docs/retraining.md).
     *
     * @param rows rows of the training data
     * @param newRows labelled rows the production model was not trained on; null without a production model
     * @param newRowsPerClass those rows per class value
     * @param comparedWith the production version compared with
     * @param retrainReason why ml:train's {@code <retrainWhen>} policy trained this model, when one is configured
     */
    public record DataSection(
            long rows,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long newRows,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> newRowsPerClass,
            @JsonInclude(JsonInclude.Include.NON_NULL) String comparedWith,
            @JsonInclude(JsonInclude.Include.NON_NULL) String retrainReason) {
        public DataSection {
            newRowsPerClass = newRowsPerClass == null ? Map.of() : newRowsPerClass;
        }
    }

    /** A report without a champion section. */
    public ValidationReport(
            int schemaVersion,
            String modelName,
            String modelSha256,
            String algorithm,
            String validatedAt,
            EvaluationInfo evaluation,
            String classAttribute,
            String classType,
            String positiveClass,
            Map<String, Double> metrics,
            Map<String, Metrics.ClassMetrics> perClass,
            Metrics.ConfusionMatrix confusionMatrix,
            List<Verdict.ThresholdResult> thresholds,
            boolean gateConfigured,
            boolean passed) {
        this(
                schemaVersion,
                modelName,
                modelSha256,
                algorithm,
                validatedAt,
                evaluation,
                classAttribute,
                classType,
                positiveClass,
                metrics,
                perClass,
                confusionMatrix,
                thresholds,
                gateConfigured,
                passed,
                null,
                null,
                null);
    }

    /**
     * The comparison with the model in production.
     *
     * @param status {@code compared}, {@code none} (no production version yet) or {@code notComparable} (see note)
     * @param version the production version
     * @param metrics its metrics on the same rows
     * @param deltas candidate minus production, per metric
     * @param mcnemar b, c and the p-value of McNemar's test on the paired predictions, when the rows pair up
     * @param rules each champion rule's outcome
     * @param note why the comparison could not be made, or what it could not include
     */
    public record ChampionSection(
            String status,
            @JsonInclude(JsonInclude.Include.NON_NULL) String version,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> metrics,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> deltas,
            @JsonInclude(JsonInclude.Include.NON_NULL) McNemar mcnemar,
            List<ChampionGate.RuleResult> rules,
            boolean passed,
            @JsonInclude(JsonInclude.Include.NON_NULL) String note) {}

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
     * @param engine where the model was evaluated when not in the build's JVM (Spark); absent for the local engine
     */
    public record EvaluationInfo(
            String method,
            long rows,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer folds,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer percent,
            long seed,
            List<DataRef> data,
            @JsonInclude(JsonInclude.Include.NON_NULL) EngineInfo engine) {

        /** An evaluation in the build's JVM. */
        public EvaluationInfo(String method, long rows, Integer folds, Integer percent, long seed, List<DataRef> data) {
            this(method, rows, folds, percent, seed, data, null);
        }
    }

    /**
     * The engine an evaluation ran on, other than the build's JVM.
     *
     * @param name {@code spark}
     * @param master the Spark master the job ran on
     * @param partitions the number of partitions the test rows were split into, each evaluated apart and merged
     * @param sparkVersion Spark's version as the driver reported it
     */
    public record EngineInfo(String name, String master, int partitions, String sparkVersion) {}

    public record DataRef(String path, String sha256, long rows) {}
}
