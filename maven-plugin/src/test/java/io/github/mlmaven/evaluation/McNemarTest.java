package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact two-sided McNemar test against binomial tail sums computed by hand (exact integer arithmetic):
 * {@code p = min(1, 2 * sum_{i<=min(b,c)} C(b+c, i) / 2^(b+c))}.
 */
class McNemarTest {
    private static final double EXACT = 1e-12;

    @Test
    void elevenAgainstSixteenHasTheBinomialTailOfTwentySevenFairCoins() {
        // given 2 * (C(27,0) + ... + C(27,11)) / 2^27 = 59333408 / 134217728
        double expected = 59_333_408.0 / 134_217_728.0;

        // when
        McNemar test = McNemar.of(11, 16);

        // then
        assertThat(expected).isCloseTo(0.4421, within(1e-4));
        assertThat(test.pValue()).isCloseTo(expected, within(EXACT));
        assertThat(test.b()).isEqualTo(11);
        assertThat(test.c()).isEqualTo(16);
    }

    @Test
    void pValueIsSymmetricInBAndC() {
        // when / then
        assertThat(McNemar.of(16, 11).pValue()).isCloseTo(McNemar.of(11, 16).pValue(), within(EXACT));
    }

    @Test
    void noRowOnlyTheCandidateGetsRightAgainstTenIsTwiceOneHalfToTheTenth() {
        // when
        McNemar test = McNemar.of(0, 10);

        // then
        assertThat(test.pValue()).isCloseTo(2 * Math.pow(0.5, 10), within(EXACT));
    }

    @ParameterizedTest(name = "b={0}, c={1}: p={2}")
    @CsvSource({
        // hand-computed exact binomial tails
        "1, 9, 0.021484375", // 2 * (1 + 9) / 1024
        "2, 8, 0.109375", // 2 * (1 + 10 + 45) / 1024
        "3, 12, 0.03515625", // 2 * (1 + 15 + 105 + 455) / 32768
        "0, 1, 1.0", // 2 * 1/2, capped at 1
    })
    void smallDiscordantCountsGiveTheExactBinomialTail(long b, long c, double expected) {
        // when / then
        assertThat(McNemar.of(b, c).pValue()).isCloseTo(expected, within(EXACT));
    }

    @ParameterizedTest(name = "b = c = {0}")
    @CsvSource({"1", "5", "50", "5000"})
    void equalDiscordantCountsGiveOne(long n) {
        // when / then
        assertThat(McNemar.of(n, n).pValue()).isEqualTo(1.0);
    }

    @Test
    void noDiscordantRowGivesOne() {
        // when
        McNemar test = McNemar.of(0, 0);

        // then
        assertThat(test.pValue()).isEqualTo(1.0);
        assertThat(test.candidateSignificantlyWorse(0.05)).isFalse();
    }

    @Test
    void largeCountsNeitherOverflowNorUnderflow() {
        // given 2 * P(X <= 4000) for X ~ Bin(8200, 1/2), computed exactly with big integers: 0.027972423571324383;
        // 2^8200 and C(8200, 4000) are far beyond a double, and 0.5^8200 far below one

        // when
        McNemar test = McNemar.of(4000, 4200);

        // then
        assertThat(test.pValue()).isCloseTo(0.027972423571324383, within(1e-9));
        assertThat(test.candidateSignificantlyWorse(0.05)).isTrue();
        assertThat(test.candidateSignificantlyWorse(0.01)).isFalse();
    }

    @Test
    void hugeEqualCountsStayAtOneAndFinite() {
        // when
        McNemar test = McNemar.of(1_000_000, 1_000_000);

        // then
        assertThat(test.pValue()).isEqualTo(1.0);
    }

    @Test
    void overwhelmingEvidenceGivesAPValueOfZeroOrAboveButNeverNegativeOrNaN() {
        // when
        McNemar test = McNemar.of(0, 5000);

        // then
        assertThat(test.pValue()).isBetween(0.0, 1e-300);
        assertThat(test.candidateSignificantlyWorse(0.05)).isTrue();
    }

    @Test
    void candidateIsSignificantlyWorseOnlyWhenTheChampionWinsMoreRowsAndPIsBelowAlpha() {
        // given p = 0.021484375 either way round
        McNemar championWins = McNemar.of(1, 9);
        McNemar candidateWins = McNemar.of(9, 1);

        // when / then
        assertThat(championWins.candidateSignificantlyWorse(0.05)).isTrue();
        assertThat(championWins.candidateSignificantlyWorse(0.01)).isFalse();
        assertThat(candidateWins.candidateSignificantlyWorse(0.05))
                .as("a significantly better candidate is not worse")
                .isFalse();
    }

    @Test
    void pValueEqualToAlphaIsNotSignificant() {
        // given p = 2 * 0.5^10 exactly
        McNemar test = McNemar.of(0, 10);

        // when / then
        assertThat(test.candidateSignificantlyWorse(2 * Math.pow(0.5, 10))).isFalse();
    }
}
