package io.github.mlmaven.workflow;

import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.AttributeSpec;
import io.github.mlmaven.data.AttributeType;
import io.github.mlmaven.data.DataSource;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.engine.SparkDriverProcess;
import io.github.mlmaven.engine.SparkSettings;
import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.Gate;
import io.github.mlmaven.evaluation.MetricName;
import io.github.mlmaven.evaluation.ThresholdParser;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.evaluation.slice.SlicePlan;
import io.github.mlmaven.evaluation.slice.SliceReport;
import io.github.mlmaven.report.Curves;
import io.github.mlmaven.report.JunitXmlReport;
import io.github.mlmaven.report.SummaryMarkdown;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.retrain.RetrainDecision;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.workflow.CandidateEvaluation.Evaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * ml:validate as a plain use case, in steps that hand records to one another: verify the model and its card, evaluate
 * the model (test data, holdout) or its algorithm (cv) ({@link CandidateEvaluation}), compare with production ({@link
 * ChampionComparison}), judge the metrics against the thresholds, write validation.json, summary.md, JUnit XML and the
 * curves, and only then report a breach.
 */
public final class ValidateWorkflow {
    private final MlLog log;
    private final Function<SparkSettings, SparkDriverProcess> sparkDrivers;

    public ValidateWorkflow(MlLog log) {
        this(log, settings -> new SparkDriverProcess(log, settings));
    }

    /** @param sparkDrivers the driver process of a Spark evaluation (tests substitute a stand-in driver) */
    public ValidateWorkflow(MlLog log, Function<SparkSettings, SparkDriverProcess> sparkDrivers) {
        this.log = log;
        this.sparkDrivers = sparkDrivers;
    }

    /**
     * A model whose file matches its card, and what its evaluation needs from the card.
     *
     * @param positiveIndex the positive class's index in {@code schema}; -1 without one
     * @param context what the data sources are opened with: hashes are shared with ml:train's
     * @param slices the configured slices, checked against the model's attributes; null when none is configured
     */
    record Verified(
            ModelBundle bundle,
            ModelCard card,
            EvaluationMethod method,
            boolean hasTestData,
            Schema schema,
            int positiveIndex,
            DataSource.Context context,
            SlicePlan slices) {}

    public ValidationReport run(ValidateRequest request) {
        WekaEnvironment.prepare();
        Verified verified = verify(request);
        ModelCard card = verified.card();
        ModelBundle bundle = verified.bundle();
        Evaluation evaluation = new CandidateEvaluation(log, request, verified, sparkDrivers).evaluate();
        Verdict verdict = Gate.judge(evaluation.metrics(), request.thresholds());
        ChampionComparison.Outcome champion =
                new ChampionComparison(log, request).compare(card, verified.method(), evaluation);
        ValidationReport report = report(verified, evaluation, verdict, champion.section());
        write(bundle, report);
        writeCurves(verified, evaluation, champion);
        logReport(report, bundle);
        if (!report.passed()) {
            throw breach(card, bundle, verdict, champion.section(), report.slices());
        }
        return report;
    }

    private Verified verify(ValidateRequest request) {
        ModelBundle bundle =
                new ModelBundle(request.outputDirectory().resolve(request.modelName()), request.modelName());
        ModelCard card = bundle.readCard();
        if (!bundle.modelMatches(card)) {
            throw new InvalidInputException("model file " + bundle.modelFile() + " does not match the SHA-256 in "
                    + bundle.cardFile() + " (" + card.modelSha256()
                    + "): it is missing, altered or truncated, and was not loaded. Run ml:train again");
        }
        boolean hasTestData = !request.testData().isEmpty();
        EvaluationMethod method = request.evaluation() != null
                ? request.evaluation()
                : hasTestData ? EvaluationMethod.TEST : EvaluationMethod.CV;
        Schema schema = schemaOf(card);
        MetricName.ClassType classType = MetricName.ClassType.of(card.schema().classType());
        ThresholdParser.checkApplicable(
                request.thresholds(), classType, card.schema().classAttribute());
        int positiveIndex = card.schema().positiveClass() == null
                ? -1
                : schema.classSpec().values().indexOf(card.schema().positiveClass());
        // data unchanged since it was last hashed (by ml:train, or by an earlier validation) is not hashed again
        // a database source reads the parts the model was trained against, extracting only when there is none yet
        DataSource.Context context = DataSource.Context.of(request.basedir(), bundle.directory(), log)
                .withProduction(request.productionData())
                .withExtract(DataSource.Extract.WHEN_NO_PART)
                .withExclude(request.exclude());
        // checked before any row is read, so a mistake in them costs no evaluation
        SparkEvaluation.checkSupported(request, method == EvaluationMethod.TEST);
        SlicePlan slices = request.slices().configured()
                ? SlicePlan.resolve(request.slices(), schema.emptyInstances("slices", 0))
                : null;
        return new Verified(bundle, card, method, hasTestData, schema, positiveIndex, context, slices);
    }

    private static ValidationReport report(
            Verified verified, Evaluation evaluation, Verdict verdict, ValidationReport.ChampionSection champion) {
        ModelCard card = verified.card();
        SliceReport slices = evaluation.slices();
        boolean passed =
                verdict.passed() && (champion == null || champion.passed()) && (slices == null || slices.passed());
        return new ValidationReport(
                ValidationReport.CURRENT_SCHEMA_VERSION,
                card.modelName(),
                card.modelSha256(),
                card.algorithm(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                evaluation.info(),
                card.schema().classAttribute(),
                card.schema().classType(),
                evaluation.metrics().positiveClass(),
                evaluation.metrics().values(),
                evaluation.metrics().perClass(),
                evaluation.metrics().confusionMatrix(),
                verdict.results(),
                verdict.gateConfigured()
                        || (champion != null && !champion.rules().isEmpty())
                        || (slices != null && !slices.rules().isEmpty()),
                passed,
                champion,
                dataSection(card, verified.bundle()),
                slices);
    }

    private static GateFailedException breach(
            ModelCard card,
            ModelBundle bundle,
            Verdict verdict,
            ValidationReport.ChampionSection champion,
            SliceReport slices) {
        List<String> reasons = new ArrayList<>();
        verdict.breaches().stream().map(ValidateWorkflow::describeBreach).forEach(reasons::add);
        if (champion != null) {
            champion.rules().stream()
                    .filter(r -> !r.passed())
                    .map(r -> describeChampionBreach(r, champion.version()))
                    .forEach(reasons::add);
        }
        if (slices != null) {
            slices.breaches().stream().map(SliceLog::describeBreach).forEach(reasons::add);
        }
        return new GateFailedException("Model " + card.modelName() + " failed its gate: " + String.join("; ", reasons)
                + ". See " + bundle.summaryFile());
    }

    /**
     * curves.json, the ROC and precision-recall curves ml:report draws, for a nominal class with a positive class; a
     * failure to write it is only a warning.
     */
    private void writeCurves(Verified verified, Evaluation evaluation, ChampionComparison.Outcome champion) {
        ModelBundle bundle = verified.bundle();
        ModelCard card = verified.card();
        int positiveIndex = verified.positiveIndex();
        String championVersion =
                champion.section() == null ? null : champion.section().version();
        try {
            java.nio.file.Files.deleteIfExists(bundle.directory().resolve(Curves.FILE)); // none stale from a rerun
            if (!"nominal".equals(card.schema().classType()) || positiveIndex < 0) {
                return;
            }
            Optional<Curves.Curve> ours = evaluation.curve() != null
                    ? Curves.of("candidate", evaluation.curve())
                    : Curves.of(
                            "candidate",
                            evaluation.predictions() != null ? evaluation.predictions() : evaluation.cvPredictions(),
                            positiveIndex);
            if (ours.isEmpty()) {
                return;
            }
            Curves.Curve theirs = (champion.curve() != null
                            ? Curves.of(championVersion, champion.curve())
                            : Curves.of(championVersion, champion.predictions(), champion.positiveIndex()))
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

    /** The data figures of the card, with the retrain policy's reason when one decided to train. */
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

    static Schema schemaOf(ModelCard card) {
        List<AttributeSpec> specs = new ArrayList<>();
        for (ModelCard.AttributeEntry a : card.schema().attributes()) {
            specs.add(new AttributeSpec(
                    a.name(), AttributeType.parse(a.type()), a.values() == null ? List.of() : a.values(), a.format()));
        }
        return new Schema(specs, card.schema().classAttribute());
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

    private void logReport(ValidationReport report, ModelBundle bundle) {
        log.info("Metrics of " + report.modelName() + " by " + SummaryMarkdown.describe(report.evaluation())
                + (report.positiveClass() == null ? "" : ", positive class '" + report.positiveClass() + "'") + ":");
        ValidationReport.ChampionSection champion = report.champion();
        boolean compared = champion != null && "compared".equals(champion.status());
        // the values line up under the longest name, however long the names of the metrics get
        int nameWidth = report.metrics().keySet().stream()
                .mapToInt(String::length)
                .max()
                .orElse(0);
        String line = "  %-" + Math.max(12, nameWidth) + "s %s%s%s";
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
                    Locale.ROOT, line, m.getKey(), SummaryMarkdown.format(m.getValue()), production, rule));
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
        if (report.slices() != null) {
            SliceLog.log(log, report.slices());
        }
        if (!report.gateConfigured()) {
            log.info("No gate is configured (no <thresholds>): validation passes whatever the metrics");
        } else if (report.passed()) {
            if (report.slices() == null || report.slices().rules().isEmpty()) {
                log.info("Gate passed: all " + report.thresholds().size() + " thresholds met");
            } else {
                log.info(SliceLog.gatePassed(report.thresholds().size(), report.slices()));
            }
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
    static long modelBytes(ModelBundle bundle) {
        try {
            return java.nio.file.Files.size(bundle.modelFile());
        } catch (java.io.IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
