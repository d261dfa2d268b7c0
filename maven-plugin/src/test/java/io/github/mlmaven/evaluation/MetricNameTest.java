package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricNameTest {

    @Test
    void metricsAreNamedExactlyAsInThresholdsAndJson() {
        // then: names and order in validation.json never change (a new metric only adds one)
        assertThat(Arrays.stream(MetricName.values()).map(MetricName::id))
                .containsSubsequence(
                        "accuracy",
                        "precision",
                        "recall",
                        "f1",
                        "rocAuc",
                        "prAuc",
                        "mcc",
                        "kappa",
                        "rmse",
                        "mae",
                        "r2",
                        "correlation");
    }

    @Test
    void onlyErrorsAreBetterWhenLower() {
        // then
        assertThat(Arrays.stream(MetricName.values()).filter(m -> !m.higherIsBetter()))
                .containsExactlyInAnyOrder(MetricName.RMSE, MetricName.MAE);
    }

    @Test
    void regressionMetricsApplyToANumericClassOnly() {
        // then
        assertThat(MetricName.forClassType(MetricName.ClassType.NUMERIC))
                .containsExactly(MetricName.RMSE, MetricName.MAE, MetricName.R2, MetricName.CORRELATION);
    }

    @Test
    void lookupByIdIsExact() {
        // then
        assertThat(MetricName.byId("rocAuc")).contains(MetricName.ROC_AUC);
        assertThat(MetricName.byId("ROC_AUC")).isEmpty();
    }

    @Test
    void theKeyMetricsOfTheHistoryAndTheReportAreOneListMostTellingFirst() {
        // then: the registry's order (ml:history prints accuracy, recall, precision, f1 for a nominal class)
        assertThat(MetricName.keyMetrics())
                .containsExactly(
                        "accuracy", "recall", "precision", "f1", "rocAuc", "prAuc", "mcc", "rmse", "mae", "r2");
    }

    @Test
    void everyScopeBelongsToItsClassType() {
        for (MetricName m : MetricName.values()) {
            assertThat(m.scope().classType()).isEqualTo(m.classType());
            assertThat(m.documentation()).isNotBlank();
            assertThat(m.min()).isLessThan(m.max());
        }
    }
}
