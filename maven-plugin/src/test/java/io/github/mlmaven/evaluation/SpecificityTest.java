package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * specificity is TN / (TN + FP) of the positive class, one-vs-rest as recall is, by every engine equal to the figure
 * computed by hand from Weka's confusion matrix of the same rows (and to Weka's trueNegativeRate).
 */
class SpecificityTest {

    @Test
    void twoClassesGiveTheRecallOfTheNegativeClass() throws Exception {
        for (Engines.Run run : Engines.creditG()) {
            double[][] m = run.weka().confusionMatrix();
            int p = run.positive();
            int n = 1 - p;
            double tn = m[n][n];
            double fp = m[n][p];

            assertThat(run.metrics().value(MetricName.SPECIFICITY))
                    .as(run.engine())
                    .isEqualTo(tn / (tn + fp))
                    .isEqualTo(run.weka().recall(n))
                    .isEqualTo(run.weka().trueNegativeRate(p));
        }
    }

    @Test
    void threeClassesTakeTheOtherClassesTogether() throws Exception {
        for (Engines.Run run : Engines.iris()) {
            double[][] m = run.weka().confusionMatrix();
            int p = run.positive();
            double tn = 0;
            double fp = 0;
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m.length; j++) {
                    if (i != p && j != p) {
                        tn += m[i][j];
                    } else if (i != p) {
                        fp += m[i][j];
                    }
                }
            }

            assertThat(run.metrics().value(MetricName.SPECIFICITY))
                    .as(run.engine())
                    .isEqualTo(tn / (tn + fp))
                    .isEqualTo(run.weka().trueNegativeRate(p));
        }
    }

    @Test
    void noRowOfAnotherClassIsUndefined() {
        // only rows of the positive class a
        assertThat(MetricName.SPECIFICITY.valueOf(
                        BalancedAccuracyTest.counts(new double[][] {{3, 1, 0}, {0, 0, 0}, {0, 0, 0}})))
                .isNull();
        assertThat(MetricName.SPECIFICITY.valueOf(
                        BalancedAccuracyTest.counts(new double[][] {{3, 1, 0}, {2, 0, 0}, {0, 0, 6}})))
                .isEqualTo(6.0 / 8);
    }

    @Test
    void isAThresholdInBothForms() {
        assertThat(ThresholdParser.parse(java.util.Map.of("specificity", "0.7"), null))
                .containsExactly(new Threshold(MetricName.SPECIFICITY, ">=", 0.7));
        assertThat(ThresholdParser.parse(null, "specificity>0.9"))
                .containsExactly(new Threshold(MetricName.SPECIFICITY, ">", 0.9));
    }
}
