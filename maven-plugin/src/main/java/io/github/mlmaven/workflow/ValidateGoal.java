package io.github.mlmaven.workflow;

import io.github.mlmaven.api.ArtifactRepository;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.ValidateParameters;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.RefusedException;
import io.github.mlmaven.common.Urls;
import io.github.mlmaven.data.ProductionData;
import io.github.mlmaven.evaluation.ChampionRules;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.ThresholdParser;
import io.github.mlmaven.evaluation.slice.SliceSettings;
import io.github.mlmaven.monitoring.mlflow.MlflowSteps;
import io.github.mlmaven.monitoring.prometheus.PrometheusSteps;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.retrain.RetrainDecision;
import io.github.mlmaven.runtime.SafeModelReader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * ml:validate: skipped when ml:train skipped training; otherwise finds and resolves the production model, runs
 * {@link ValidateWorkflow} (its verdict pushed to the Pushgateway), then writes report.html and tracks the run in
 * MLflow, after a failed gate too: the gate's failure stays the verdict.
 */
final class ValidateGoal {
    private final MlLog log;
    private final Consumer<String> error;
    private final ArtifactRepository repository;
    private final RetryPolicy mlflowRetry;

    /** @param error where a failure that must not hide the verdict is logged (Maven's error level) */
    ValidateGoal(MlLog log, Consumer<String> error, ArtifactRepository repository, RetryPolicy mlflowRetry) {
        this.log = log;
        this.error = error;
        this.repository = repository;
        this.mlflowRetry = mlflowRetry;
    }

    void run(ValidateParameters p) {
        GoalContext context = p.context();
        Optional<RetrainDecision> skipped = RetrainDecision.skipped(context.modelDirectory());
        if (skipped.isPresent()) {
            log.info("Skipping ml:validate: ml:train skipped training ("
                    + skipped.get().reason() + ")");
            return;
        }
        Registries.ProductionLookup champion = champion(p);
        try {
            PrometheusSteps.afterValidate(
                    context,
                    log,
                    () -> new ValidateWorkflow(log).run(request(p, champion, productionData(p, champion))));
        } catch (GateFailedException | RefusedException verdict) {
            writeReport(p);
            try {
                MlflowSteps.afterValidate(context, mlflowRetry, log);
            } catch (RuntimeException e) {
                Outcome<Void> failed = Goals.failure(e);
                if (failed == null) {
                    throw e;
                }
                error.accept(failed.message());
            }
            throw verdict;
        }
        writeReport(p);
        MlflowSteps.afterValidate(context, mlflowRetry, log);
    }

    /** The settings parsed into the workflow's request, each mistake named by its parameter. */
    static ValidateRequest request(ValidateParameters p, Registries.ProductionLookup champion) {
        return request(p, champion, ProductionData.NONE);
    }

    /**
     * The request, with the production version's published snapshot parts for a database source whose folder is
     * empty (a fresh checkout that validates without training first).
     */
    static ValidateRequest request(
            ValidateParameters p, Registries.ProductionLookup champion, ProductionData productionData) {
        GoalContext c = p.context();
        return new ValidateRequest(
                c.basedir(),
                c.outputDirectory(),
                c.modelName(),
                JdbcSources.source("trainingData", c.trainingData(), c.trainingJdbc()),
                JdbcSources.source("testData", c.testData(), c.testJdbc()),
                EvaluationMethod.fromConfiguration(c.evaluation()),
                c.holdoutPercent(),
                p.folds(),
                ThresholdParser.parse(p.thresholds(), p.thresholdsProperty()),
                ValidateGoal.class.getClassLoader(),
                SafeModelReader.loadedFrom(c.classpath()),
                new ValidateRequest.Champion(
                        champion.status(),
                        champion.version(),
                        champion.jar(),
                        champion.modelSha256(),
                        ChampionRules.parse(p.championMaxDrop(), p.championSignificance())),
                c.exclude(),
                productionData,
                slices(p),
                c.classpath(),
                TrainGoal.engine(p.engine(), p.spark()));
    }

    /** The slice settings, each mistake that needs no data named by its element. */
    static SliceSettings slices(ValidateParameters p) {
        return SliceSettings.parse(
                p.slices().stream()
                        .map(s -> new SliceSettings.SliceText(s.attributes(), s.bins()))
                        .toList(),
                p.minSliceSize(),
                p.sliceThresholds().stream()
                        .map(t -> new SliceSettings.RuleText(t.slice(), t.metric(), t.min(), t.max()))
                        .toList(),
                p.sliceThresholdsProperty(),
                p.allowMissingSlices());
    }

    /** The champion's card and published parts, when it was resolved. */
    private ProductionData productionData(ValidateParameters p, Registries.ProductionLookup champion) {
        if (!champion.found() || champion.jar() == null) {
            return ProductionData.NONE;
        }
        return new PublishedSnapshots(
                log,
                repository,
                champion.groupId(),
                champion.artifactId(),
                new ProductionModel("found", champion.version(), champion.jar(), champion.modelSha256(), null),
                p.context().modelName());
    }

    /** The production version to compare with, its jar resolved; unknown when the comparison is skipped. */
    private Registries.ProductionLookup champion(ValidateParameters p) {
        if (p.championSkip()) {
            log.info("Not comparing with the production model (ml.champion.skip is true)");
            return Registries.ProductionLookup.of("unknown");
        }
        Registries.ProductionLookup lookup = Registries.production(p.context(), log);
        if (!lookup.found()) {
            return lookup;
        }
        try {
            Path jar = repository.resolve(lookup.groupId(), lookup.artifactId(), lookup.version());
            log.info("Production model: " + lookup.coordinates() + " (" + jar + ")");
            return lookup.withJar(jar);
        } catch (ArtifactRepository.RepositoryException e) {
            if (!e.notFound()) {
                throw new InvalidInputException(e.getMessage(), e);
            }
            throw new InvalidInputException(
                    "the registry names " + lookup.coordinates()
                            + " as the production model, but it cannot be resolved: " + e.getMessage()
                            + "; check the repositories, or skip the comparison with -Dml.champion.skip",
                    e);
        }
    }

    /** report.html unless {@code ml.report.skip}; a report that cannot be written is only a warning. */
    private void writeReport(ValidateParameters p) {
        if (p.reportSkip()) {
            log.info("Not writing the model report (ml.report.skip is true)");
            return;
        }
        try {
            ReportSteps.report(p.context(), log);
        } catch (RuntimeException e) {
            Outcome<Void> failed = Goals.failure(e);
            log.warn("The model report could not be written: "
                    + (failed != null
                            ? failed.message()
                            : "ml:report failed unexpectedly: " + Urls.redactAll(String.valueOf(e))));
        }
    }
}
