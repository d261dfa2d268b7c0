package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * balancedAccuracy is the mean recall of the classes with rows (scikit-learn's balanced_accuracy_score), by every
 * engine equal to the figure computed by hand from Weka's confusion matrix of the same rows.
 */
class BalancedAccuracyTest {

    @Test
    void twoClassesGiveTheMeanOfTruePositiveAndTrueNegativeRates() throws Exception {
        List<Engines.Run> runs = Engines.creditG();
        for (Engines.Run run : runs) {
            double[][] m = run.weka().confusionMatrix();
            int p = run.positive();
            int n = 1 - p;
            double tpr = m[p][p] / (m[p][p] + m[p][n]);
            double tnr = m[n][n] / (m[n][n] + m[n][p]);

            assertThat(run.metrics().value(MetricName.BALANCED_ACCURACY))
                    .as(run.engine())
                    .isEqualTo((tpr + tnr) / 2)
                    .isEqualTo((run.weka().recall(0) + run.weka().recall(1)) / 2);
        }
        assertThat(runs).hasSize(4);
    }

    @Test
    void threeClassesGiveTheMeanRecallOfEveryClass() throws Exception {
        for (Engines.Run run : Engines.iris()) {
            double[][] m = run.weka().confusionMatrix();
            double sum = 0;
            for (int c = 0; c < m.length; c++) {
                double rows = 0;
                for (double cell : m[c]) {
                    rows += cell;
                }
                sum += m[c][c] / rows;
            }

            assertThat(run.metrics().value(MetricName.BALANCED_ACCURACY))
                    .as(run.engine())
                    .isEqualTo(sum / 3);
        }
    }

    @Test
    void aClassWithoutRowsIsLeftOutAndNoRowsIsUndefined() {
        // 2 of class a (1 right), 0 of b, 4 of c (all right): (1/2 + 4/4) / 2
        MetricCounts counts = counts(new double[][] {{1, 1, 0}, {0, 0, 0}, {0, 0, 4}});
        assertThat(MetricName.BALANCED_ACCURACY.valueOf(counts)).isEqualTo(0.75);

        assertThat(MetricName.BALANCED_ACCURACY.valueOf(counts(new double[3][3])))
                .isNull();
    }

    /** The counts of a confusion matrix (rows actual, columns predicted), every row classified, positive class 0. */
    static MetricCounts counts(double[][] matrix) {
        double total = 0;
        double correct = 0;
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < matrix.length; j++) {
                total += matrix[i][j];
                correct += i == j ? matrix[i][j] : 0;
            }
        }
        return new MetricCounts(
                MetricName.ClassType.NOMINAL,
                0,
                List.of("a", "b", "c"),
                matrix,
                new MetricCounts.Sums(correct, total, 0, 0, 0, 0, 0, 0, 0, 0),
                new ScoredRows(true),
                null);
    }

    @Test
    void isAThresholdInBothForms() {
        assertThat(ThresholdParser.parse(java.util.Map.of("balancedAccuracy", "0.7"), null))
                .containsExactly(new Threshold(MetricName.BALANCED_ACCURACY, ">=", 0.7));
        assertThat(ThresholdParser.parse(null, "balancedAccuracy>0.65"))
                .containsExactly(new Threshold(MetricName.BALANCED_ACCURACY, ">", 0.65));
    }
}
