package io.github.mlmaven.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Kolmogorov survival function behind the asymptotic KS p-value, against {@code scipy.stats.kstwo.sf(x, n)}
 * (SciPy 1.17.1) on every route SciPy takes: exact (Durbin's matrix, Ruben-Gambino), Miller's and the one-sided
 * Smirnov approximation, and Pelz-Good's.
 */
class EvidentlyStatsTest {

    @ParameterizedTest(name = "kstwo.sf({1}, {0}) = {2}")
    @CsvSource({
        "50, 0.01, 1.0",
        "50, 0.05, 0.9990238098461883",
        "50, 0.1, 0.6623112704658186",
        "50, 0.2, 0.03143877776953241",
        "50, 0.4, 9.86356336441006e-08",
        "50, 0.6, 9.634070456142374e-18",
        "50, 0.99, 2.0000000000000889e-100",
        "478, 0.015, 0.9998729351442328",
        "478, 0.05, 0.17708825083353974",
        "478, 0.08, 0.004150368280441102",
        "478, 0.3, 1.1959320241973542e-38",
        "5000, 0.01, 0.6954557253913853",
        "5000, 0.02, 0.03613941395325637",
        "5000, 0.04, 2.1805586378557164e-07",
        "200000, 0.002, 0.39995085369038097",
        "200000, 0.004, 0.003314212822560255"
    })
    void kolmogorovSurvivalEqualsScipys(int n, double x, double scipy) {
        DriftAnalysisEvidentlyTest.assertClose(
                "kstwo.sf(" + x + ", " + n + ")",
                EvidentlyStats.kolmogorovSf(x, n),
                scipy,
                DriftAnalysisEvidentlyTest.P_VALUE_TOLERANCE);
    }

    @ParameterizedTest
    @CsvSource({"0.0, 0.0, 0.0001", "0.5, 0.0, 0.0001"})
    void emptyBinsGetEvidentlysFill(double a, double b, double fill) {
        assertThat(EvidentlyStats.fillZeroes(new double[] {a, b, 0.5})[1]).isEqualTo(fill);
    }

    @org.junit.jupiter.api.Test
    void emptyBinsBesideATinyShareGetAMillionthOfIt() {
        assertThat(EvidentlyStats.fillZeroes(new double[] {0.00005, 0.0, 0.99995})[1])
                .isEqualTo(0.00005 / 1e6);
    }
}
