package io.github.mlmaven.workflow;

import io.github.mlmaven.api.ArtifactRepository;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.SparkParameters;
import io.github.mlmaven.api.TrainParameters;
import io.github.mlmaven.common.ClosestName;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.ProductionData;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.data.jdbc.JdbcSpec;
import io.github.mlmaven.engine.SparkSettings;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.retrain.MonitoringEvidence;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.retrain.RetrainPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * ml:train: looks up the production model (to count new rows against it and apply the retrain policy), then parses the
 * settings into a {@link TrainRequest} and runs {@link TrainWorkflow}.
 */
final class TrainGoal {
    private final MlLog log;
    private final ArtifactRepository repository;

    TrainGoal(MlLog log, ArtifactRepository repository) {
        this.log = log;
        this.repository = repository;
    }

    void run(TrainParameters p) {
        Registries.ProductionLookup lookup = Registries.production(p.context(), Goals.debugOnly(log));
        ProductionModel production = production(lookup, repository, log);
        ProductionData productionData = productionData(p.context(), lookup, production, repository, log);
        // checked before training, so that a mistake in <testData><jdbc> costs no training
        JdbcSpec test = p.context().testJdbc() == null
                ? null
                : JdbcSources.spec("testData", p.context().testJdbc());
        new TrainWorkflow(log).run(request(p, production, productionData, monitoring(p, production)));
        // ml:validate extracts only into an empty folder, so a database test source gets its new rows here
        if (test != null) {
            ExtractGoal.extractTestData(p.context(), test, productionData, log);
        }
    }

    /** The production version's card and published snapshot parts, for a database source to continue from. */
    static ProductionData productionData(
            GoalContext context,
            Registries.ProductionLookup lookup,
            ProductionModel production,
            ArtifactRepository repository,
            MlLog log) {
        return production.found()
                ? new PublishedSnapshots(
                        log, repository, lookup.groupId(), lookup.artifactId(), production, context.modelName())
                : ProductionData.NONE;
    }

    /** The request of the workflow: the settings parsed, each mistake named by its parameter. */
    static TrainRequest request(TrainParameters p, ProductionModel production) {
        return request(p, production, ProductionData.NONE);
    }

    static TrainRequest request(TrainParameters p, ProductionModel production, ProductionData productionData) {
        return request(p, production, productionData, null);
    }

    /** @param monitoring the production version's latest ml:monitor pass; null when not looked up */
    static TrainRequest request(
            TrainParameters p,
            ProductionModel production,
            ProductionData productionData,
            MonitoringEvidence monitoring) {
        GoalContext c = p.context();
        return new TrainRequest(
                c.basedir(),
                c.outputDirectory(),
                c.modelName(),
                JdbcSources.source("trainingData", c.trainingData(), c.trainingJdbc()),
                ReadOptions.fromConfiguration(
                        p.classAttribute(), p.attributeTypes(), p.attributeTypesProperty(), c.exclude()),
                Registries.blankToNull(p.positiveClass()),
                p.algorithm(),
                p.options(),
                p.seed(),
                EvaluationMethod.fromConfiguration(c.evaluation()),
                c.holdoutPercent(),
                p.force(),
                c.classpath(),
                TrainGoal.class.getClassLoader(),
                c.pluginVersion(),
                retrainPolicy(p).withMonitoring(monitoring),
                production,
                productionData,
                engine(p));
    }

    /** The Spark engine's settings when {@code <engine>} is spark; null for the local engine. */
    static SparkSettings engine(TrainParameters p) {
        return engine(p.engine(), p.spark());
    }

    /**
     * {@code <engine>} and {@code <spark>} as written (ml:train's and ml:validate's): the Spark engine's settings when
     * the engine is spark; null for the local engine.
     */
    static SparkSettings engine(String configured, SparkParameters spark) {
        String engine = configured == null || configured.isBlank() ? "local" : configured.strip();
        if (engine.equals("local")) {
            return null;
        }
        if (!engine.equals("spark")) {
            throw new InvalidConfigurationException(
                    "engine",
                    "<engine> is '" + engine + "'; it must be local (the default) or spark"
                            + ClosestName.to(engine, List.of("local", "spark"))
                                    .map(name -> " (did you mean " + name + "?)")
                                    .orElse(""));
        }
        SparkParameters s = spark == null ? SparkParameters.defaults() : spark;
        return SparkSettings.parse(
                        s.master(),
                        s.partitions(),
                        s.executorMemory(),
                        s.executorCores(),
                        s.driverMemory(),
                        s.executorWaitSeconds(),
                        s.conf(),
                        s.dependencies())
                .withClasspath(s.driverClasspath(), s.executorJars());
    }

    static RetrainPolicy retrainPolicy(TrainParameters p) {
        return new RetrainPolicy(
                p.retrainNewRows(),
                p.retrainCodeChanged(),
                p.retrainMaxAgeDays(),
                RetrainPolicy.flag(p.retrainDegraded(), "degraded"),
                RetrainPolicy.flag(p.retrainDrift(), "drift"),
                null);
    }

    /**
     * The production version's latest pass in the registry's monitoring history, when {@code <retrainWhen>} decides on
     * it; a history that cannot be read is said in the decision, and the conditions on it do not hold.
     */
    private MonitoringEvidence monitoring(TrainParameters p, ProductionModel production) {
        if (!retrainPolicy(p).needsMonitoring() || production.version() == null) {
            return null;
        }
        String json;
        try {
            json = Registries.open(p.context(), Goals.debugOnly(log))
                    .readMonitoring(p.context().modelName())
                    .orElse(null);
        } catch (InvalidInputException e) {
            log.warn("The registry's monitoring history cannot be read (" + e.getMessage() + "); <retrainWhen>"
                    + " <degraded/> and <drift/> do not hold without it");
            return MonitoringEvidence.missing("the monitoring history cannot be read: " + e.getMessage());
        }
        if (json == null) {
            return MonitoringEvidence.missing(
                    "the registry holds no monitoring history of " + p.context().modelName() + "; run ml:monitor");
        }
        return io.github.mlmaven.monitoring.live.MonitoringHistory.fromJson(
                        json, p.context().modelName())
                .latest(production.version())
                .map(e -> new MonitoringEvidence(
                        true, e.at(), e.degraded(), e.degradedReason(), e.datasetDrift(), e.driftedAttributes(), null))
                .orElseGet(() -> MonitoringEvidence.missing("ml:monitor has not run over production "
                        + production.version() + " yet (an older production with no history)"));
    }

    /**
     * The production model and its jar. The registry's own messages speak of validation, so they go to debug; a jar
     * that cannot be resolved is a warning, and new rows are then not counted.
     */
    static ProductionModel production(Registries.ProductionLookup lookup, ArtifactRepository repository, MlLog log) {
        return switch (lookup.status()) {
            case "unknown" ->
                new ProductionModel(
                        "unknown",
                        null,
                        null,
                        null,
                        "no model registry (not a git repository, or its registry branch cannot be read)");
            case "found" -> resolved(lookup, repository, log);
            default -> new ProductionModel(lookup.status(), null, null, null, "the registry could not be read");
        };
    }

    private static ProductionModel resolved(
            Registries.ProductionLookup lookup, ArtifactRepository repository, MlLog log) {
        Path jar;
        try {
            jar = repository.resolve(lookup.groupId(), lookup.artifactId(), lookup.version());
        } catch (ArtifactRepository.RepositoryException e) {
            log.warn("The registry names " + lookup.coordinates() + " as the production model, but it cannot be"
                    + " resolved (" + e.getMessage() + "); new rows are not counted against it");
            return new ProductionModel(
                    "unknown",
                    lookup.version(),
                    null,
                    lookup.modelSha256(),
                    lookup.coordinates() + " cannot be resolved");
        }
        return new ProductionModel(
                "found", lookup.version(), jar, lookup.modelSha256(), "the registry could not be read");
    }
}
