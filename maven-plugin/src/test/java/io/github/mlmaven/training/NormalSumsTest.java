package io.github.mlmaven.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.weka.WekaInternals;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import weka.estimators.Estimator;
import weka.estimators.NormalEstimator;

class NormalSumsTest {

    /** Every field, the private sums included, as Java serialization writes them. */
    private static byte[] state(Estimator estimator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(estimator);
        }
        return bytes.toByteArray();
    }

    /** What NaiveBayes.updateClassifier leaves: addValue for every row with a value, in row order. */
    private static NormalEstimator[] addedInRowOrder(
            double[] values, int[] classes, double[] weights, int numClasses, double precision) {
        NormalEstimator[] expected = new NormalEstimator[numClasses];
        for (int c = 0; c < numClasses; c++) {
            expected[c] = new NormalEstimator(precision);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                expected[classes[i]].addValue(values[i], weights[i]);
            }
        }
        return expected;
    }

    @Test
    void estimatorsAreBitIdenticalToAddingValueByValue() throws IOException {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(400);
            int numClasses = 1 + random.nextInt(4);
            double precision = switch (random.nextInt(3)) {
                case 0 -> 0.01;
                case 1 -> 1e-6 * (1 + random.nextInt(1000));
                default -> random.nextDouble();
            };
            double[] values = new double[n];
            int[] classes = new int[n];
            double[] weights = new double[n];
            for (int i = 0; i < n; i++) {
                classes[i] = random.nextInt(numClasses);
                values[i] = switch (random.nextInt(8)) {
                    case 0 -> Double.NaN; // missing
                    case 1 -> 5.0; // a constant that some classes have only: deviation 0, the path-dependent case
                    default -> classes[i] == 0 && round % 3 == 0 ? 5.0 : random.nextGaussian() * 1e3;
                };
                weights[i] = switch (random.nextInt(10)) {
                    case 0 -> 0.0; // addValue ignores it
                    case 1 -> random.nextDouble() * 3;
                    default -> 1.0;
                };
            }
            Estimator[] actual =
                    NormalSums.estimators(WekaInternals.shared(), values, classes, weights, n, numClasses, precision);
            NormalEstimator[] expected = addedInRowOrder(values, classes, weights, numClasses, precision);
            for (int c = 0; c < numClasses; c++) {
                assertThat(state(actual[c]))
                        .as("round %d, class %d: %s vs %s", round, c, actual[c], expected[c])
                        .isEqualTo(state(expected[c]));
            }
        }
    }

    @Test
    void aClassWhoseValuesAreAllEqualKeepsAddValuesPathDependentDeviation() throws IOException {
        // class 0 first varies, then its later values make the deviation ~0: addValue keeps an earlier deviation
        double[] values = {1.0, 1.0, 1.0, 1.0};
        int[] classes = {0, 0, 1, 1};
        double[] weights = {1.0, 1.0, 1.0, 1.0};
        Estimator[] actual = NormalSums.estimators(WekaInternals.shared(), values, classes, weights, 4, 2, 0.01);
        NormalEstimator[] expected = addedInRowOrder(values, classes, weights, 2, 0.01);
        assertThat(state(actual[0])).isEqualTo(state(expected[0]));
        assertThat(state(actual[1])).isEqualTo(state(expected[1]));
    }
}
