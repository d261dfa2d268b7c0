package io.github.mlmaven.retrain;

import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.BundleLayout;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelBytes;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.ModelIntegrityException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The production model as ml:train sees it: found in the registry (with its promoted jar resolved by the Maven
 * layer), not promoted yet, or unknown (no registry, or the registry or jar could not be read).
 *
 * @param status {@code found}, {@code none} or {@code unknown}
 * @param note why the status is unknown
 */
public record ProductionModel(String status, String version, Path jar, String modelSha256, String note) {

    public static ProductionModel unknown(String note) {
        return new ProductionModel("unknown", null, null, null, note);
    }

    public boolean found() {
        return "found".equals(status) && jar != null;
    }

    /**
     * The card in the promoted jar. Only its figures are used (rows, file fingerprints, configuration key, trainedAt);
     * the model itself is not loaded. The card must name the model SHA-256 that the registry recorded.
     */
    public ModelCard readCard(String modelName) {
        String entryName = BundleLayout.directory(modelName) + ModelBundle.CARD_FILE;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new InvalidInputException(jar + " holds no " + entryName);
            }
            ModelCard card =
                    Json.MAPPER.readValue(ModelBytes.readCard(zip, entry, jar + "!/" + entryName), ModelCard.class);
            if (card == null) {
                throw new InvalidInputException(jar + "!/" + entryName + " is not a model card (it is JSON null)");
            }
            if (modelSha256 != null && !modelSha256.equals(card.modelSha256())) {
                throw new InvalidInputException("the card in " + jar + " records model SHA-256 " + card.modelSha256()
                        + ", but the registry records " + modelSha256 + " for " + version);
            }
            return card;
        } catch (ModelIntegrityException e) {
            throw new InvalidInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + entryName + " from " + jar + ": " + e.getMessage(), e);
        }
    }
}
