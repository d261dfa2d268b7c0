package io.github.mlmaven.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.evaluation.Prediction;

class CurvesTest {

    /** Class 1 is positive; its probability is higher, on average, for the rows that are positive. */
    private static List<Prediction> predictions(int n) {
        Random random = new Random(7);
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int actual = i % 3 == 0 ? 1 : 0;
            double p = Math.min(1, Math.max(0, (actual == 1 ? 0.65 : 0.35) + random.nextGaussian() * 0.2));
            predictions.add(new NominalPrediction(actual, new double[] {1 - p, p}));
        }
        return predictions;
    }

    @Test
    void rocRunsFromTheOriginToTheTopRightWithWekasArea() {
        Curves.Curve curve = Curves.of("candidate", predictions(120), 1).orElseThrow();

        assertThat(curve.roc().get(0)).containsExactly(0, 0);
        assertThat(curve.roc().get(curve.roc().size() - 1)).containsExactly(1, 1);
        assertThat(curve.rocAuc()).isBetween(0.7, 1.0);
        assertThat(curve.prAuc()).isBetween(0.4, 1.0);
        assertThat(curve.pr()).allSatisfy(p -> assertThat(p[0]).isBetween(0.0, 1.0));
    }

    @Test
    void longCurvesAreDownsampledKeepingBothEnds() {
        Curves.Curve curve = Curves.of("candidate", predictions(3000), 1).orElseThrow();

        assertThat(curve.roc()).hasSizeLessThanOrEqualTo(Curves.MAX_POINTS);
        assertThat(curve.pr()).hasSizeLessThanOrEqualTo(Curves.MAX_POINTS);
        assertThat(curve.roc().get(0)).containsExactly(0, 0);
        assertThat(curve.roc().get(curve.roc().size() - 1)).containsExactly(1, 1);
    }

    @Test
    void noPredictionsNoCurve() {
        assertThat(Curves.of("candidate", List.of(), 1)).isEmpty();
        assertThat(Curves.of("candidate", predictions(10), -1)).isEmpty();
    }

    @Test
    void curvesRoundTripThroughTheirFile(@TempDir Path dir) throws Exception {
        Curves.Curve curve = Curves.of("candidate", predictions(50), 1).orElseThrow();
        new Curves(Curves.CURRENT_SCHEMA_VERSION, "credit", "bad", curve, null).writeTo(dir);

        Curves read = Curves.readFrom(dir).orElseThrow();

        assertThat(read.candidate().rocAuc()).isCloseTo(curve.rocAuc(), within(1e-12));
        assertThat(read.candidate().roc()).hasSameSizeAs(curve.roc());
        assertThat(read.champion()).isNull();
        assertThat(Curves.readFrom(dir.resolve("absent"))).isEmpty();
    }
}
