package io.github.mlmaven.monitoring.drift;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Evidently's drift statistics (its legacy {@code stattests} package, which its presets still call) on distributions
 * held as sorted distinct values with counts, computed the way Evidently's NumPy/SciPy calls compute them, so the
 * figures agree to rounding: see docs/drift.md for the tolerance measured against Evidently itself.
 */
final class EvidentlyStats {
    private EvidentlyStats() {}

    /** SciPy's {@code ks_2samp} switches from the exact to the asymptotic p-value above this sample size. */
    private static final int KS_MAX_EXACT_N = 10_000;

    /** A numeric distribution: ascending distinct values and their counts. */
    static final class Numeric {
        private final double[] values;
        private final long[] counts;
        /** cumulative[i]: how many values are among the first i distinct ones */
        private final long[] cumulative;

        Numeric(double[] values, long[] counts) {
            this.values = values;
            this.counts = counts;
            this.cumulative = new long[values.length + 1];
            for (int i = 0; i < values.length; i++) {
                cumulative[i + 1] = cumulative[i] + counts[i];
            }
        }

        double[] values() {
            return values;
        }

        long[] counts() {
            return counts;
        }

        long n() {
            return cumulative[values.length];
        }

        int distinct() {
            return values.length;
        }

        /** How many values are at most {@code x} (NumPy's {@code searchsorted(side='right')}). */
        long countAtMost(double x) {
            return cumulative(upperIndex(x));
        }

        /** How many values are below {@code x} ({@code searchsorted(side='left')}). */
        long countBelow(double x) {
            return cumulative(lowerIndex(x));
        }

        private long cumulative(int distinctCount) {
            return cumulative[distinctCount];
        }

        private int upperIndex(double x) {
            int lo = 0;
            int hi = values.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (values[mid] <= x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private int lowerIndex(double x) {
            int lo = 0;
            int hi = values.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (values[mid] < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        double min() {
            return values[0];
        }

        double max() {
            return values[values.length - 1];
        }

        /** NumPy's {@code np.std} (population, ddof 0). */
        double std() {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[i] * counts[i];
            }
            double mean = sum / n();
            double squares = 0;
            for (int i = 0; i < values.length; i++) {
                double d = values[i] - mean;
                squares += d * d * counts[i];
            }
            return Math.sqrt(squares / n());
        }
    }

    // ---------------------------------------------------------------- Kolmogorov-Smirnov

    /** {@code scipy.stats.ks_2samp(ref, cur)[1]} with its default {@code method='auto'}. */
    static double ksPValue(Numeric ref, Numeric cur) {
        long n1 = ref.n();
        long n2 = cur.n();
        double d = ksStatistic(ref, cur);
        long g = gcd(n1, n2);
        if (Math.max(n1, n2) <= KS_MAX_EXACT_N) {
            double p = KolmogorovDistributions.exactTwoSample(n1, n2, g, d);
            if (!Double.isNaN(p)) {
                return clip(p);
            }
        }
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        double en = m * n / (m + n);
        return clip(kolmogorovSf(d, (int) Math.rint(en)));
    }

    /** The largest distance between the two empirical distribution functions. */
    static double ksStatistic(Numeric ref, Numeric cur) {
        double maxS = Double.NEGATIVE_INFINITY;
        double minS = Double.POSITIVE_INFINITY;
        for (Numeric side : new Numeric[] {ref, cur}) {
            for (double x : side.values()) {
                double diff = (double) ref.countAtMost(x) / ref.n() - (double) cur.countAtMost(x) / cur.n();
                maxS = Math.max(maxS, diff);
                minS = Math.min(minS, diff);
            }
        }
        double minClipped = Math.min(Math.max(-minS, 0), 1);
        return minClipped > maxS ? minClipped : maxS;
    }

    /**
     * {@code scipy.stats.kstwo.sf(d, n)}, the survival function of the two-sided one-sample Kolmogorov statistic,
     * routed as SciPy's {@code _kolmogn(n, d, cdf=False)} routes it (Simard and L'Ecuyer): the exact distribution
     * (Durbin's matrix) where SciPy computes it exactly, and SciPy's own approximations where it uses those, so the
     * p-value is SciPy's and not a more exact one.
     */
    static double kolmogorovSf(double x, int n) {
        if (x >= 1.0) {
            return 0.0;
        }
        if (x <= 0.0) {
            return 1.0;
        }
        double t = n * x;
        if (t <= 0.5) {
            return 1.0;
        }
        if (t >= n - 1) {
            return clip(2 * Math.pow(1.0 - x, n));
        }
        if (x >= 0.5 && t > 1.0) {
            return clip(2 * KolmogorovDistributions.smirnov(n, x));
        }
        double nxSquared = t * x;
        if (t > 1.0 && n <= 140 && nxSquared > 4) {
            // Miller's approximation
            return clip(2 * KolmogorovDistributions.smirnov(n, x));
        }
        if (t > 1.0 && n > 140) {
            if (nxSquared >= 370.0) {
                return 0.0;
            }
            if (nxSquared >= 2.2) {
                return clip(2 * KolmogorovDistributions.smirnov(n, x));
            }
            if (nxSquared >= 18.0) {
                return 0.0;
            }
            if (!(n <= 100_000 && n * Math.pow(x, 1.5) <= 1.4)) {
                return clip(1.0 - KolmogorovDistributions.pelzGoodCdf(n, x));
            }
        }
        // where SciPy uses Ruben-Gambino's formula or Pomeranz's recursion, both exact as this is
        return clip(1.0 - KolmogorovDistributions.durbinCdf(n, x));
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    static double clip(double p) {
        return Math.min(Math.max(p, 0), 1);
    }

    // ---------------------------------------------------------------- categorical tests

    /**
     * Evidently's {@code _chi_stat_test}: Pearson's chi-squared of the current counts against the reference counts
     * scaled to the current size, over the categories seen on either side.
     */
    static double chiSquarePValue(long[] refCounts, long refN, long[] curCounts, long curN) {
        double kNorm = (double) curN / refN;
        double stat = 0;
        for (int i = 0; i < refCounts.length; i++) {
            double expected = refCounts[i] * kNorm;
            double diff = curCounts[i] - expected;
            stat += diff * diff / expected;
        }
        int dof = refCounts.length - 1;
        if (Double.isNaN(stat)) {
            return Double.NaN;
        }
        if (dof <= 0) {
            // SciPy's chi2.sf with 0 degrees of freedom: NaN (Evidently then reports no drift)
            return Double.NaN;
        }
        if (Double.isInfinite(stat)) {
            return 0.0;
        }
        return Gamma.regularizedGammaQ(dof / 2.0, stat / 2.0);
    }

    /**
     * Evidently's {@code _z_stat_test}: the two-proportion z-test of "not the first category in sort order", two-sided.
     *
     * @param refFirst reference rows equal to the first category
     */
    static double zPValue(long refFirst, long refN, long curFirst, long curN, boolean sameSingleValue) {
        if (sameSingleValue) {
            return 1.0;
        }
        double p1 = (double) (refN - refFirst) / refN;
        double p2 = (double) (curN - curFirst) / curN;
        double pooled = (p1 * refN + p2 * curN) / (refN + curN);
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / refN + 1.0 / curN));
        return 2 * (1 - normalCdf(Math.abs(z)));
    }

    /** Cephes' {@code ndtr}, as SciPy's {@code norm.cdf} computes it. */
    static double normalCdf(double a) {
        if (Double.isNaN(a)) {
            return Double.NaN;
        }
        double x = a * Math.sqrt(0.5);
        double z = Math.abs(x);
        double y;
        if (z < Math.sqrt(0.5)) {
            y = 0.5 + 0.5 * Erf.erf(x);
        } else {
            y = 0.5 * Erf.erfc(z);
            if (x > 0) {
                y = 1.0 - y;
            }
        }
        return y;
    }

    // ---------------------------------------------------------------- distances

    /** Evidently's {@code _wasserstein_distance_norm}: SciPy's Wasserstein-1 distance over max(std(ref), 0.001). */
    static double wassersteinNorm(Numeric ref, Numeric cur) {
        double norm = Math.max(ref.std(), 0.001);
        return wasserstein(ref, cur) / norm;
    }

    /** {@code scipy.stats.wasserstein_distance}: the area between the two empirical distribution functions. */
    static double wasserstein(Numeric u, Numeric v) {
        double[] all = mergedDistinct(u.values(), v.values());
        double sum = 0;
        for (int i = 0; i + 1 < all.length; i++) {
            double uCdf = (double) u.countAtMost(all[i]) / u.n();
            double vCdf = (double) v.countAtMost(all[i]) / v.n();
            sum += Math.abs(uCdf - vCdf) * (all[i + 1] - all[i]);
        }
        return sum;
    }

    private static double[] mergedDistinct(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length || j < b.length) {
            double next;
            if (j >= b.length || (i < a.length && a[i] <= b[j])) {
                next = a[i++];
            } else {
                next = b[j++];
            }
            if (k == 0 || out[k - 1] != next) {
                out[k++] = next;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** {@code scipy.spatial.distance.jensenshannon(p, q)} with the natural logarithm. */
    static double jensenShannon(double[] p, double[] q) {
        double pSum = 0;
        double qSum = 0;
        for (int i = 0; i < p.length; i++) {
            pSum += p[i];
            qSum += q[i];
        }
        double left = 0;
        double right = 0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i] / pSum;
            double qi = q[i] / qSum;
            double m = (pi + qi) / 2.0;
            left += relEntr(pi, m);
            right += relEntr(qi, m);
        }
        return Math.sqrt((left + right) / 2.0);
    }

    private static double relEntr(double x, double y) {
        if (x > 0 && y > 0) {
            return x * Math.log(x / y);
        }
        if (x == 0 && y >= 0) {
            return 0;
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Evidently's {@code _psi} on shares where {@link #fillZeroes} replaced the empty bins. */
    static double psi(double[] ref, double[] cur) {
        double sum = 0;
        for (int i = 0; i < ref.length; i++) {
            sum += (ref[i] - cur[i]) * Math.log(ref[i] / cur[i]);
        }
        return sum;
    }

    /**
     * Evidently's {@code feel_zeroes}: an empty bin gets 1e-4, or a millionth of the smallest non-empty share when
     * that is at most 1e-4, so PSI stays finite.
     */
    static double[] fillZeroes(double[] shares) {
        double min = Double.POSITIVE_INFINITY;
        for (double s : shares) {
            if (s != 0) {
                min = Math.min(min, s);
            }
        }
        double fill = min <= 0.0001 ? min / 1e6 : 0.0001;
        double[] out = shares.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = fill;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- binning

    /**
     * NumPy's {@code histogram_bin_edges(combined, bins='sturges')} over the reference and current values together.
     */
    static double[] sturgesEdges(Numeric ref, Numeric cur) {
        double first = Math.min(ref.min(), cur.min());
        double last = Math.max(ref.max(), cur.max());
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        long size = ref.n() + cur.n();
        double ptp = Math.max(ref.max(), cur.max()) - Math.min(ref.min(), cur.min());
        double width = ptp / (log2(size) + 1.0);
        int bins = width != 0 ? (int) Math.ceil((last - first) / width) : 1;
        double[] edges = new double[bins + 1];
        double delta = last - first;
        double step = delta / bins;
        for (int i = 0; i <= bins; i++) {
            edges[i] = step == 0 ? i / (double) bins * delta + first : i * step + first;
        }
        edges[bins] = last;
        return edges;
    }

    /** log2 exact on powers of two, as NumPy's {@code np.log2} is. */
    private static double log2(long n) {
        if (Long.bitCount(n) == 1) {
            return Long.numberOfTrailingZeros(n);
        }
        return Math.log((double) n) / Math.log(2.0);
    }

    /** {@code np.histogram(values, edges)[0]}: bins [e_i, e_{i+1}), the last one closed. */
    static long[] histogram(Numeric values, double[] edges) {
        long[] counts = new long[edges.length - 1];
        for (int i = 0; i < counts.length; i++) {
            long upper = i == counts.length - 1 ? values.countAtMost(edges[i + 1]) : values.countBelow(edges[i + 1]);
            counts[i] = upper - values.countBelow(edges[i]);
        }
        return counts;
    }

    static List<String> binLabels(double[] edges) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i + 1 < edges.length; i++) {
            labels.add("[" + edges[i] + ", " + edges[i + 1] + (i + 2 == edges.length ? "]" : ")"));
        }
        return labels;
    }
}
