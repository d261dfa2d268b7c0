package io.github.mlmaven.monitoring.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.evaluation.MetricName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecayRulesTest {
    private static final MetricName.ClassType NOMINAL = MetricName.ClassType.NOMINAL;

    private static Map<String, String> drops(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aDropBeyondTheAllowanceIsDegradedAndOneWithinItPasses() {
        DecayRules rules = DecayRules.parse(drops("recall", "0.05", "accuracy", "0.05"), "100", false);

        List<DecayResult> results = rules.judge(
                NOMINAL, Map.of("recall", 0.80, "accuracy", 0.90), Map.of("recall", 0.70, "accuracy", 0.86), 150);

        assertThat(results)
                .extracting(DecayResult::metric, DecayResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("recall", "degraded"),
                        org.assertj.core.groups.Tuple.tuple("accuracy", "pass"));
        assertThat(DecayRules.describe(results))
                .isEqualTo("recall 0.7000 live vs 0.8000 at promotion (dropped 0.1000 > maxDrop 0.05)");
    }

    @Test
    void aDropOfExactlyTheAllowancePasses() {
        DecayRules rules = DecayRules.parse(drops("recall", "0.1"), null, false);

        assertThat(rules.judge(NOMINAL, Map.of("recall", 0.8), Map.of("recall", 0.7), 500)
                        .get(0)
                        .status())
                .isEqualTo("pass");
    }

    @Test
    void anErrorMetricDegradesWhenItRises() {
        DecayRules rules = DecayRules.parse(drops("rmse", "0.5"), "10", false);

        List<DecayResult> results =
                rules.judge(MetricName.ClassType.NUMERIC, Map.of("rmse", 2.0), Map.of("rmse", 2.6), 10);

        assertThat(results.get(0).status()).isEqualTo("degraded");
        assertThat(DecayRules.describe(results))
                .isEqualTo("rmse 2.6000 live vs 2.0000 at promotion (rose 0.6000 > maxDrop 0.5)");
    }

    @Test
    void fewerRowsThanTheMinimumNeverJudge() {
        DecayRules rules = DecayRules.parse(drops("recall", "0.05"), null, true);

        DecayResult result = rules.judge(NOMINAL, Map.of("recall", 0.9), Map.of("recall", 0.1), 199)
                .get(0);

        assertThat(result.status()).isEqualTo("too-few-rows");
        assertThat(result.minRows()).isEqualTo(DecayRules.DEFAULT_MIN_LABELLED_ROWS);
        assertThat(DecayRules.describe(List.of(result))).isNull();
    }

    @Test
    void aFigureMissingOnEitherSideIsUndefined() {
        DecayRules rules = DecayRules.parse(drops("precision", "0.05"), "1", false);

        assertThat(rules.judge(NOMINAL, Map.of(), Map.of("precision", 0.5), 10)
                        .get(0)
                        .status())
                .isEqualTo("undefined");
        assertThat(rules.judge(NOMINAL, Map.of("precision", 0.5), Map.of(), 10)
                        .get(0)
                        .status())
                .isEqualTo("undefined");
    }

    @Test
    void mistakesNameTheirElement() {
        assertThatThrownBy(() -> DecayRules.parse(drops("recal", "0.05"), null, false))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("unknown metric 'recal' in <decay><maxDrop> (did you mean recall?)")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("decay/maxDrop/recal");
        assertThatThrownBy(() -> DecayRules.parse(drops("recall", "5"), null, false))
                .hasMessageContaining("a drop of 5 percentage points is written 0.05");
        assertThatThrownBy(() -> DecayRules.parse(drops("recall", "-0.1"), null, false))
                .hasMessageContaining("<decay><maxDrop><recall> is '-0.1'");
        assertThatThrownBy(() -> DecayRules.parse(null, "0", false))
                .hasMessage("<decay><minLabelledRows> is '0'; it must be a whole number of at least 1, e.g. 200");
        assertThatThrownBy(() ->
                        DecayRules.parse(drops("rmse", "0.1"), null, false).judge(NOMINAL, Map.of(), Map.of(), 0))
                .hasMessageStartingWith("<decay><maxDrop><rmse> is a metric of a numeric class, but the production"
                        + " model predicts a nominal class");
    }
}
