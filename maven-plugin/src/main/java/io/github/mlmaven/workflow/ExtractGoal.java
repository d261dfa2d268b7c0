package io.github.mlmaven.workflow;

import io.github.mlmaven.api.ArtifactRepository;
import io.github.mlmaven.api.ExtractParameters;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataSource;
import io.github.mlmaven.data.DataSources;
import io.github.mlmaven.data.ProductionData;
import io.github.mlmaven.data.SourceSpec;
import io.github.mlmaven.data.jdbc.JdbcSpec;
import io.github.mlmaven.data.jdbc.SnapshotPart;
import io.github.mlmaven.data.jdbc.SnapshotStore;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.runtime.ModelCard;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * ml:extract: extracts each {@code <jdbc>} source of the training and test data into a new snapshot part, and nothing
 * else. A project without one is told so, and the goal succeeds: a shared parent POM may bind ml:extract for all. In a
 * fresh checkout (an empty snapshot folder) the parts published with the production version are restored first, so
 * that only the rows production has not seen are extracted.
 */
final class ExtractGoal {
    private final MlLog log;
    private final ArtifactRepository repository;

    ExtractGoal(MlLog log, ArtifactRepository repository) {
        this.log = log;
        this.repository = repository;
    }

    void run(ExtractParameters p) {
        GoalContext c = p.context();
        Map<String, JdbcSourceParameters> sources = sources(c);
        if (sources.isEmpty()) {
            log.info("Nothing to extract for " + c.modelName()
                    + ": neither <trainingData> nor <testData> has a <jdbc> source");
            return;
        }
        // every spec is checked before the first connection, so a mistake in <testData> costs no extraction
        Map<String, JdbcSpec> specs = new LinkedHashMap<>();
        sources.forEach((parameter, source) -> specs.put(parameter, JdbcSources.spec(parameter, source)));
        Registries.ProductionLookup lookup = Registries.production(c, Goals.debugOnly(log));
        ProductionModel production = TrainGoal.production(lookup, repository, log);
        Restored restored = new Restored(TrainGoal.productionData(c, lookup, production, repository, log));
        DataSource.Context context = DataSource.Context.of(c.basedir(), c.modelDirectory(), log)
                .withProduction(restored)
                .withExtract(DataSource.Extract.ALWAYS)
                .withExclude(c.exclude());
        for (Map.Entry<String, JdbcSpec> source : specs.entrySet()) {
            extract(context, restored, source.getKey(), source.getValue());
        }
    }

    /**
     * Opens the source as ml:train does, which restores production's parts into an empty folder and extracts; then
     * gives the new part's range and SHA-256, which a scheduled job's log is kept for.
     */
    private void extract(DataSource.Context context, Restored restored, String parameter, JdbcSpec spec) {
        Set<Path> before = SnapshotStore.open(spec.snapshotDirectory(), MlLog.SILENT).parts().stream()
                .map(SnapshotPart::file)
                .collect(Collectors.toSet());
        DataSources.open(context, SourceSpec.jdbc(spec), parameter);
        for (SnapshotPart part :
                SnapshotStore.open(spec.snapshotDirectory(), MlLog.SILENT).parts()) {
            // the parts restored from production were logged as such, and hold no rows extracted now
            if (!before.contains(part.file()) && !restored.files.contains(part.file())) {
                log.info("<" + parameter + ">: new snapshot part " + part.file().getFileName() + ", " + part.rows()
                        + " row"
                        + (part.rows() == 1 ? "" : "s")
                        + part.range()
                                .map(r -> ", " + spec.watermark().column() + " in ("
                                        + (r.fromExclusive() == null ? "the first row" : r.fromExclusive()) + ", "
                                        + r.toInclusive() + "]")
                                .orElse("")
                        + ", SHA-256 " + part.sha256());
            }
        }
    }

    /**
     * Extracts the new rows of a {@code <jdbc>} test source, as ml:train does after training: the build's ml:validate
     * then evaluates on them, and does not extract itself once a part exists.
     */
    static void extractTestData(GoalContext c, JdbcSpec test, ProductionData production, MlLog log) {
        DataSource.Context context = DataSource.Context.of(c.basedir(), c.modelDirectory(), log)
                .withProduction(production)
                .withExtract(DataSource.Extract.ALWAYS)
                .withExclude(c.exclude());
        DataSources.open(context, SourceSpec.jdbc(test), "testData");
    }

    /** Production's data, remembering which files it restored. */
    private static final class Restored implements ProductionData {
        private final ProductionData production;
        private final Set<Path> files = ConcurrentHashMap.newKeySet();

        Restored(ProductionData production) {
            this.production = production;
        }

        @Override
        public Optional<ModelCard> card() {
            return production.card();
        }

        @Override
        public List<Path> restoreSnapshot(String parameter, Path directory) {
            List<Path> restoredFiles = production.restoreSnapshot(parameter, directory);
            files.addAll(restoredFiles);
            return restoredFiles;
        }
    }

    /** The JDBC sources by parameter name, training data first. */
    static Map<String, JdbcSourceParameters> sources(GoalContext c) {
        Map<String, JdbcSourceParameters> sources = new LinkedHashMap<>();
        if (c.trainingJdbc() != null) {
            sources.put("trainingData", c.trainingJdbc());
        }
        if (c.testJdbc() != null) {
            sources.put("testData", c.testJdbc());
        }
        return sources;
    }
}
