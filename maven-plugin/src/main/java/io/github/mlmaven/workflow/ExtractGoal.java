package io.github.mlmaven.workflow;

import io.github.mlmaven.api.ArtifactRepository;
import io.github.mlmaven.api.ExtractParameters;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.ProductionData;
import io.github.mlmaven.data.jdbc.Extraction;
import io.github.mlmaven.data.jdbc.JdbcSpec;
import io.github.mlmaven.data.jdbc.SnapshotExtractor;
import io.github.mlmaven.data.jdbc.SnapshotPart;
import io.github.mlmaven.data.jdbc.SnapshotStore;
import io.github.mlmaven.data.jdbc.WatermarkPosition;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.runtime.ModelCard;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
        ProductionData data = TrainGoal.productionData(c, lookup, production, repository, log);
        SnapshotExtractor extractor = new SnapshotExtractor(log);
        for (Map.Entry<String, JdbcSpec> source : specs.entrySet()) {
            extract(source.getKey(), source.getValue(), data, extractor);
        }
    }

    private void extract(String parameter, JdbcSpec spec, ProductionData data, SnapshotExtractor extractor) {
        SnapshotStore store = SnapshotStore.open(spec.snapshotDirectory(), log);
        if (store.parts().isEmpty()
                && !data.restoreSnapshot(parameter, store.directory()).isEmpty()) {
            store = SnapshotStore.open(spec.snapshotDirectory(), log); // the listing is read once per instance
        }
        Optional<WatermarkPosition> fromProduction =
                "trainingData".equals(parameter) ? productionWatermark(data.card()) : Optional.empty();
        Extraction extraction = extractor.extract(spec, store, fromProduction);
        String source = "<" + parameter + "> (" + extraction.url() + ")";
        if (extraction.newPart().isPresent()) {
            SnapshotPart part = extraction.newPart().get();
            log.info("Extracted " + extraction.rows() + " row" + (extraction.rows() == 1 ? "" : "s") + " of " + source
                    + (extraction.range() == null
                            ? ""
                            : " with " + spec.watermark().column() + " in ("
                                    + (extraction.range().fromExclusive() == null
                                            ? "the beginning"
                                            : extraction.range().fromExclusive())
                                    + ", " + extraction.range().toInclusive() + "]")
                    + " into " + part.file() + " (SHA-256 " + part.sha256() + ")");
        } else if (spec.watermark() != null) {
            log.info("No new rows in " + source + " after " + spec.watermark().column() + " "
                    + extraction.recordedWatermark().map(Object::toString).orElse("(nothing extracted yet)")
                    + "; no new part");
        } else {
            log.info("The result of " + source + " is "
                    + (extraction.parts().isEmpty()
                            ? "empty"
                            : "unchanged since "
                                    + extraction
                                            .parts()
                                            .get(extraction.parts().size() - 1)
                                            .file())
                    + "; no new part");
        }
        long rows = extraction.parts().stream().mapToLong(SnapshotPart::rows).sum();
        log.info(parameter + " trains on " + extraction.parts().size() + " snapshot part"
                + (extraction.parts().size() == 1 ? "" : "s") + " (" + rows + " rows) in " + store.directory());
    }

    /** The watermark the production model was trained up to, from its card; empty without one. */
    static Optional<WatermarkPosition> productionWatermark(Optional<ModelCard> card) {
        return card.map(ModelCard::data)
                .map(ModelCard.DataSection::extraction)
                .filter(e -> e.watermarkTo() != null)
                .map(e -> new WatermarkPosition(e.watermarkTo(), e.tieBreakerTo()));
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
