package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.rules.ZeroR;
import weka.core.Instances;

class GateTest {

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** ZeroR on unbalanced.arff: it always predicts the majority 'Inactive', never the 12 'Active' rows. */
    private static Metrics majorityGuesserOnUnbalancedData() throws Exception {
        Instances data = Datasets.loadWithWeka(Datasets.unbalancedArff());
        ZeroR model = new ZeroR();
        model.buildClassifier(data);
        return Evaluator.onTestData(model, data, data.classAttribute().indexOfValue("Active"));
    }

    private static Metrics nominalMetrics(Map<String, Double> values) {
        return new Metrics(MetricName.ClassType.NOMINAL, "yes", values, Map.of(), null, 100);
    }

    private static Map<String, Double> values(Object... pairs) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return values;
    }

    @Test
    void precisionIsUndefinedWhenThePositiveClassIsNeverPredicted() throws Exception {
        // when
        Metrics metrics = majorityGuesserOnUnbalancedData();

        // then
        assertThat(metrics.positiveClass()).isEqualTo("Active");
        assertThat(metrics.value(MetricName.PRECISION)).isNull();
        assertThat(metrics.value(MetricName.F1)).isNull();
        assertThat(metrics.value(MetricName.RECALL)).isEqualTo(0.0);
        assertThat(metrics.value(MetricName.ACCURACY))
                .isCloseTo(844.0 / 856, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(metrics.values()).containsKey("precision");
        assertThat(metrics.perClass().get("Active").precision()).isNull();
        assertThat(metrics.perClass().get("Inactive").precision()).isNotNull();
    }

    @Test
    void thresholdOnAnUndefinedMetricFailsTheGate() throws Exception {
        // given
        Metrics metrics = majorityGuesserOnUnbalancedData();
        List<Threshold> thresholds = List.of(new Threshold(MetricName.PRECISION, ">=", 0.0));

        // when
        Verdict verdict = Gate.judge(metrics, thresholds);

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.breaches()).singleElement().satisfies(r -> {
            assertThat(r.metric()).isEqualTo("precision");
            assertThat(r.actual()).isNull();
            assertThat(r.passed()).isFalse();
        });
    }

    @Test
    void recallGateFailsWhereAccuracyLooksFine() throws Exception {
        // given
        Metrics metrics = majorityGuesserOnUnbalancedData();
        List<Threshold> thresholds = ThresholdParser.parse(Map.of("accuracy", "0.95", "recall", "0.5"), null);

        // when
        Verdict verdict = Gate.judge(metrics, thresholds);

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.breaches())
                .extracting(Verdict.ThresholdResult::metric)
                .containsExactly("recall");
    }

    @Test
    void thresholdBreachFailsTheGate() {
        // given
        Metrics metrics = nominalMetrics(values("recall", 0.79, "f1", 0.9));
        List<Threshold> thresholds =
                List.of(new Threshold(MetricName.RECALL, ">=", 0.8), new Threshold(MetricName.F1, ">=", 0.7));

        // when
        Verdict verdict = Gate.judge(metrics, thresholds);

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.gateConfigured()).isTrue();
        assertThat(verdict.breaches()).singleElement().satisfies(r -> {
            assertThat(r.metric()).isEqualTo("recall");
            assertThat(r.comparator()).isEqualTo(">=");
            assertThat(r.bound()).isEqualTo(0.8);
            assertThat(r.actual()).isEqualTo(0.79);
        });
    }

    @Test
    void valueExactlyOnTheBoundPasses() {
        // given
        Metrics metrics =
                new Metrics(MetricName.ClassType.NUMERIC, null, values("rmse", 12.5, "r2", 0.5), Map.of(), null, 10);
        List<Threshold> thresholds =
                List.of(new Threshold(MetricName.RMSE, "<=", 12.5), new Threshold(MetricName.R2, ">=", 0.5));

        // when
        Verdict verdict = Gate.judge(metrics, thresholds);

        // then
        assertThat(verdict.passed()).isTrue();
    }

    @Test
    void strictComparatorsRefuseTheBoundItself() {
        // given
        Metrics metrics = nominalMetrics(values("recall", 0.8, "kappa", 0.3));
        List<Threshold> thresholds =
                List.of(new Threshold(MetricName.RECALL, ">", 0.8), new Threshold(MetricName.KAPPA, "<", 0.3));

        // when
        Verdict verdict = Gate.judge(metrics, thresholds);

        // then
        assertThat(verdict.breaches()).hasSize(2);
    }

    @Test
    void noThresholdsPassesWithNoGateConfigured() {
        // when
        Verdict verdict = Gate.judge(nominalMetrics(values("recall", 0.1)), List.of());

        // then
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.gateConfigured()).isFalse();
        assertThat(verdict.results()).isEmpty();
    }
}
