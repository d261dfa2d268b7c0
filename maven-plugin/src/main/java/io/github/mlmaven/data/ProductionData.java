package io.github.mlmaven.data;

import io.github.mlmaven.runtime.ModelCard;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a data source may take from the model in production: its card (a database source continues extracting from the
 * watermark recorded there) and the snapshot parts published with it (restored into an empty snapshot folder, so that a
 * fresh checkout trains on the same rows as production plus the new ones, without extracting them again). Implemented
 * where the production version is resolved (the workflow, through the Maven repository); {@link #NONE} without one.
 */
public interface ProductionData {
    /** No production version, or none looked up: nothing to continue from. */
    ProductionData NONE = new ProductionData() {
        @Override
        public Optional<ModelCard> card() {
            return Optional.empty();
        }

        @Override
        public List<Path> restoreSnapshot(String parameter, Path directory) {
            return List.of();
        }

        @Override
        public String toString() {
            return "ProductionData.NONE";
        }
    };

    /** The production model's card, when there is a production version and its card could be read. */
    Optional<ModelCard> card();

    /**
     * Copies the snapshot parts (and their sidecars) published with the production version for {@code parameter}
     * ({@code trainingData} or {@code testData}) into {@code directory}, each file written whole or not at all.
     *
     * @return the files restored; empty when the production version published none (it was trained on files, or
     *     before snapshots were published)
     * @throws io.github.mlmaven.common.InvalidInputException when the published parts exist but cannot be read or do
     *     not match the production card
     */
    List<Path> restoreSnapshot(String parameter, Path directory);
}
