package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code <champion><maxDrop><recall>0.02</recall></maxDrop><significance>0.05</significance></champion>}. */
class ChampionRulesTest {

    private static InvalidConfigurationException refusal(Map<String, String> maxDrop, String significance) {
        return catchThrowableOfType(
                () -> ChampionRules.parse(maxDrop, significance), InvalidConfigurationException.class);
    }

    @Test
    void allowancesAndSignificanceAreReadFromThePomForm() {
        // given
        Map<String, String> maxDrop = new LinkedHashMap<>();
        maxDrop.put("recall", "0.02");
        maxDrop.put(" rmse ", " 1.5 ");

        // when
        ChampionRules rules = ChampionRules.parse(maxDrop, "0.05");

        // then
        assertThat(rules.maxDrop()).containsOnly(Map.entry(MetricName.RECALL, 0.02), Map.entry(MetricName.RMSE, 1.5));
        assertThat(rules.significance()).isEqualTo(0.05);
        assertThat(rules.isEmpty()).isFalse();
    }

    @Test
    void nothingConfiguredIsNoRule() {
        // when
        ChampionRules rules = ChampionRules.parse(null, null);

        // then
        assertThat(rules.isEmpty()).isTrue();
        assertThat(rules).isEqualTo(ChampionRules.NONE);
    }

    @Test
    void blankSignificanceMeansNoTest() {
        // when
        ChampionRules rules = ChampionRules.parse(Map.of(), "  ");

        // then
        assertThat(rules.significance()).isNull();
    }

    @Test
    void zeroAllowanceIsAllowedAndMeansNoDrop() {
        // when
        ChampionRules rules = ChampionRules.parse(Map.of("accuracy", "0"), null);

        // then
        assertThat(rules.maxDrop()).containsEntry(MetricName.ACCURACY, 0.0);
    }

    @Test
    void anAllowanceWiderThanTheMetricsRangeIsRefusedAsOneThatAllowsAnyDrop() {
        // when
        InvalidConfigurationException e = refusal(Map.of("recall", "2"), null);

        // then
        assertThat(e.parameter()).isEqualTo("champion/maxDrop/recall");
        assertThat(e.getMessage())
                .contains("<champion><maxDrop><recall> is 2, but recall lies in [0, 1]")
                .contains("a drop of 2 percentage points is written 0.02");
        assertThat(refusal(Map.of("mcc", "3"), null).getMessage()).contains("no drop can exceed 2");
        // rmse has no upper bound: any allowance may matter
        assertThat(ChampionRules.parse(Map.of("rmse", "250"), null).maxDrop()).containsEntry(MetricName.RMSE, 250.0);
        assertThat(ChampionRules.parse(Map.of("mcc", "2"), null).maxDrop()).containsEntry(MetricName.MCC, 2.0);
        assertThat(ChampionRules.parse(Map.of("recall", "1"), null).maxDrop()).containsEntry(MetricName.RECALL, 1.0);
    }

    @Test
    void aMisspeltMetricIsRefusedNamingTheClosestOne() {
        assertThat(refusal(Map.of("recal", "0.02"), null).getMessage())
                .contains("unknown metric 'recal' in <champion><maxDrop> (did you mean recall?)");
    }

    @Test
    void unknownMetricIsRefusedListingTheValidNames() {
        // when
        InvalidConfigurationException e = refusal(Map.of("auc", "0.02"), null);

        // then
        assertThat(e).isNotNull();
        assertThat(e.parameter()).isEqualTo("champion/maxDrop/auc");
        assertThat(e.getMessage())
                .contains("unknown metric 'auc'")
                .contains("<champion><maxDrop>")
                .contains(MetricName.allIds());
        for (MetricName metric : MetricName.values()) {
            assertThat(e.getMessage()).contains(metric.id());
        }
    }

    @Test
    void metricNamesAreCaseSensitiveAsInThresholds() {
        // when
        InvalidConfigurationException e = refusal(Map.of("Recall", "0.02"), null);

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("unknown metric 'Recall'");
    }

    @Test
    void negativeAllowanceIsRefused() {
        // when
        InvalidConfigurationException e = refusal(Map.of("recall", "-0.01"), null);

        // then
        assertThat(e).isNotNull();
        assertThat(e.parameter()).isEqualTo("champion/maxDrop/recall");
        assertThat(e.getMessage()).contains("<champion><maxDrop><recall> must not be negative");
    }

    @ParameterizedTest(name = "significance {0}")
    @ValueSource(strings = {"0", "1", "1.5", "-0.05", "5"})
    void significanceOutsideZeroToOneIsRefused(String significance) {
        // when
        InvalidConfigurationException e = refusal(Map.of(), significance);

        // then
        assertThat(e).isNotNull();
        assertThat(e.parameter()).isEqualTo("champion/significance");
        assertThat(e.getMessage())
                .contains("<champion><significance> is " + significance)
                .contains("between 0 and 1");
    }

    @ParameterizedTest(name = "significance {0}")
    @ValueSource(strings = {"0.001", "0.05", "0.999"})
    void significanceStrictlyBetweenZeroAndOneIsAccepted(String significance) {
        // when / then
        assertThat(ChampionRules.parse(Map.of(), significance).significance())
                .isEqualTo(Double.parseDouble(significance));
    }

    @Test
    void allowanceThatIsNoNumberIsRefusedNamingTheElement() {
        // when
        InvalidConfigurationException e = refusal(Map.of("recall", "two percent"), null);

        // then
        assertThat(e).isNotNull();
        assertThat(e.parameter()).isEqualTo("champion/maxDrop/recall");
        assertThat(e.getMessage()).contains("<champion><maxDrop><recall> 'two percent' is not a number");
    }

    @Test
    void emptyAllowanceIsRefused() {
        // given a POM with <recall></recall>, which Maven passes as null
        Map<String, String> maxDrop = new LinkedHashMap<>();
        maxDrop.put("recall", null);

        // when
        InvalidConfigurationException e = refusal(maxDrop, null);

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("is not a number");
    }

    @Test
    void significanceThatIsNoNumberIsRefusedNamingTheElement() {
        // when
        InvalidConfigurationException e = refusal(Map.of(), "five percent");

        // then
        assertThat(e).isNotNull();
        assertThat(e.parameter()).isEqualTo("champion/significance");
        assertThat(e.getMessage()).contains("<champion><significance> 'five percent' is not a number");
    }

    @Test
    void notANumberAllowanceIsRefused() {
        // when
        InvalidConfigurationException e = refusal(Map.of("recall", "NaN"), null);

        // then
        assertThat(e).isNotNull();
        assertThat(e.parameter()).isEqualTo("champion/maxDrop/recall");
    }

    @Test
    void notANumberSignificanceIsRefused() {
        // when
        InvalidConfigurationException e = refusal(Map.of(), "NaN");

        // then
        assertThat(e).isNotNull();
        assertThat(e.parameter()).isEqualTo("champion/significance");
    }
}
