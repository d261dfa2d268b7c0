package io.github.mlmaven.workflow;

import io.github.mlmaven.api.ArtifactRepository;
import io.github.mlmaven.api.ArtifactRepository.RepositoryException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.ProductionData;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.runtime.ModelCard;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The production version's card and the snapshot parts published with it (ml:promote attaches them to the model
 * version as {@code training-data} and {@code test-data} zips), resolved from the Maven repositories: a fresh checkout
 * restores them into its empty snapshot folder and extracts only the rows production has not seen.
 */
final class PublishedSnapshots implements ProductionData {
    static final String TRAINING_CLASSIFIER = "training-data";
    static final String TEST_CLASSIFIER = "test-data";
    static final String EXTENSION = "zip";

    private final MlLog log;
    private final ArtifactRepository repository;
    private final String groupId;
    private final String artifactId;
    private final ProductionModel production;
    private final String modelName;
    private ModelCard card;

    /** @param production the production version with its resolved jar (the card is read from it) */
    PublishedSnapshots(
            MlLog log,
            ArtifactRepository repository,
            String groupId,
            String artifactId,
            ProductionModel production,
            String modelName) {
        this.log = log;
        this.repository = repository;
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.production = production;
        this.modelName = modelName;
    }

    /** The classifier of a data parameter's zip. */
    static String classifier(String parameter) {
        return "testData".equals(parameter) ? TEST_CLASSIFIER : TRAINING_CLASSIFIER;
    }

    @Override
    public synchronized Optional<ModelCard> card() {
        if (!production.found()) {
            return Optional.empty();
        }
        if (card == null) {
            card = production.readCard(modelName);
        }
        return Optional.of(card);
    }

    /**
     * Resolves the version's zip for {@code parameter} and unpacks it into {@code directory}. The training data's
     * parts are checked against the production card (every part it records, with its SHA-256); a version trained on
     * files, or promoted before snapshots were published, has none.
     */
    @Override
    public List<Path> restoreSnapshot(String parameter, Path directory) {
        Optional<ModelCard> productionCard = card();
        if (productionCard.isEmpty()) {
            return List.of();
        }
        List<SnapshotArchive.Part> expected = List.of();
        if (!"testData".equals(parameter)) {
            ModelCard.DataSection data = productionCard.get().data();
            if (data == null || data.extraction() == null) {
                return List.of();
            }
            expected = data.extraction().parts().stream()
                    .map(p -> new SnapshotArchive.Part(p.path(), p.sha256()))
                    .toList();
        }
        String coordinates =
                groupId + ":" + artifactId + ":" + EXTENSION + ":" + classifier(parameter) + ":" + production.version();
        Path zip;
        try {
            zip = repository.resolve(groupId, artifactId, production.version(), classifier(parameter), EXTENSION);
        } catch (RepositoryException e) {
            if (e.notFound() && expected.isEmpty()) {
                log.info("The production version " + production.version() + " published no " + classifier(parameter)
                        + "; extracting from the beginning into " + directory);
                return List.of();
            }
            throw new InvalidInputException(
                    "the snapshot parts the production version " + production.version() + " was trained on ("
                            + coordinates + ") cannot be resolved: " + e.getMessage() + "; a fresh checkout needs"
                            + " them to train on the same rows as production. Make the release repository reachable,"
                            + " or start a new history by extracting everything (docs/data-sources.md)",
                    e);
        }
        List<Path> restored = SnapshotArchive.unpack(zip, expected, directory);
        log.info("Restored " + restored.size() + " snapshot part" + (restored.size() == 1 ? "" : "s") + " of the"
                + " production version " + production.version() + " (" + coordinates + ") into " + directory);
        return restored;
    }

    @Override
    public String toString() {
        return "PublishedSnapshots[" + groupId + ":" + artifactId + ":" + production.version() + "]";
    }
}
