package io.github.mlmaven.workflow;

import io.github.mlmaven.artifact.ChampionLoader;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataSplits;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.Evaluator;
import io.github.mlmaven.evaluation.McNemar;
import io.github.mlmaven.evaluation.StreamingEvaluation;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.workflow.CandidateEvaluation.Evaluation;
import java.util.List;
import java.util.Locale;
import weka.classifiers.evaluation.Prediction;
import weka.core.Instances;

/**
 * The champion step of ml:validate: the production model evaluated on the same data (and, for a holdout, the same
 * rows) as the candidate, and the champion rules applied.
 */
final class ChampionComparison {
    /**
     * The comparison with production (a null section when no registry was consulted) and what the report's curves need
     * of the production model: its predictions or its threshold curve, and its index of the positive class.
     */
    record Outcome(
            ValidationReport.ChampionSection section,
            List<Prediction> predictions,
            int positiveIndex,
            StreamingEvaluation.ThresholdPoints curve) {
        static Outcome of(ValidationReport.ChampionSection section) {
            return new Outcome(section, null, -1, null);
        }
    }

    private final MlLog log;
    private final ValidateRequest request;

    ChampionComparison(MlLog log, ValidateRequest request) {
        this.log = log;
        this.request = request;
    }

    Outcome compare(ModelCard card, EvaluationMethod method, Evaluation candidate) {
        ValidateRequest.Champion champion = request.champion();
        if (champion == null || "unknown".equals(champion.status())) {
            return Outcome.of(null);
        }
        if (!champion.found()) {
            log.info("No production version of " + card.modelName()
                    + " in the registry yet: gating on the thresholds alone");
            return Outcome.of(new ValidationReport.ChampionSection(
                    "none", null, null, null, null, List.of(), true, "no production version yet"));
        }
        ChampionLoader.Loaded loaded = ChampionLoader.load(
                champion.jar(), card.modelName(), champion.modelSha256(), request.classLoader(), request.alsoAllowed());
        Schema championSchema = ValidateWorkflow.schemaOf(loaded.card());
        String positive = card.schema().positiveClass();
        int positiveIndex =
                positive == null ? -1 : championSchema.classSpec().values().indexOf(positive);
        if (candidate.streamed()) {
            return compareStreamed(candidate, champion, loaded, championSchema, positiveIndex);
        }
        Instances rows;
        try {
            rows = candidate
                    .championSource()
                    .read(championSchema, "championData")
                    .instances();
        } catch (InvalidInputException e) {
            return Outcome.of(notComparable(champion, e));
        }
        if (candidate.championMask() != null) {
            rows = DataSplits.apply(rows, candidate.championMask()).test();
        }
        log.info(String.format(
                Locale.ROOT,
                "Evaluating the production model %s on the same %,d rows",
                champion.version(),
                rows.numInstances()));
        Evaluator.Evaluated theirs = Evaluator.evaluate(loaded.classifier(), rows, positiveIndex);
        McNemar mcnemar = null;
        String note = null;
        if ("nominal".equals(card.schema().classType())) {
            if (method == EvaluationMethod.CV) {
                note = "with cv the candidate's predictions come from refitted folds, so McNemar's test is not applied;"
                        + " the production model is evaluated on all rows (it may have seen some in training)";
            } else {
                mcnemar = ChampionGate.mcnemar(candidate.predictions(), theirs.predictions());
            }
        }
        ValidationReport.ChampionSection section = compared(
                champion,
                ChampionGate.judge(
                        champion.version(), candidate.metrics(), theirs.metrics(), mcnemar, champion.rules()),
                note);
        return new Outcome(section, theirs.predictions(), positiveIndex, theirs.curve());
    }

    /**
     * The champion on streamed test data, or on test data the candidate was evaluated on by Spark: evaluated in a
     * streamed pass over the same data. Without kept predictions the two cannot be paired, so McNemar's test is not
     * applied (said in the report).
     */
    private Outcome compareStreamed(
            Evaluation candidate,
            ValidateRequest.Champion champion,
            ChampionLoader.Loaded loaded,
            Schema championSchema,
            int positiveIndex) {
        StreamingEvaluation theirs =
                new StreamingEvaluation(championSchema.emptyInstances("champion", 0), positiveIndex);
        try {
            CandidateEvaluation.stream(
                    candidate.championSource(), championSchema, "championData", loaded.classifier(), theirs);
        } catch (InvalidInputException e) {
            return Outcome.of(notComparable(champion, e));
        }
        log.info(String.format(
                Locale.ROOT,
                "Evaluated the production model %s on the same %,d rows",
                champion.version(),
                theirs.rows()));
        StreamingEvaluation.ThresholdPoints curve = theirs.thresholdCurve();
        ValidationReport.ChampionSection section = compared(
                champion,
                ChampionGate.judge(champion.version(), candidate.metrics(), theirs.metrics(), null, champion.rules()),
                candidate.info().engine() != null
                        ? "the candidate was evaluated on Spark, whose partitions keep no per-row predictions to"
                                + " pair: the production model was evaluated on this machine on the same rows, and"
                                + " McNemar's test is not applied"
                        : "the test data was streamed (an updateable classifier), so no predictions were kept to"
                                + " pair: McNemar's test is not applied");
        return new Outcome(section, null, positiveIndex, curve);
    }

    /** The production model cannot read the test data: warned, and the gate is the thresholds alone. */
    private ValidationReport.ChampionSection notComparable(
            ValidateRequest.Champion champion, InvalidInputException error) {
        String note = "the production model " + champion.version() + " cannot read this data (" + error.getMessage()
                + "); compared on thresholds alone";
        log.warn(note);
        return new ValidationReport.ChampionSection(
                "notComparable", champion.version(), null, null, null, List.of(), true, note);
    }

    private static ValidationReport.ChampionSection compared(
            ValidateRequest.Champion champion, ChampionGate.Result result, String note) {
        return new ValidationReport.ChampionSection(
                "compared",
                champion.version(),
                result.metrics(),
                result.deltas(),
                result.mcnemar(),
                result.rules(),
                result.passed(),
                note);
    }
}
