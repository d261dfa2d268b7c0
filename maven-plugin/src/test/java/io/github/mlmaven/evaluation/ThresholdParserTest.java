package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdParserTest {

    private static Map<String, String> pom(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void pomFormIsAMinimumForRecallAndAMaximumForRmse() {
        // when
        List<Threshold> thresholds = ThresholdParser.parse(pom("recall", "0.80", "rmse", "12.5", "mae", "3"), null);

        // then
        assertThat(thresholds)
                .extracting(Threshold::metric, Threshold::comparator, Threshold::bound)
                .containsExactlyInAnyOrder(
                        tuple(MetricName.RECALL, ">=", 0.80),
                        tuple(MetricName.RMSE, "<=", 12.5),
                        tuple(MetricName.MAE, "<=", 3.0));
    }

    @Test
    void propertyFormTakesExplicitComparators() {
        // when
        List<Threshold> thresholds = ThresholdParser.parse(null, "recall>=0.8, f1 > 0.7 ,rmse<12.5");

        // then
        assertThat(thresholds)
                .extracting(Threshold::metric, Threshold::comparator, Threshold::bound)
                .containsExactlyInAnyOrder(
                        tuple(MetricName.RECALL, ">=", 0.8),
                        tuple(MetricName.F1, ">", 0.7),
                        tuple(MetricName.RMSE, "<", 12.5));
    }

    @Test
    void propertyRuleWithEqualsSignMeansTheMetricsNaturalDirection() {
        // when
        List<Threshold> thresholds = ThresholdParser.parse(null, "recall=0.8,mae=2");

        // then
        assertThat(thresholds)
                .extracting(Threshold::metric, Threshold::comparator)
                .containsExactlyInAnyOrder(tuple(MetricName.RECALL, ">="), tuple(MetricName.MAE, "<="));
    }

    @Test
    void propertyOverridesThePomForTheSameMetric() {
        // when
        List<Threshold> thresholds = ThresholdParser.parse(pom("recall", "0.8", "f1", "0.7"), "recall>=0.6");

        // then
        assertThat(thresholds)
                .extracting(Threshold::metric, Threshold::bound)
                .containsExactlyInAnyOrder(tuple(MetricName.RECALL, 0.6), tuple(MetricName.F1, 0.7));
    }

    @Test
    void nothingConfiguredGivesNoThresholds() {
        // when / then
        assertThat(ThresholdParser.parse(null, null)).isEmpty();
        assertThat(ThresholdParser.parse(Map.of(), " ")).isEmpty();
    }

    @Test
    void unknownMetricInThePomListsEveryValidName() {
        // when / then
        assertThatThrownBy(() -> ThresholdParser.parse(pom("recal", "0.8"), null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'recal'")
                .hasMessageContaining("<thresholds><recal>")
                .hasMessageContaining(String.join(", ", ids()))
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).parameter())
                        .isEqualTo("thresholds/recal"));
    }

    @Test
    void unknownMetricInThePropertyListsEveryValidName() {
        // when / then
        assertThatThrownBy(() -> ThresholdParser.parse(null, "auc>=0.8"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'auc'")
                .hasMessageContaining("ml.thresholds")
                .satisfies(e -> assertThat(e.getMessage()).contains(ids()));
    }

    @Test
    void recallAboveOneIsRefused() {
        // when / then
        assertThatThrownBy(() -> ThresholdParser.parse(pom("recall", "1.5"), null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("recall")
                .hasMessageContaining("[0, 1]")
                .hasMessageContaining("1.5");
    }

    @Test
    void aBoundWrittenAsAPercentageIsRefusedWithTheFractionToWrite() {
        assertThatThrownBy(() -> ThresholdParser.parse(pom("recall", "80"), null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("if 80 is meant as a percentage, write 0.80");
        assertThatThrownBy(() -> ThresholdParser.parse(null, "f1>=85.5"))
                .hasMessageContaining("if 85.5 is meant as a percentage, write 0.855");
        // above 100 it cannot be a percentage either, and rmse has no upper bound to read it against
        assertThatThrownBy(() -> ThresholdParser.parse(pom("accuracy", "120"), null))
                .hasMessageNotContaining("percentage");
        assertThat(ThresholdParser.parse(pom("rmse", "80"), null)).hasSize(1);
    }

    @Test
    void aMisspeltMetricIsRefusedNamingTheClosestOne() {
        assertThatThrownBy(() -> ThresholdParser.parse(pom("recal", "0.8"), null))
                .hasMessageContaining("unknown metric 'recal' in <thresholds><recal> (did you mean recall?)");
        assertThatThrownBy(() -> ThresholdParser.parse(null, "rocauc>=0.8"))
                .hasMessageContaining("(did you mean rocAuc?)");
    }

    @Test
    void negativeRmseIsRefused() {
        // when / then
        assertThatThrownBy(() -> ThresholdParser.parse(null, "rmse<=-1"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("rmse");
    }

    @Test
    void negativeMccIsAccepted() {
        // when
        List<Threshold> thresholds = ThresholdParser.parse(pom("mcc", "-0.5"), null);

        // then
        assertThat(thresholds).singleElement().satisfies(t -> {
            assertThat(t.metric()).isEqualTo(MetricName.MCC);
            assertThat(t.bound()).isEqualTo(-0.5);
        });
    }

    @Test
    void boundThatIsNotANumberIsRefused() {
        // when / then
        assertThatThrownBy(() -> ThresholdParser.parse(pom("f1", "high"), null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'high'")
                .hasMessageContaining("not a number");
    }

    @Test
    void malformedPropertyRuleShowsTheExpectedForm() {
        // when / then
        assertThatThrownBy(() -> ThresholdParser.parse(null, "recall 0.8"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'recall 0.8'")
                .hasMessageContaining("metric>=bound");
    }

    @Test
    void checkApplicableRefusesRmseForANominalClass() {
        // given
        List<Threshold> thresholds = ThresholdParser.parse(pom("recall", "0.8", "rmse", "1"), null);

        // when / then
        assertThatThrownBy(() -> ThresholdParser.checkApplicable(thresholds, MetricName.ClassType.NOMINAL, "class"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("rmse")
                .hasMessageContaining("'class'")
                .hasMessageContaining("accuracy, precision, recall, f1, rocAuc, prAuc, mcc, kappa");
    }

    @Test
    void checkApplicableRefusesRecallForANumericClass() {
        // given
        List<Threshold> thresholds = ThresholdParser.parse(null, "recall>=0.8");

        // when / then
        assertThatThrownBy(() -> ThresholdParser.checkApplicable(thresholds, MetricName.ClassType.NUMERIC, "price"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("recall")
                .hasMessageContaining("rmse, mae, r2, correlation");
    }

    @Test
    void checkApplicableAcceptsMatchingMetrics() {
        // given
        List<Threshold> thresholds = ThresholdParser.parse(pom("rmse", "10", "r2", "0.5"), null);

        // when / then (no exception)
        ThresholdParser.checkApplicable(thresholds, MetricName.ClassType.NUMERIC, "price");
    }

    private static List<String> ids() {
        return Arrays.stream(MetricName.values()).map(MetricName::id).toList();
    }
}
