package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every engine gives, for every metric, Weka's own figure ({@link MetricsExtractor}, Weka's public methods on Weka's
 * evaluation of the same rows) bit for bit, on small weighted data: the parallel counting path and cross-validation's
 * replay included, and the curve areas, which the engines compute from compact arrays, equal to Weka's ThresholdCurve.
 */
class EveryEngineTest {

    @Test
    void everyEngineGivesWekasFiguresOnTwoClasses() throws Exception {
        assertEqualWeka(Engines.creditG());
    }

    @Test
    void everyEngineGivesWekasFiguresOnThreeClasses() throws Exception {
        assertEqualWeka(Engines.iris());
    }

    private static void assertEqualWeka(List<Engines.Run> runs) throws Exception {
        List<String> engines = new ArrayList<>();
        for (Engines.Run run : runs) {
            Metrics weka =
                    MetricsExtractor.extract(run.weka(), run.weka().getHeader().classAttribute(), run.positive());
            assertThat(run.metrics()).as(run.engine()).isEqualTo(weka);
            assertThat(run.weka().getHeader().numInstances()).isZero();
            engines.add(run.engine());
        }
        assertThat(engines).containsExactly("small data", "parallel counting", "streaming", "cross-validation");
    }
}
