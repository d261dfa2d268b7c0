package io.github.mlmaven.workflow;

import io.github.mlmaven.artifact.ChampionLoader;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.Heartbeat;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.AttributeSpec;
import io.github.mlmaven.data.AttributeType;
import io.github.mlmaven.data.DataFile;
import io.github.mlmaven.data.DataFiles;
import io.github.mlmaven.data.DataSplits;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.data.FingerprintCache;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.Evaluator;
import io.github.mlmaven.evaluation.Gate;
import io.github.mlmaven.evaluation.McNemar;
import io.github.mlmaven.evaluation.MetricName;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.NaiveBayesScorer;
import io.github.mlmaven.evaluation.StreamingEvaluation;
import io.github.mlmaven.evaluation.ThresholdParser;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.report.Curves;
import io.github.mlmaven.report.JunitXmlReport;
import io.github.mlmaven.report.SummaryMarkdown;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.retrain.RetrainDecision;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.training.ClassifierFactory;
import io.github.mlmaven.training.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import weka.classifiers.Classifier;
import weka.core.Instances;

/**
 * ml:validate as a plain use case: evaluate the trained model (test data, holdout) or its algorithm (cv), judge the
 * metrics against the thresholds, write validation.json, summary.md and JUnit XML, and only then report a breach.
 */
public final class ValidateWorkflow {
    private final MlLog log;
    // issue 5 §5: the production model's predictions, for the report's curves
    private List<weka.classifiers.evaluation.Prediction> championPredictions;
    private int championPositiveIndex = -1;
    /** Threshold curves computed along with the metrics (null when they were not): the report draws these. */
    private StreamingEvaluation.ThresholdPoints candidateCurve;

    private StreamingEvaluation.ThresholdPoints championCurve;
    /** The test data was streamed: no predictions were kept, so there is nothing to pair for McNemar's test. */
    private boolean streamed;

    public ValidateWorkflow(MlLog log) {
        this.log = log;
    }

    public ValidationReport run(ValidateRequest request) {
        WekaEnvironment.prepare();
        ModelBundle bundle =
                new ModelBundle(request.outputDirectory().resolve(request.modelName()), request.modelName());
        ModelCard card = bundle.readCard();
        if (!bundle.modelMatches(card)) {
            throw new InvalidInputException("model file " + bundle.modelFile() + " does not match the SHA-256 in "
                    + bundle.cardFile() + " (" + card.modelSha256()
                    + "): it is missing, altered or truncated, and was not loaded. Run ml:train again");
        }
        boolean hasTestData = request.testData() != null && !request.testData().isEmpty();
        EvaluationMethod method = request.evaluation() != null
                ? request.evaluation()
                : hasTestData ? EvaluationMethod.TEST : EvaluationMethod.CV;
        Schema schema = schemaOf(card);
        MetricName.ClassType classType = "numeric".equals(card.schema().classType())
                ? MetricName.ClassType.NUMERIC
                : MetricName.ClassType.NOMINAL;
        ThresholdParser.checkApplicable(
                request.thresholds(), classType, card.schema().classAttribute());
        int positiveIndex = card.schema().positiveClass() == null
                ? -1
                : schema.classSpec().values().indexOf(card.schema().positiveClass());
        // files unchanged since they were last hashed (by ml:train, or by an earlier validation) are not hashed again
        FingerprintCache fingerprints = FingerprintCache.load(bundle.directory());
        DatasetReader reader = new DatasetReader(request.basedir(), log).knowingHashes(fingerprints);

        Metrics metrics;
        ValidationReport.EvaluationInfo info;
        // what the champion is evaluated on: the same files, and for a holdout the same rows
        List<Path> championFiles;
        boolean[] championMask = null;
        List<weka.classifiers.evaluation.Prediction> candidatePredictions = null;
        List<weka.classifiers.evaluation.Prediction> cvPredictions = null;
        switch (method) {
            case TEST -> {
                requireTestData(hasTestData);
                List<Path> files = DataFiles.resolve(request.basedir(), request.testData(), "testData");
                Classifier model = bundle.readVerifiedModel(card, request.classLoader(), request.alsoAllowed());
                List<FingerprintCache.Stat> before = FingerprintCache.Stat.ofEach(files);
                long startedAt = FingerprintCache.nowNanos();
                List<DataFile> read;
                if (Training.methodFor(model) == Training.Method.INCREMENTAL && !schema.hasStringAttributes()) {
                    // as it was trained: row by row as the files are read, in memory that does not grow with them
                    streamed = true;
                    log.info("Evaluating " + card.modelName() + " row by row as the test data is read (an updateable"
                            + " classifier: memory does not grow with the data)");
                    long start = System.nanoTime();
                    StreamingEvaluation evaluation =
                            new StreamingEvaluation(schema.emptyInstances("test", 0), positiveIndex);
                    read = stream(reader, files, schema, "testData", model, evaluation);
                    metrics = evaluation.metrics();
                    candidateCurve = evaluation.thresholdCurve();
                    logEvaluated(
                            "Evaluated " + card.modelName() + " on",
                            metrics.rows(),
                            "test rows as they were read",
                            start);
                } else {
                    Dataset test = reader.readWithSchema(files, schema, "testData");
                    log.info(String.format(
                            Locale.ROOT, "Evaluating %s on %,d test rows", card.modelName(), test.rows()));
                    long start = System.nanoTime();
                    Evaluator.Evaluated evaluated =
                            Evaluator.evaluate(model, test.instances(), positiveIndex, modelBytes(bundle));
                    logEvaluated("Evaluated " + card.modelName() + " on", test.rows(), "test rows", start);
                    metrics = evaluated.metrics();
                    candidatePredictions = evaluated.predictions();
                    candidateCurve = evaluated.curve();
                    read = test.files();
                }
                remember(fingerprints, files, before, startedAt, read);
                championFiles = files;
                info = new ValidationReport.EvaluationInfo("test", metrics.rows(), null, null, card.seed(), refs(read));
            }
            case HOLDOUT -> {
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
                Dataset data = readTrainingAsTrained(request, card, schema, reader);
                championMask = DataSplits.heldOutRows(data.instances(), request.holdoutPercent(), card.seed());
                championFiles =
                        data.files().stream().map(DataFile::absolutePath).toList();
                Instances heldOut =
                        DataSplits.apply(data.instances(), championMask).test();
                Classifier model = bundle.readVerifiedModel(card, request.classLoader(), request.alsoAllowed());
                log.info(String.format(
                        Locale.ROOT, "Evaluating %s on %,d held-out rows", card.modelName(), heldOut.numInstances()));
                long start = System.nanoTime();
                Evaluator.Evaluated evaluated = Evaluator.evaluate(model, heldOut, positiveIndex, modelBytes(bundle));
                logEvaluated("Evaluated " + card.modelName() + " on", heldOut.numInstances(), "held-out rows", start);
                candidateCurve = evaluated.curve();
                metrics = evaluated.metrics();
                candidatePredictions = evaluated.predictions();
                info = new ValidationReport.EvaluationInfo(
                        "holdout", metrics.rows(), null, request.holdoutPercent(), card.seed(), refs(data.files()));
            }
            default -> {
                checkFolds(request.folds());
                Dataset data = readTrainingAsTrained(request, card, schema, reader);
                Classifier untrained =
                        ClassifierFactory.create(card.algorithm(), card.options(), card.seed(), request.classLoader());
                log.info(String.format(
                        Locale.ROOT,
                        "Cross-validating %s: %d folds over %,d rows, seed %d",
                        card.algorithm(),
                        request.folds(),
                        data.rows(),
                        card.seed()));
                try (Heartbeat heartbeat =
                        Heartbeat.start(log, "cross-validating " + card.algorithm(), TrainWorkflow.HEARTBEAT_SECONDS)) {
                    long start = System.nanoTime();
                    Evaluator.Evaluated evaluated = Evaluator.crossValidateEvaluated(
                            untrained, data.instances(), request.folds(), card.seed(), positiveIndex);
                    logEvaluated(
                            "Cross-validated " + card.algorithm() + " in " + request.folds() + " folds over",
                            data.rows(),
                            "rows",
                            start);
                    metrics = evaluated.metrics();
                    cvPredictions = evaluated.predictions(); // issue 5 §5: for the report's curves only
                }
                championFiles =
                        data.files().stream().map(DataFile::absolutePath).toList();
                info = new ValidationReport.EvaluationInfo(
                        "cv", metrics.rows(), request.folds(), null, card.seed(), refs(data.files()));
            }
        }

        Verdict verdict = Gate.judge(metrics, request.thresholds());
        ValidationReport.ChampionSection champion = compareWithChampion(
                request, card, metrics, candidatePredictions, championFiles, championMask, method, reader);
        boolean passed = verdict.passed() && (champion == null || champion.passed());
        ValidationReport report = new ValidationReport(
                ValidationReport.CURRENT_SCHEMA_VERSION,
                card.modelName(),
                card.modelSha256(),
                card.algorithm(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                info,
                card.schema().classAttribute(),
                card.schema().classType(),
                metrics.positiveClass(),
                metrics.values(),
                metrics.perClass(),
                metrics.confusionMatrix(),
                verdict.results(),
                verdict.gateConfigured()
                        || (champion != null && !champion.rules().isEmpty()),
                passed,
                champion,
                dataSection(card, bundle));
        write(bundle, report);
        // issue 5 §5: ROC and precision-recall curves for ml:report
        writeCurves(
                bundle,
                card,
                positiveIndex,
                candidatePredictions != null ? candidatePredictions : cvPredictions,
                champion == null ? null : champion.version());
        logReport(report, bundle);
        if (!passed) {
            List<String> reasons = new java.util.ArrayList<>();
            verdict.breaches().stream().map(ValidateWorkflow::describeBreach).forEach(reasons::add);
            if (champion != null) {
                champion.rules().stream()
                        .filter(r -> !r.passed())
                        .map(r -> describeChampionBreach(r, champion.version()))
                        .forEach(reasons::add);
            }
            throw new GateFailedException("Model " + card.modelName() + " failed its gate: "
                    + String.join("; ", reasons) + ". See " + bundle.summaryFile());
        }
        return report;
    }

    /**
     * Evaluates the production model on the same files (and, for a holdout, the same rows) as the candidate and
     * applies the champion rules. Null when no registry was consulted.
     */
    private ValidationReport.ChampionSection compareWithChampion(
            ValidateRequest request,
            ModelCard card,
            Metrics candidate,
            List<weka.classifiers.evaluation.Prediction> candidatePredictions,
            List<Path> files,
            boolean[] mask,
            EvaluationMethod method,
            DatasetReader reader) {
        ValidateRequest.Champion champion = request.champion();
        if (champion == null || "unknown".equals(champion.status())) {
            return null;
        }
        if (!champion.found()) {
            log.info("No production version of " + card.modelName()
                    + " in the registry yet: gating on the thresholds alone");
            return new ValidationReport.ChampionSection(
                    "none", null, null, null, null, List.of(), true, "no production version yet");
        }
        ChampionLoader.Loaded loaded = ChampionLoader.load(
                champion.jar(), card.modelName(), champion.modelSha256(), request.classLoader(), request.alsoAllowed());
        Schema championSchema = schemaOf(loaded.card());
        String positive = card.schema().positiveClass();
        int positiveIndex =
                positive == null ? -1 : championSchema.classSpec().values().indexOf(positive);
        if (streamed) {
            return compareStreamed(candidate, champion, loaded, championSchema, positiveIndex, files, reader);
        }
        Instances rows;
        try {
            rows = reader.readWithSchema(files, championSchema, "championData").instances();
        } catch (InvalidInputException e) {
            return notComparable(champion, e);
        }
        if (mask != null) {
            rows = DataSplits.apply(rows, mask).test();
        }
        log.info(String.format(
                Locale.ROOT,
                "Evaluating the production model %s on the same %,d rows",
                champion.version(),
                rows.numInstances()));
        Evaluator.Evaluated theirs = Evaluator.evaluate(loaded.classifier(), rows, positiveIndex);
        championPredictions = theirs.predictions();
        championPositiveIndex = positiveIndex;
        championCurve = theirs.curve();
        McNemar mcnemar = null;
        String note = null;
        if ("nominal".equals(card.schema().classType())) {
            if (method == EvaluationMethod.CV) {
                note = "with cv the candidate's predictions come from refitted folds, so McNemar's test is not applied;"
                        + " the production model is evaluated on all rows (it may have seen some in training)";
            } else {
                mcnemar = ChampionGate.mcnemar(candidatePredictions, theirs.predictions());
            }
        }
        return compared(
                champion,
                ChampionGate.judge(champion.version(), candidate, theirs.metrics(), mcnemar, champion.rules()),
                note);
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

    /** curves.json (issue 5 §5), for a nominal class with a positive class; a failure to write is only a warning. */
    private void writeCurves(
            ModelBundle bundle,
            ModelCard card,
            int positiveIndex,
            List<weka.classifiers.evaluation.Prediction> candidate,
            String championVersion) {
        try {
            java.nio.file.Files.deleteIfExists(bundle.directory().resolve(Curves.FILE)); // none stale from a rerun
            if (!"nominal".equals(card.schema().classType()) || positiveIndex < 0) {
                return;
            }
            java.util.Optional<Curves.Curve> ours = candidateCurve != null
                    ? Curves.of("candidate", candidateCurve)
                    : Curves.of("candidate", candidate, positiveIndex);
            if (ours.isEmpty()) {
                return;
            }
            Curves.Curve theirs = (championCurve != null
                            ? Curves.of(championVersion, championCurve)
                            : Curves.of(championVersion, championPredictions, championPositiveIndex))
                    .orElse(null);
            new Curves(
                            Curves.CURRENT_SCHEMA_VERSION,
                            card.modelName(),
                            card.schema().positiveClass(),
                            ours.get(),
                            theirs)
                    .writeTo(bundle.directory());
        } catch (IOException | RuntimeException e) {
            log.warn("Could not write " + Curves.FILE + " in " + bundle.directory() + ": " + e);
        }
    }

    /** The data figures of the card, with the retrain policy's reason when one decided to train. */
    static void requireTestData(boolean hasTestData) {
        if (!hasTestData) {
            throw new InvalidConfigurationException(
                    "testData",
                    "<evaluation>test</evaluation> needs <testData>; add the test files, or use holdout or cv");
        }
    }

    static void checkFolds(int folds) {
        if (folds < 2) {
            throw new InvalidConfigurationException(
                    "folds", "<folds> is " + folds + "; cross-validation needs at least 2 folds");
        }
    }

    private static ValidationReport.DataSection dataSection(ModelCard card, ModelBundle bundle) {
        ModelCard.DataChanges changes = card.dataChanges();
        String reason = RetrainDecision.read(bundle.directory())
                .filter(RetrainDecision::retrain)
                .map(RetrainDecision::reason)
                .orElse(null);
        if (changes == null) {
            return card.data() == null
                    ? null
                    : new ValidationReport.DataSection(card.data().totalRows(), null, null, null, reason);
        }
        return new ValidationReport.DataSection(
                changes.rows(), changes.newRows(), changes.newRowsPerClass(), changes.comparedWith(), reason);
    }

    private static String describeChampionBreach(ChampionGate.RuleResult r, String version) {
        if ("significance".equals(r.rule())) {
            return String.format(
                    Locale.ROOT,
                    "McNemar's test says it is significantly worse than production %s (p = %.4g < %s)",
                    version,
                    r.actual(),
                    r.bound());
        }
        return r.actual() == null
                ? r.metric() + " is undefined while production " + version + " has a value"
                : String.format(
                        Locale.ROOT,
                        "%s drops by %.4f against production %s (allowed %s)",
                        r.metric(),
                        r.actual(),
                        version,
                        r.bound());
    }

    private Dataset readTrainingAsTrained(
            ValidateRequest request, ModelCard card, Schema schema, DatasetReader reader) {
        List<Path> files = DataFiles.resolve(request.basedir(), request.trainingData(), "trainingData");
        Dataset data = reader.readWithSchema(files, schema, "trainingData");
        List<String> now =
                data.files().stream().map(f -> f.path() + "@" + f.sha256()).toList();
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

    private static Schema schemaOf(ModelCard card) {
        List<AttributeSpec> specs = new ArrayList<>();
        for (ModelCard.AttributeEntry a : card.schema().attributes()) {
            specs.add(new AttributeSpec(
                    a.name(), AttributeType.parse(a.type()), a.values() == null ? List.of() : a.values()));
        }
        return new Schema(specs, card.schema().classAttribute());
    }

    /** Records the hashes of the test files just read, so that the next validation need not compute them again. */
    private void remember(
            FingerprintCache fingerprints,
            List<Path> files,
            List<FingerprintCache.Stat> before,
            long startedAt,
            List<DataFile> read) {
        for (int i = 0; i < files.size() && i < read.size(); i++) {
            fingerprints.record(
                    files.get(i), before.get(i), startedAt, read.get(i).sha256());
        }
        try {
            fingerprints.save();
        } catch (IOException e) {
            log.warn("Cannot save the data fingerprints (" + e.getMessage() + "); the next run hashes the data again");
        }
    }

    private static List<ValidationReport.DataRef> refs(List<DataFile> files) {
        return files.stream()
                .map(f -> new ValidationReport.DataRef(f.path(), f.sha256(), f.rows()))
                .toList();
    }

    private static void write(ModelBundle bundle, ValidationReport report) {
        try {
            bundle.writeJson(bundle.validationFile(), report);
            AtomicFiles.writeString(bundle.summaryFile(), SummaryMarkdown.render(report));
            AtomicFiles.writeString(bundle.junitFile(), JunitXmlReport.render(report));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write validation outputs to " + bundle.directory() + ": " + e.getMessage(), e);
        }
    }

    /**
     * "Evaluated model on 200,000 test rows in 0.31 s": the evaluation's own time (scoring and metrics), apart from
     * reading the data before it and writing the reports after it, so that a CI log shows where the time goes.
     */
    private void logEvaluated(String what, long rows, String rowsNoun, long startNanos) {
        log.info(String.format(
                Locale.ROOT, "%s %,d %s in %.2f s", what, rows, rowsNoun, (System.nanoTime() - startNanos) / 1e9));
    }

    private void logReport(ValidationReport report, ModelBundle bundle) {
        log.info("Metrics of " + report.modelName() + " by " + SummaryMarkdown.describe(report.evaluation())
                + (report.positiveClass() == null ? "" : ", positive class '" + report.positiveClass() + "'") + ":");
        ValidationReport.ChampionSection champion = report.champion();
        boolean compared = champion != null && "compared".equals(champion.status());
        for (Map.Entry<String, Double> m : report.metrics().entrySet()) {
            String rule = report.thresholds().stream()
                    .filter(t -> t.metric().equals(m.getKey()))
                    .findFirst()
                    .map(t -> "   (" + t.comparator() + " " + t.bound() + ": " + (t.passed() ? "pass" : "BREACH") + ")")
                    .orElse("");
            String production = compared
                    ? String.format(
                            Locale.ROOT,
                            "   production %s, delta %s",
                            SummaryMarkdown.format(champion.metrics().get(m.getKey())),
                            SummaryMarkdown.signed(champion.deltas().get(m.getKey())))
                    : "";
            log.info(String.format(
                    Locale.ROOT, "  %-12s %s%s%s", m.getKey(), SummaryMarkdown.format(m.getValue()), production, rule));
        }
        if (compared) {
            log.info("Against production " + champion.version() + ":"
                    + (champion.rules().isEmpty() ? " no <champion> rules, compared for information only" : ""));
            for (ChampionGate.RuleResult r : champion.rules()) {
                log.info("  " + (r.passed() ? "pass    " : "BREACH  ")
                        + SummaryMarkdown.describeRule(r, champion.mcnemar()));
            }
            if (champion.note() != null) {
                log.info("  (" + champion.note() + ")");
            }
        }
        if (!report.gateConfigured()) {
            log.info("No gate is configured (no <thresholds>): validation passes whatever the metrics");
        } else if (report.passed()) {
            log.info("Gate passed: all " + report.thresholds().size() + " thresholds met");
        }
        log.info("Wrote " + bundle.validationFile().getFileName() + ", "
                + bundle.summaryFile().getFileName() + " and "
                + bundle.junitFile().getFileName() + " in " + bundle.directory());
    }

    private static String describeBreach(Verdict.ThresholdResult r) {
        return r.actual() == null
                ? r.metric() + " is undefined (required " + r.comparator() + " " + r.bound() + ")"
                : String.format(
                        Locale.ROOT, "%s = %.4f (required %s %s)", r.metric(), r.actual(), r.comparator(), r.bound());
    }

    /** The model file's size, which tells whether copies of the model for parallel scoring are cheap. */
    private static long modelBytes(ModelBundle bundle) {
        try {
            return java.nio.file.Files.size(bundle.modelFile());
        } catch (java.io.IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Streams test files through {@code model} into {@code evaluation}; the rows are not kept. */
    private static List<DataFile> stream(
            DatasetReader reader,
            List<Path> files,
            Schema schema,
            String parameter,
            Classifier model,
            StreamingEvaluation evaluation) {
        Instances header = schema.emptyInstances(parameter, 0);
        // NaiveBayesUpdateable scores as NaiveBayes: the same arithmetic without Weka's per-row garbage
        NaiveBayesScorer scorer = NaiveBayesScorer.of(model).orElse(null);
        return reader.stream(files, schema, parameter, (values, weight) -> {
            weka.core.Instance row = new weka.core.DenseInstance(weight, values);
            row.setDataset(header);
            if (scorer != null) {
                evaluation.add(scorer.distribution(row), row);
            } else {
                evaluation.add(model, row);
            }
        });
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

    /**
     * The champion on streamed test data: evaluated in a second streamed pass over the same files. Without kept
     * predictions the two cannot be paired, so McNemar's test is not applied (said in the report).
     */
    private ValidationReport.ChampionSection compareStreamed(
            Metrics candidate,
            ValidateRequest.Champion champion,
            ChampionLoader.Loaded loaded,
            Schema championSchema,
            int positiveIndex,
            List<Path> files,
            DatasetReader reader) {
        StreamingEvaluation theirs =
                new StreamingEvaluation(championSchema.emptyInstances("champion", 0), positiveIndex);
        try {
            stream(reader, files, championSchema, "championData", loaded.classifier(), theirs);
        } catch (InvalidInputException e) {
            return notComparable(champion, e);
        }
        log.info(String.format(
                Locale.ROOT,
                "Evaluated the production model %s on the same %,d rows",
                champion.version(),
                theirs.rows()));
        championPositiveIndex = positiveIndex;
        championCurve = theirs.thresholdCurve();
        return compared(
                champion,
                ChampionGate.judge(champion.version(), candidate, theirs.metrics(), null, champion.rules()),
                "the test data was streamed (an updateable classifier), so no predictions were kept to pair:"
                        + " McNemar's test is not applied");
    }
}
