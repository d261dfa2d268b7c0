package io.github.mlmaven.artifact;

import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.Datasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import weka.classifiers.Classifier;
import weka.classifiers.trees.J48;
import weka.core.Instances;

/**
 * Model bundles as ml:train and ml:validate leave them in {@code target/ml/<modelName>/}, built directly (no
 * workflow): the model file, a card with its SHA-256 (from {@link ModelBundleTest#cardWithoutModel}, trained at
 * 2024-03-01T12:00:00Z with Weka 3.8.7) and a validation.json that passed.
 */
final class ValidatedBundles {
    static final String WEATHER = "weather";
    static final String VALIDATION_JSON = "{\n  \"modelName\" : \"weather\",\n  \"passed\" : true\n}\n";

    private ValidatedBundles() {}

    /** J48 trained on all of weather.nominal, in {@code dir/target/ml/weather/}. */
    static ModelBundle weatherJ48(Path dir) {
        return weather(dir, trainedJ48(), ModelBundleTest.cardWithoutModel(WEATHER));
    }

    /** The same J48, with a card whose algorithm and options are the given text (for escaping). */
    static ModelBundle weatherJ48Described(Path dir, String algorithm, String effectiveOptions) {
        ModelCard card = ModelBundleTest.cardWithoutModel(WEATHER);
        return weather(dir, trainedJ48(), described(card, algorithm, effectiveOptions));
    }

    /** Any classifier, say a {@code DeserializationProbe}, as the model of a validated weather bundle. */
    static ModelBundle weather(Path dir, Classifier model) {
        return weather(dir, model, ModelBundleTest.cardWithoutModel(WEATHER));
    }

    static J48 trainedJ48() {
        try {
            J48 model = new J48();
            model.buildClassifier(weatherRows());
            return model;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Instances weatherRows() {
        return Datasets.loadWithWeka(Datasets.weatherNominalArff());
    }

    private static ModelBundle weather(Path dir, Classifier model, ModelCard card) {
        ModelBundle bundle = new ModelBundle(dir.resolve("target/ml/" + WEATHER), WEATHER);
        try {
            bundle.write(model, weatherRows(), card);
            Files.writeString(bundle.validationFile(), VALIDATION_JSON, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundle;
    }

    private static ModelCard described(ModelCard c, String algorithm, String effectiveOptions) {
        return new ModelCard(
                c.schemaVersion(),
                c.modelName(),
                algorithm,
                c.options(),
                effectiveOptions,
                c.wekaVersion(),
                c.wekaReportedVersion(),
                c.javaVersion(),
                c.pluginVersion(),
                c.seed(),
                c.trainedAt(),
                c.trainingMillis(),
                c.trainedOn(),
                c.schema(),
                c.data(),
                c.git(),
                c.modelFile(),
                c.modelSha256(),
                c.inputsKey());
    }
}
