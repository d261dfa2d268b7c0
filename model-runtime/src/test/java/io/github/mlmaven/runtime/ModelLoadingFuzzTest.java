package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import weka.classifiers.trees.J48;

/**
 * Any bytes as the model of a bundle whose card records their SHA-256 and size (as whoever crafted them would write
 * it) end in a model that predicts, or in a {@link ModelIntegrityException} naming the file; never another exception,
 * an out-of-memory or a hang. Seeds: real models (J48, Logistic and NaiveBayes on the weather data).
 */
class ModelLoadingFuzzTest {
    private static final TrainedBundle WEATHER;
    private static final List<Map<String, Object>> ROWS;
    private static final Path PARENT;

    static {
        try {
            WEATHER = TrainedBundle.train("weather", new J48(), Datasets.weatherNominal());
            ROWS = Datasets.weatherNominal().stream().map(Datasets::features).toList();
            PARENT = Files.createTempDirectory("model-loading-fuzz");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void mutatedModelIsRefusedOrPredicts(byte[] model) {
        Path bundle;
        try {
            bundle = WEATHER.withCraftedModel(model).writeBundle(PARENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Model loaded = Model.load(bundle);
            for (Map<String, Object> row : ROWS) {
                loaded.predict(row);
            }
        } catch (ModelIntegrityException refused) {
            assertThat(refused.getMessage())
                    .contains(bundle.resolve("weather.model").toString());
        }
    }
}
