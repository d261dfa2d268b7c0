package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.core.Utils;

/** The champion part of the gate: per-metric allowances, McNemar's test, deltas, and pairing predictions. */
class ChampionGateTest {
    private static final double EXACT = 1e-12;
    private static final int GOOD = 0;
    private static final int BAD = 1;

    // ------------------------------------------------------------------ fixtures

    /** Classification metrics with the given values; every other nominal metric is 0.5. */
    private static Metrics nominal(Object... idsAndValues) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (MetricName m : MetricName.forClassType(MetricName.ClassType.NOMINAL)) {
            values.put(m.id(), 0.5);
        }
        for (int i = 0; i < idsAndValues.length; i += 2) {
            values.put((String) idsAndValues[i], (Double) idsAndValues[i + 1]);
        }
        return new Metrics(MetricName.ClassType.NOMINAL, "bad", values, Map.of(), null, 200);
    }

    private static Metrics numeric(double rmse, double mae, double r2) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("rmse", rmse);
        values.put("mae", mae);
        values.put("r2", r2);
        values.put("correlation", 0.9);
        return new Metrics(MetricName.ClassType.NUMERIC, null, values, Map.of(), null, 209);
    }

    private static ChampionRules maxDrop(String metric, String allowance) {
        return ChampionRules.parse(Map.of(metric, allowance), null);
    }

    /** A prediction that is right or wrong about a row of the given class. */
    private static Prediction prediction(int actual, boolean right) {
        int predicted = right ? actual : 1 - actual;
        double[] distribution = new double[2];
        distribution[predicted] = 1;
        return new NominalPrediction(actual, distribution);
    }

    private static Prediction unlabelled() {
        return new NominalPrediction(Utils.missingValue(), new double[] {1, 0});
    }

    // ------------------------------------------------------------------ maxDrop

    @Test
    void recallDropBeyondItsAllowanceFails() {
        // given production recall 0.50, candidate 0.45
        Metrics candidate = nominal("recall", 0.45);
        Metrics champion = nominal("recall", 0.50);

        // when
        ChampionGate.Result result = ChampionGate.judge("1.3.0", candidate, champion, null, maxDrop("recall", "0.02"));

        // then
        assertThat(result.passed()).isFalse();
        assertThat(result.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.rule()).isEqualTo("maxDrop");
            assertThat(rule.metric()).isEqualTo("recall");
            assertThat(rule.bound()).isEqualTo(0.02);
            assertThat(rule.actual()).isCloseTo(0.05, within(EXACT));
            assertThat(rule.passed()).isFalse();
        });
        assertThat(result.version()).isEqualTo("1.3.0");
    }

    @Test
    void recallDropWithinItsAllowancePasses() {
        // when
        ChampionGate.Result result = ChampionGate.judge(
                "1.3.0", nominal("recall", 0.49), nominal("recall", 0.50), null, maxDrop("recall", "0.02"));

        // then
        assertThat(result.passed()).isTrue();
        assertThat(result.rules().get(0).actual()).isCloseTo(0.01, within(EXACT));
    }

    @Test
    void dropOfExactlyTheAllowancePassesDespiteFloatingPointNoise() {
        // given 0.50 - 0.48 = 0.020000000000000018 in doubles
        assertThat(0.50 - 0.48).isGreaterThan(0.02);

        // when
        ChampionGate.Result result = ChampionGate.judge(
                "1.3.0", nominal("recall", 0.48), nominal("recall", 0.50), null, maxDrop("recall", "0.02"));

        // then
        assertThat(result.passed()).isTrue();
    }

    @Test
    void zeroAllowanceRefusesAnyDropButAcceptsAnEqualValue() {
        // when
        ChampionGate.Result equal = ChampionGate.judge(
                "1.3.0", nominal("accuracy", 0.75), nominal("accuracy", 0.75), null, maxDrop("accuracy", "0"));
        ChampionGate.Result lower = ChampionGate.judge(
                "1.3.0", nominal("accuracy", 0.745), nominal("accuracy", 0.75), null, maxDrop("accuracy", "0"));

        // then
        assertThat(equal.passed()).isTrue();
        assertThat(lower.passed()).isFalse();
    }

    @Test
    void improvementIsANegativeDropAndPasses() {
        // when
        ChampionGate.Result result = ChampionGate.judge(
                "1.3.0", nominal("recall", 0.60), nominal("recall", 0.50), null, maxDrop("recall", "0"));

        // then
        assertThat(result.passed()).isTrue();
        assertThat(result.rules().get(0).actual()).isCloseTo(-0.10, within(EXACT));
    }

    @Test
    void forRmseARiseIsTheDrop() {
        // given production rmse 40, candidate 45: the candidate is worse by 5
        Metrics candidate = numeric(45, 30, 0.8);
        Metrics champion = numeric(40, 30, 0.8);

        // when
        ChampionGate.Result allowFour = ChampionGate.judge("1.3.0", candidate, champion, null, maxDrop("rmse", "4"));
        ChampionGate.Result allowFive = ChampionGate.judge("1.3.0", candidate, champion, null, maxDrop("rmse", "5"));

        // then
        assertThat(allowFour.passed()).isFalse();
        assertThat(allowFour.rules().get(0).actual()).isCloseTo(5.0, within(EXACT));
        assertThat(allowFive.passed()).isTrue();
    }

    @Test
    void forMaeALowerValueIsAnImprovement() {
        // when
        ChampionGate.Result result =
                ChampionGate.judge("1.3.0", numeric(40, 20, 0.8), numeric(40, 30, 0.8), null, maxDrop("mae", "0"));

        // then
        assertThat(result.passed()).isTrue();
        assertThat(result.rules().get(0).actual()).isCloseTo(-10.0, within(EXACT));
    }

    @Test
    void forR2AFallIsTheDropAsForEveryHigherIsBetterMetric() {
        // when
        ChampionGate.Result result =
                ChampionGate.judge("1.3.0", numeric(40, 30, 0.70), numeric(40, 30, 0.80), null, maxDrop("r2", "0.05"));

        // then
        assertThat(result.passed()).isFalse();
        assertThat(result.rules().get(0).actual()).isCloseTo(0.10, within(EXACT));
    }

    @Test
    void undefinedCandidateMetricAgainstADefinedChampionFailsWhateverTheAllowance() {
        // when
        ChampionGate.Result result = ChampionGate.judge(
                "1.3.0", nominal("precision", null), nominal("precision", 0.6), null, maxDrop("precision", "1"));

        // then
        assertThat(result.passed()).isFalse();
        assertThat(result.rules().get(0).actual()).isNull();
    }

    @Test
    void metricUndefinedForBothPasses() {
        // when
        ChampionGate.Result result = ChampionGate.judge(
                "1.3.0", nominal("precision", null), nominal("precision", null), null, maxDrop("precision", "0"));

        // then
        assertThat(result.passed()).isTrue();
        assertThat(result.rules().get(0).actual()).isNull();
    }

    @Test
    void definedCandidateMetricAgainstAnUndefinedChampionPasses() {
        // when
        ChampionGate.Result result = ChampionGate.judge(
                "1.3.0", nominal("precision", 0.4), nominal("precision", null), null, maxDrop("precision", "0"));

        // then
        assertThat(result.passed()).isTrue();
        assertThat(result.rules().get(0).actual()).isNull();
    }

    @Test
    void everyRuleIsReportedAndOneBreachFailsTheComparison() {
        // given
        Map<String, String> allowances = new LinkedHashMap<>();
        allowances.put("recall", "0.02");
        allowances.put("accuracy", "0.02");
        ChampionRules rules = ChampionRules.parse(allowances, null);

        // when
        ChampionGate.Result result = ChampionGate.judge(
                "1.3.0",
                nominal("recall", 0.40, "accuracy", 0.75),
                nominal("recall", 0.50, "accuracy", 0.74),
                null,
                rules);

        // then
        assertThat(result.rules())
                .extracting(ChampionGate.RuleResult::metric, ChampionGate.RuleResult::passed)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("recall", false),
                        org.assertj.core.groups.Tuple.tuple("accuracy", true));
        assertThat(result.passed()).isFalse();
    }

    @Test
    void withoutRulesTheComparisonPassesWhateverTheMetrics() {
        // when
        ChampionGate.Result result = ChampionGate.judge(
                "1.3.0", nominal("recall", 0.0), nominal("recall", 1.0), McNemar.of(0, 100), ChampionRules.NONE);

        // then
        assertThat(result.rules()).isEmpty();
        assertThat(result.passed()).isTrue();
    }

    // ------------------------------------------------------------------ significance

    @Test
    void significantlyWorseCandidateFailsTheSignificanceRule() {
        // given p = 0.021484375 for b = 1, c = 9
        ChampionRules rules = ChampionRules.parse(Map.of(), "0.05");

        // when
        ChampionGate.Result result = ChampionGate.judge("1.3.0", nominal(), nominal(), McNemar.of(1, 9), rules);

        // then
        assertThat(result.passed()).isFalse();
        assertThat(result.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.rule()).isEqualTo("significance");
            assertThat(rule.metric()).isEqualTo("mcnemar");
            assertThat(rule.bound()).isEqualTo(0.05);
            assertThat(rule.actual()).isCloseTo(0.021484375, within(EXACT));
            assertThat(rule.passed()).isFalse();
        });
        assertThat(result.mcnemar()).isEqualTo(McNemar.of(1, 9));
    }

    @Test
    void differenceThatIsNotSignificantPasses() {
        // when
        ChampionGate.Result result = ChampionGate.judge(
                "1.3.0", nominal(), nominal(), McNemar.of(2, 8), ChampionRules.parse(Map.of(), "0.05"));

        // then
        assertThat(result.passed()).isTrue();
        assertThat(result.rules().get(0).actual()).isCloseTo(0.109375, within(EXACT));
    }

    @Test
    void significantlyBetterCandidatePasses() {
        // when
        ChampionGate.Result result = ChampionGate.judge(
                "1.3.0", nominal(), nominal(), McNemar.of(9, 1), ChampionRules.parse(Map.of(), "0.05"));

        // then
        assertThat(result.passed()).isTrue();
    }

    @Test
    void significanceRuleIsOnlyAppliedWhenThereIsAMcNemarTest() {
        // given a significance level, but no paired predictions (a numeric class, or cross-validation)
        ChampionRules rules = ChampionRules.parse(Map.of(), "0.05");

        // when
        ChampionGate.Result result = ChampionGate.judge("1.3.0", nominal(), nominal(), null, rules);

        // then
        assertThat(result.rules()).isEmpty();
        assertThat(result.mcnemar()).isNull();
        assertThat(result.passed()).isTrue();
    }

    @Test
    void mcNemarWithoutASignificanceLevelIsReportedButNotARule() {
        // when
        ChampionGate.Result result =
                ChampionGate.judge("1.3.0", nominal(), nominal(), McNemar.of(1, 9), maxDrop("recall", "1"));

        // then
        assertThat(result.mcnemar()).isEqualTo(McNemar.of(1, 9));
        assertThat(result.rules()).extracting(ChampionGate.RuleResult::rule).containsExactly("maxDrop");
        assertThat(result.passed()).isTrue();
    }

    // ------------------------------------------------------------------ deltas and metrics

    @Test
    void deltasAreCandidateMinusChampionForEveryMetric() {
        // given
        Metrics candidate = nominal("accuracy", 0.725, "recall", 0.4375, "kappa", 0.3203);
        Metrics champion = nominal("accuracy", 0.75, "recall", 0.484375, "kappa", 0.3848);

        // when
        ChampionGate.Result result = ChampionGate.judge("1.3.0", candidate, champion, null, ChampionRules.NONE);

        // then
        assertThat(result.deltas()).containsOnlyKeys(candidate.values().keySet());
        assertThat(result.deltas().get("accuracy")).isCloseTo(0.725 - 0.75, within(EXACT));
        assertThat(result.deltas().get("recall")).isCloseTo(0.4375 - 0.484375, within(EXACT));
        assertThat(result.deltas().get("kappa")).isCloseTo(0.3203 - 0.3848, within(EXACT));
        assertThat(result.deltas().get("f1")).isEqualTo(0.0);
        assertThat(result.metrics()).isEqualTo(champion.values());
    }

    @Test
    void deltaIsNullWhereEitherMetricIsUndefined() {
        // when
        ChampionGate.Result result = ChampionGate.judge(
                "1.3.0",
                nominal("precision", null, "f1", 0.5),
                nominal("precision", 0.6, "f1", null),
                null,
                ChampionRules.NONE);

        // then
        assertThat(result.deltas()).containsEntry("precision", null).containsEntry("f1", null);
    }

    // ------------------------------------------------------------------ pairing predictions

    @Test
    void discordantPairsAreCountedRowByRow() {
        // given 3 rows only the candidate gets right, 5 only the champion, 4 both, 2 neither
        List<Prediction> candidate = new ArrayList<>();
        List<Prediction> champion = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            candidate.add(prediction(BAD, true));
            champion.add(prediction(BAD, false));
        }
        for (int i = 0; i < 5; i++) {
            candidate.add(prediction(GOOD, false));
            champion.add(prediction(GOOD, true));
        }
        for (int i = 0; i < 4; i++) {
            candidate.add(prediction(i % 2, true));
            champion.add(prediction(i % 2, true));
        }
        for (int i = 0; i < 2; i++) {
            candidate.add(prediction(i % 2, false));
            champion.add(prediction(i % 2, false));
        }

        // when
        McNemar test = ChampionGate.mcnemar(candidate, champion);

        // then
        assertThat(test.b()).isEqualTo(3);
        assertThat(test.c()).isEqualTo(5);
        assertThat(test.pValue()).isCloseTo(McNemar.of(3, 5).pValue(), within(EXACT));
    }

    @Test
    void rowsWithoutAnActualClassAreSkipped() {
        // given
        List<Prediction> candidate = List.of(prediction(BAD, true), unlabelled());
        List<Prediction> champion = List.of(prediction(BAD, false), unlabelled());

        // when
        McNemar test = ChampionGate.mcnemar(candidate, champion);

        // then
        assertThat(test.b()).isEqualTo(1);
        assertThat(test.c()).isZero();
    }

    @Test
    void listsOfDifferentLengthsCannotBePaired() {
        // when / then
        assertThat(ChampionGate.mcnemar(List.of(prediction(GOOD, true)), List.of()))
                .isNull();
        assertThat(ChampionGate.mcnemar(null, List.of())).isNull();
        assertThat(ChampionGate.mcnemar(List.of(), null)).isNull();
    }

    @Test
    void identicalPredictionsHaveNoDiscordantPairAndPOne() {
        // given
        List<Prediction> both = List.of(prediction(GOOD, true), prediction(BAD, false));

        // when
        McNemar test = ChampionGate.mcnemar(both, both);

        // then
        assertThat(test).isEqualTo(new McNemar(0, 0, 1.0));
    }
}
