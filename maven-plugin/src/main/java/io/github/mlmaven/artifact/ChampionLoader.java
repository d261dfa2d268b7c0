package io.github.mlmaven.artifact;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.BundleLayout;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelBytes;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.ModelIntegrityException;
import io.github.mlmaven.runtime.SafeModelReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import weka.classifiers.Classifier;

/**
 * Loads the production model from its promoted jar: the model's SHA-256 must equal both the card in the jar and the
 * registry's record before it is deserialized, through the same allow-list as any model.
 */
public final class ChampionLoader {
    private ChampionLoader() {}

    public record Loaded(ModelCard card, Classifier classifier) {}

    public static Loaded load(
            Path jar, String modelName, String expectedSha256, ClassLoader loader, Predicate<Class<?>> alsoAllowed) {
        String folder = BundleLayout.directory(modelName);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry cardEntry = zip.getEntry(folder + ModelBundle.CARD_FILE);
            if (cardEntry == null) {
                throw new InvalidInputException(jar + " holds no " + folder + ModelBundle.CARD_FILE
                        + "; it is not a model artifact of " + modelName);
            }
            String cardSource = jar + "!/" + cardEntry.getName();
            ModelCard card = Json.MAPPER.readValue(ModelBytes.readCard(zip, cardEntry, cardSource), ModelCard.class);
            if (card == null) {
                throw new InvalidInputException(cardSource + " is not a model card (it is JSON null)");
            }
            ZipEntry modelEntry = card.modelFile() == null ? null : zip.getEntry(folder + card.modelFile());
            if (modelEntry == null) {
                throw new InvalidInputException(jar + " holds no " + folder + card.modelFile());
            }
            // the registry's record first: it is the one the artifact cannot rewrite, so it names the tampering
            if (expectedSha256 != null && !expectedSha256.equals(card.modelSha256())) {
                throw new InvalidInputException("the production model in " + jar + ": its card records SHA-256 "
                        + card.modelSha256() + " but the registry " + expectedSha256
                        + ": the artifact was altered; it was not loaded");
            }
            byte[] model;
            try {
                model = ModelBytes.readModel(zip, modelEntry, card, jar + "!/" + modelEntry.getName());
            } catch (ModelIntegrityException e) {
                throw new InvalidInputException(
                        "the production model in " + jar + " cannot be trusted: " + e.getMessage(), e);
            }
            try {
                return new Loaded(
                        card, SafeModelReader.read(model, jar + "!/" + modelEntry.getName(), loader, alsoAllowed));
            } catch (ModelIntegrityException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
        } catch (ModelIntegrityException e) {
            throw new InvalidInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the production model from " + jar + ": " + e.getMessage(), e);
        }
    }
}
