package io.github.mlmaven.workflow;

import io.github.mlmaven.common.Heartbeat;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataFile;
import io.github.mlmaven.data.DataSource;
import io.github.mlmaven.data.DataSources;
import io.github.mlmaven.data.DataSplits;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.engine.SparkDriverProcess;
import io.github.mlmaven.engine.SparkSettings;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.Evaluator;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.NaiveBayesScorer;
import io.github.mlmaven.evaluation.StreamingEvaluation;
import io.github.mlmaven.evaluation.slice.SliceEvaluation;
import io.github.mlmaven.evaluation.slice.SliceReport;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.training.ClassifierFactory;
import io.github.mlmaven.training.Training;
import io.github.mlmaven.workflow.ValidateWorkflow.Verified;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Prediction;
import weka.core.Instances;

/** The evaluation step of ml:validate: the trained model on test data or held-out rows, or its algorithm by cv. */
final class CandidateEvaluation {
    /**
     * The candidate's figures, and what the production model is to be evaluated on to compare: the same source and, for
     * a holdout, the same rows.
     *
     * @param championMask the held-out rows of {@code championSource}; null to take all its rows
     * @param predictions the candidate's predictions on test or held-out rows, which McNemar's test pairs; null for cv
     *     and when streamed
     * @param cvPredictions the predictions of cross-validation, for the report's curves only; null unless cv
     * @param curve the threshold curve computed along with the metrics; null when it was not
     * @param streamed the test data was streamed: no predictions were kept, so there is nothing to pair
     * @param slices the per-slice figures and rules; null when no slice is configured
     */
    record Evaluation(
            Metrics metrics,
            ValidationReport.EvaluationInfo info,
            DataSource championSource,
            boolean[] championMask,
            List<Prediction> predictions,
            List<Prediction> cvPredictions,
            StreamingEvaluation.ThresholdPoints curve,
            boolean streamed,
            SliceReport slices) {}

    private final MlLog log;
    private final ValidateRequest request;
    private final Verified verified;
    private final Function<SparkSettings, SparkDriverProcess> sparkDrivers;

    CandidateEvaluation(
            MlLog log,
            ValidateRequest request,
            Verified verified,
            Function<SparkSettings, SparkDriverProcess> sparkDrivers) {
        this.log = log;
        this.request = request;
        this.verified = verified;
        this.sparkDrivers = sparkDrivers;
    }

    Evaluation evaluate() {
        if (request.spark() != null && verified.method() != EvaluationMethod.TEST) {
            log.info("With <engine>spark</engine>, ml:validate evaluates test data on Spark; "
                    + (verified.method() == EvaluationMethod.HOLDOUT ? "the holdout" : "cross-validation")
                    + " runs on this machine, as with <engine>local</engine>");
        }
        return switch (verified.method()) {
            case TEST -> onTestData();
            case HOLDOUT -> onHeldOutRows();
            default -> crossValidated();
        };
    }

    private Evaluation onTestData() {
        ValidateWorkflow.requireTestData(verified.hasTestData());
        ModelCard card = verified.card();
        Schema schema = verified.schema();
        DataSource source = DataSources.open(verified.context(), request.testData(), "testData");
        if (request.spark() != null) {
            return new SparkEvaluation(log, sparkDrivers.apply(request.spark()), request, verified).evaluate(source);
        }
        Classifier model = verified.bundle().readVerifiedModel(card, request.classLoader(), request.alsoAllowed());
        if (Training.methodFor(model) == Training.Method.INCREMENTAL && !schema.hasStringAttributes()) {
            // as it was trained: row by row as the data is read, in memory that does not grow with it
            log.info("Evaluating " + card.modelName() + " row by row as the test data is read (an updateable"
                    + " classifier: memory does not grow with the data)");
            long start = System.nanoTime();
            StreamingEvaluation evaluation =
                    new StreamingEvaluation(schema.emptyInstances("test", 0), verified.positiveIndex());
            SliceEvaluation slices = slices();
            if (slices != null) {
                evaluation.onEachRow(slices::add);
            }
            List<DataFile> read = stream(source, schema, "testData", model, evaluation);
            Metrics metrics = evaluation.metrics();
            StreamingEvaluation.ThresholdPoints curve = evaluation.thresholdCurve();
            logEvaluated("Evaluated " + card.modelName() + " on", metrics.rows(), "test rows as they were read", start);
            return new Evaluation(
                    metrics, testInfo(metrics, read), source, null, null, null, curve, true, report(slices));
        }
        Dataset test = source.read(schema, "testData");
        log.info(String.format(Locale.ROOT, "Evaluating %s on %,d test rows", card.modelName(), test.rows()));
        long start = System.nanoTime();
        Evaluator.Evaluated evaluated = Evaluator.evaluate(
                model, test.instances(), verified.positiveIndex(), ValidateWorkflow.modelBytes(verified.bundle()));
        logEvaluated("Evaluated " + card.modelName() + " on", test.rows(), "test rows", start);
        Metrics metrics = evaluated.metrics();
        return new Evaluation(
                metrics,
                testInfo(metrics, test.files()),
                source,
                null,
                evaluated.predictions(),
                null,
                evaluated.curve(),
                false,
                sliced(test.instances(), evaluated));
    }

    private ValidationReport.EvaluationInfo testInfo(Metrics metrics, List<DataFile> read) {
        return new ValidationReport.EvaluationInfo(
                "test", metrics.rows(), null, null, verified.card().seed(), refs(read));
    }

    private Evaluation onHeldOutRows() {
        ModelCard card = verified.card();
        TrainWorkflow.checkHoldoutPercent(request.holdoutPercent());
        if (!"holdout".equals(card.trainedOn().rows())
                || !Integer.valueOf(request.holdoutPercent())
                        .equals(card.trainedOn().holdoutPercent())) {
            throw new InvalidConfigurationException(
                    "evaluation",
                    "<evaluation>holdout</evaluation> with <holdoutPercent>" + request.holdoutPercent()
                            + "</holdoutPercent>, but the model was trained on "
                            + ("holdout".equals(card.trainedOn().rows())
                                    ? "a " + card.trainedOn().holdoutPercent() + "% holdout split"
                                    : "all rows")
                            + "; run ml:train with the same <evaluation> and <holdoutPercent> so the held-out"
                            + " rows were not seen in training");
        }
        DataSource source = DataSources.open(verified.context(), request.trainingData(), "trainingData");
        Dataset data = readAsTrained(source);
        boolean[] mask = DataSplits.heldOutRows(data.instances(), request.holdoutPercent(), card.seed());
        Instances heldOut = DataSplits.apply(data.instances(), mask).test();
        Classifier model = verified.bundle().readVerifiedModel(card, request.classLoader(), request.alsoAllowed());
        log.info(String.format(
                Locale.ROOT, "Evaluating %s on %,d held-out rows", card.modelName(), heldOut.numInstances()));
        long start = System.nanoTime();
        Evaluator.Evaluated evaluated = Evaluator.evaluate(
                model, heldOut, verified.positiveIndex(), ValidateWorkflow.modelBytes(verified.bundle()));
        logEvaluated("Evaluated " + card.modelName() + " on", heldOut.numInstances(), "held-out rows", start);
        Metrics metrics = evaluated.metrics();
        ValidationReport.EvaluationInfo info = new ValidationReport.EvaluationInfo(
                "holdout", metrics.rows(), null, request.holdoutPercent(), card.seed(), refs(data.files()));
        return new Evaluation(
                metrics,
                info,
                source,
                mask,
                evaluated.predictions(),
                null,
                evaluated.curve(),
                false,
                sliced(heldOut, evaluated));
    }

    private Evaluation crossValidated() {
        ModelCard card = verified.card();
        ValidateWorkflow.checkFolds(request.folds());
        DataSource source = DataSources.open(verified.context(), request.trainingData(), "trainingData");
        Dataset data = readAsTrained(source);
        Classifier untrained =
                ClassifierFactory.create(card.algorithm(), card.options(), card.seed(), request.classLoader());
        log.info(String.format(
                Locale.ROOT,
                "Cross-validating %s: %d folds over %,d rows, seed %d",
                card.algorithm(),
                request.folds(),
                data.rows(),
                card.seed()));
        Evaluator.Evaluated evaluated;
        // each row's prediction by the fold that held it out, as it is counted into the overall figures
        SliceEvaluation slices = slices();
        try (Heartbeat heartbeat =
                Heartbeat.start(log, "cross-validating " + card.algorithm(), TrainWorkflow.HEARTBEAT_SECONDS)) {
            long start = System.nanoTime();
            evaluated = Evaluator.crossValidateEvaluated(
                    untrained,
                    data.instances(),
                    request.folds(),
                    card.seed(),
                    verified.positiveIndex(),
                    slices == null ? null : slices::add);
            logEvaluated(
                    "Cross-validated " + card.algorithm() + " in " + request.folds() + " folds over",
                    data.rows(),
                    "rows",
                    start);
        }
        Metrics metrics = evaluated.metrics();
        ValidationReport.EvaluationInfo info = new ValidationReport.EvaluationInfo(
                "cv", metrics.rows(), request.folds(), null, card.seed(), refs(data.files()));
        // the predictions of refitted folds are drawn as curves, never paired with the production model's
        return new Evaluation(metrics, info, source, null, null, evaluated.predictions(), null, false, report(slices));
    }

    /** A new per-slice evaluation of the configured slices; null when none is configured. */
    private SliceEvaluation slices() {
        return verified.slices() == null
                ? null
                : new SliceEvaluation(
                        verified.slices(), verified.schema().emptyInstances("slices", 0), verified.positiveIndex());
    }

    /** The slices of rows an evaluation kept a prediction of, one per row in row order; null without slices. */
    private SliceReport sliced(Instances rows, Evaluator.Evaluated evaluated) {
        SliceEvaluation slices = slices();
        if (slices == null) {
            return null;
        }
        slices.addAll(rows, evaluated.predictions());
        return slices.report();
    }

    private static SliceReport report(SliceEvaluation slices) {
        return slices == null ? null : slices.report();
    }

    /** The training data, refused unless its fingerprint is the one on the model's card. */
    private Dataset readAsTrained(DataSource source) {
        Dataset data = source.read(verified.schema(), "trainingData");
        ModelCard card = verified.card();
        List<String> now = source.describe(data).files().stream()
                .map(f -> f.path() + "@" + f.sha256())
                .toList();
        List<String> then = card.data().files().stream()
                .map(f -> f.path() + "@" + f.sha256())
                .toList();
        if (!now.equals(then)) {
            throw new InvalidInputException("the training data differs from the data the model was trained on (now: "
                    + data.files().stream().map(DataFile::path).toList() + ", at training: "
                    + card.data().files().stream()
                            .map(ModelCard.FileEntry::path)
                            .toList()
                    + ", or their contents changed); run ml:train so that the model and its evaluation match");
        }
        return data;
    }

    /**
     * "Evaluated model on 200,000 test rows in 0.31 s": the evaluation's own time (scoring and metrics), apart from
     * reading the data before it and writing the reports after it, so that a CI log shows where the time goes.
     */
    private void logEvaluated(String what, long rows, String rowsNoun, long startNanos) {
        log.info(String.format(
                Locale.ROOT, "%s %,d %s in %.2f s", what, rows, rowsNoun, (System.nanoTime() - startNanos) / 1e9));
    }

    private static List<ValidationReport.DataRef> refs(List<DataFile> files) {
        return files.stream()
                .map(f -> new ValidationReport.DataRef(f.path(), f.sha256(), f.rows()))
                .toList();
    }

    /** Streams {@code source} through {@code model} into {@code evaluation}; the rows are not kept. */
    static List<DataFile> stream(
            DataSource source, Schema schema, String parameter, Classifier model, StreamingEvaluation evaluation) {
        Instances header = schema.emptyInstances(parameter, 0);
        // NaiveBayesUpdateable scores as NaiveBayes: the same arithmetic without Weka's per-row garbage
        NaiveBayesScorer scorer = NaiveBayesScorer.of(model).orElse(null);
        return source.stream(schema, parameter, (values, weight) -> {
            weka.core.Instance row = new weka.core.DenseInstance(weight, values);
            row.setDataset(header);
            if (scorer != null) {
                evaluation.add(scorer.distribution(row), row);
            } else {
                evaluation.add(model, row);
            }
        });
    }
}
