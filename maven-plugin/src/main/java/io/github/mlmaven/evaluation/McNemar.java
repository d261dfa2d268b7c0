package io.github.mlmaven.evaluation;

/**
 * McNemar's test on paired predictions of two classifiers over the same rows, exact form: of the rows where exactly
 * one of them is right, {@code b} are those only the candidate gets right and {@code c} those only the champion gets
 * right. Under the hypothesis that both are equally accurate, b ~ Binomial(b + c, 1/2); the two-sided p-value is
 * {@code min(1, 2 P(X <= min(b, c)))}. The exact form is used rather than the chi-square approximation because the
 * discordant counts of a skewed data set are often small.
 *
 * @param b rows the candidate classifies correctly and the champion does not
 * @param c rows the champion classifies correctly and the candidate does not
 * @param pValue the exact two-sided p-value
 */
public record McNemar(long b, long c, double pValue) {

    public static McNemar of(long b, long c) {
        return new McNemar(b, c, exactTwoSided(b, c));
    }

    /** Whether the candidate is significantly worse than the champion at level {@code alpha}. */
    public boolean candidateSignificantlyWorse(double alpha) {
        return c > b && pValue < alpha;
    }

    static double exactTwoSided(long b, long c) {
        long n = b + c;
        if (n == 0) {
            return 1.0;
        }
        long k = Math.min(b, c);
        // P(X <= k) for X ~ Bin(n, 1/2), summed in log space to stay exact enough for large n
        double logHalfPowN = n * Math.log(0.5);
        double sum = 0;
        double logChoose = 0; // log C(n, 0)
        for (long i = 0; i <= k; i++) {
            if (i > 0) {
                logChoose += Math.log((double) (n - i + 1) / i);
            }
            sum += Math.exp(logChoose + logHalfPowN);
        }
        return Math.min(1.0, 2 * sum);
    }
}
