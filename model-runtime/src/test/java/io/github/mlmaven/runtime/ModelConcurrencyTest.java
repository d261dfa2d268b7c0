package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.meta.FilteredClassifier;
import weka.core.Instances;
import weka.core.Utils;

/** One Model scores from many threads at once with the results of one thread. */
class ModelConcurrencyTest {
    private static final int THREADS = 8;
    private static final int PREDICTIONS_PER_THREAD = 1000;

    @TempDir
    Path dir;

    @Test
    void eightThreadsPredictingAThousandTimesEachGetTheSingleThreadedResults() throws Exception {
        // given a model whose classifier keeps state per instance: a filter in front of naive Bayes
        FilteredClassifier filtered = new FilteredClassifier();
        filtered.setOptions(Utils.splitOptions(
                "-F \"weka.filters.unsupervised.attribute.Discretize -B 5\" -W weka.classifiers.bayes.NaiveBayes"));
        Model model = Model.load(TrainedBundle.train("credit-risk", filtered, Datasets.creditGTrain())
                .writeBundle(dir));
        Instances test = Datasets.creditGTest();
        List<Map<String, Object>> rows = new ArrayList<>();
        test.forEach(row -> rows.add(Datasets.features(row)));
        List<Map<String, Double>> expected = new ArrayList<>();
        List<String> expectedLabels = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            expected.add(model.distribution(row));
            expectedLabels.add(model.predict(row));
        }

        // when
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> mismatches = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int offset = t * 37;
                mismatches.add(pool.submit(() -> {
                    start.await();
                    int wrong = 0;
                    for (int i = 0; i < PREDICTIONS_PER_THREAD; i++) {
                        int r = (offset + i) % rows.size();
                        boolean label = i % 2 == 0;
                        if (label
                                ? !expectedLabels.get(r).equals(model.predict(rows.get(r)))
                                : !expected.get(r).equals(model.distribution(rows.get(r)))) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();

            // then
            for (Future<Integer> wrong : mismatches) {
                assertThat(wrong.get(2, TimeUnit.MINUTES)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(model.copies()).isBetween(1, THREADS);
    }

    @Test
    void singleThreadedUseKeepsOneCopy() throws Exception {
        // given
        Model model =
                Model.load(TrainedBundle.train("weather", new weka.classifiers.trees.J48(), Datasets.weatherNominal())
                        .writeBundle(dir));
        Map<String, Object> day = Datasets.features(Datasets.weatherNominal().instance(0));

        // when
        for (int i = 0; i < 100; i++) {
            model.predict(day);
        }

        // then
        assertThat(model.copies()).isEqualTo(1);
    }
}
