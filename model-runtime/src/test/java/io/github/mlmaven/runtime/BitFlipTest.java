package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Classifier;
import weka.classifiers.functions.Logistic;
import weka.classifiers.trees.J48;
import weka.core.Instances;

/**
 * A real model with one random bit flipped, and its card re-hashed so the SHA-256 check passes (as whoever flipped it
 * would): loading refuses it with a {@link ModelIntegrityException}, or it loads and predicts. Never another exception.
 */
class BitFlipTest {
    private static final int FLIPS = 300;

    @TempDir
    Path dir;

    @Test
    void flippedJ48IsRefusedOrPredicts() throws Exception {
        flips(new J48(), Datasets.weatherNominal(), 13);
    }

    @Test
    void flippedLogisticIsRefusedOrPredicts() throws Exception {
        flips(new Logistic(), Datasets.weatherNominal(), 17);
    }

    private void flips(Classifier classifier, Instances data, long seed) throws Exception {
        TrainedBundle trained = TrainedBundle.train("flipped", classifier, data);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < data.numInstances(); i++) {
            rows.add(Datasets.features(data.get(i)));
        }
        Random random = new Random(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < FLIPS; i++) {
            byte[] flipped = trained.modelBytes.clone();
            int bit = random.nextInt(flipped.length * 8);
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            Path folder = dir.resolve("flip" + i);
            Files.createDirectories(folder);
            Path bundle = trained.withCraftedModel(flipped).writeBundle(folder);
            String outcome;
            try {
                Model model = Model.load(bundle);
                for (Map<String, Object> row : rows) {
                    model.predict(row);
                }
                outcome = "predicts";
            } catch (ModelIntegrityException e) {
                assertThat(e.getMessage()).as("flip of bit %d", bit).contains(bundle.toString());
                outcome = "refused";
            } catch (RuntimeException | Error e) {
                throw new AssertionError("flip of bit " + bit + " ended in " + e, e);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(FLIPS);
        assertThat(outcomes).containsKey("refused");
    }
}
