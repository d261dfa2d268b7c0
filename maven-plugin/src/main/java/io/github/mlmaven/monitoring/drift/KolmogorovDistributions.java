package io.github.mlmaven.monitoring.drift;

import java.util.Arrays;
import org.apache.commons.math3.special.Gamma;

/**
 * The distributions behind {@link EvidentlyStats#ksPValue}'s p-value, each computed as the SciPy routine it names
 * computes it: the exact two-sample distribution for small samples, and for the one-sample Kolmogorov statistic the
 * exact distribution (Durbin's matrix), Pelz-Good's approximation and the one-sided Smirnov sum. Which one applies
 * where is {@link EvidentlyStats#kolmogorovSf}'s routing, not this class's.
 */
final class KolmogorovDistributions {
    private KolmogorovDistributions() {}

    /** SciPy's {@code _attempt_exact_2kssamp} (two-sided): NaN when it would give up. */
    static double exactTwoSample(long n1, long n2, long g, double d) {
        long lcm = (n1 / g) * n2;
        long h = (long) Math.rint(d * lcm);
        if (h == 0) {
            return 1.0;
        }
        double prob = n1 == n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
        return prob >= 0 && prob <= 1 ? prob : Double.NaN;
    }

    /** SciPy's {@code _compute_prob_outside_square}: Pr(D_{n,n} >= h/n). */
    private static double probOutsideSquare(long n, long h) {
        double p = 0.0;
        long k = (long) Math.floor((double) n / h);
        while (k >= 0) {
            double p1 = 1.0;
            for (long j = 0; j < h; j++) {
                p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
            }
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /** SciPy's {@code _compute_outer_prob_inside_method}: 1 - p by Viehmann's recursion of Hodges' inside method. */
    private static double outerProbInside(long mIn, long nIn, long g, long h) {
        long m = Math.max(mIn, nIn);
        long n = Math.min(mIn, nIn);
        long mg = m / g;
        long ng = n / g;
        long minj = 0;
        long maxj = Math.min((long) Math.ceil((double) h / mg), n + 1);
        long curlen = maxj - minj;
        int lenA = (int) Math.min(2 * maxj + 2, n + 1);
        double[] a = new double[lenA];
        Arrays.fill(a, 1.0);
        for (long i = minj; i < maxj; i++) {
            a[(int) i] = 0.0;
        }
        for (long i = 1; i <= m; i++) {
            long lastminj = minj;
            long lastlen = curlen;
            minj = Math.max((long) Math.floor((double) (ng * i - h) / mg) + 1, 0);
            minj = Math.min(minj, n);
            maxj = Math.min((long) Math.ceil((double) (ng * i + h) / mg), n + 1);
            if (maxj <= minj) {
                return 1.0;
            }
            double val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++) {
                long j = jj + minj;
                val = (a[(int) (jj + minj - lastminj)] * i + val * j) / (i + j);
                a[(int) jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen) {
                for (long k = maxj - minj; k < maxj - minj + (lastlen - curlen); k++) {
                    a[(int) k] = 1;
                }
            }
        }
        return a[(int) (maxj - minj - 1)];
    }

    private static final double EP128 = Math.scalb(1.0, 128);
    private static final double EM128 = Math.scalb(1.0, -128);

    /** SciPy's {@code _kolmogn_DMTW}: Durbin's matrix for Prob(D_n <= d), as Marsaglia, Tsang and Wang compute it. */
    static double durbinCdf(int n, double d) {
        if (d >= 1.0) {
            return 1.0;
        }
        double nd = n * d;
        if (nd <= 0.5) {
            return 0.0;
        }
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[][] hm = new double[m][m];
        double[] v = new double[m];
        double[] w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++) {
            v[j - 1] = 1.0 - Math.pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }
        double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;
        for (int i = 1; i < m; i++) {
            for (int r = i - 1; r < m; r++) {
                hm[r][i] = w[r - (i - 1)];
            }
        }
        for (int r = 0; r < m; r++) {
            hm[r][0] = v[r];
        }
        for (int c = 0; c < m; c++) {
            hm[m - 1][c] = v[m - 1 - c];
        }
        double[][] power = new double[m][m];
        for (int i = 0; i < m; i++) {
            power[i][i] = 1.0;
        }
        int nn = n;
        int expnt = 0;
        int hExpnt = 0;
        while (nn > 0) {
            if (nn % 2 == 1) {
                power = multiply(power, hm);
                expnt += hExpnt;
            }
            hm = multiply(hm, hm);
            hExpnt *= 2;
            if (Math.abs(hm[k - 1][k - 1]) > EP128) {
                for (double[] row : hm) {
                    for (int c = 0; c < m; c++) {
                        row[c] /= EP128;
                    }
                }
                hExpnt += 128;
            }
            nn /= 2;
        }
        double p = power[k - 1][k - 1];
        for (int i = 1; i <= n; i++) {
            p = i * p / n;
            if (Math.abs(p) < EM128) {
                p *= EP128;
                expnt -= 128;
            }
        }
        if (expnt != 0) {
            p = Math.scalb(p, expnt);
        }
        return EvidentlyStats.clip(p);
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] out = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < m; l++) {
                double ail = a[i][l];
                if (ail == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    out[i][j] += ail * b[l][j];
                }
            }
        }
        return out;
    }

    /** SciPy's {@code _kolmogn_PelzGood}: the Pelz-Good approximation of Prob(D_n <= x). */
    static double pelzGoodCdf(int n, double x) {
        double piSquared = Math.PI * Math.PI;
        double piFour = piSquared * piSquared;
        double piSix = piFour * piSquared;
        double sqrt2Pi = Math.sqrt(2 * Math.PI);
        double z = Math.sqrt(n) * x;
        double zsquared = z * z;
        double zthree = Math.pow(z, 3);
        double zfour = Math.pow(z, 4);
        double zsix = Math.pow(z, 6);
        double qlog = -piSquared / 8 / zsquared;
        if (qlog < -708) {
            return 0.0;
        }
        double q = Math.exp(qlog);
        double k1a = -zsquared;
        double k1b = piSquared / 4;
        double k2a = 6 * zsix + 2 * zfour;
        double k2b = (2 * zfour - 5 * zsquared) * piSquared / 4;
        double k2c = piFour * (1 - 2 * zsquared) / 16;
        double k3d = piSix * (5 - 30 * zsquared) / 64;
        double k3c = piFour * (-60 * zsquared + 212 * zfour) / 16;
        double k3b = piSquared * (135 * zfour - 96 * zsix) / 4;
        double k3a = -30 * zsix - 90 * Math.pow(z, 8);
        double[] k = new double[4];
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        for (int kk = maxk; kk > 0; kk--) {
            double m = 2 * kk - 1;
            double msquared = m * m;
            double mfour = Math.pow(m, 4);
            double msix = Math.pow(m, 6);
            double qpower = Math.pow(q, 8 * kk);
            double[] coeffs = {
                1.0,
                k1a + k1b * msquared,
                k2a + k2b * msquared + k2c * mfour,
                k3a + k3b * msquared + k3c * mfour + k3d * msix
            };
            for (int i = 0; i < 4; i++) {
                k[i] = k[i] * qpower + coeffs[i];
            }
        }
        double[] divisors = {z, 6 * zfour, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
        for (int i = 0; i < 4; i++) {
            k[i] = k[i] * q * sqrt2Pi / divisors[i];
        }
        q = Math.exp(-piSquared / 2 / zsquared);
        double sqrt3z = Math.sqrt(3) * z;
        double k2extra = 0;
        double k3extra = 0;
        for (int kk = maxk; kk > 0; kk--) {
            double ksquared = (double) kk * kk;
            double qpower = Math.pow(q, ksquared);
            double kspi = Math.PI * kk;
            k2extra += ksquared * qpower;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qpower;
        }
        k[2] += k2extra * (piSquared * sqrt2Pi / (-36 * zthree));
        k[3] += k3extra * (piSquared * sqrt2Pi / (216 * zsix));
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += k[i] / Math.pow(n, i / 2.0);
        }
        return sum;
    }

    /**
     * The one-sided Smirnov survival function Prob(D+_n >= e) by the Birnbaum-Tingey sum, in logarithms: the exact
     * value SciPy's {@code special.smirnov} computes.
     */
    static double smirnov(int n, double e) {
        if (e <= 0) {
            return 1.0;
        }
        if (e >= 1) {
            return 0.0;
        }
        int last = (int) Math.floor(n * (1 - e));
        double sum = 0;
        double logNFactorial = logFactorial(n);
        for (int j = 0; j <= last; j++) {
            double a = e + (double) j / n;
            double b = 1 - a;
            if (b <= 0) {
                continue;
            }
            double logTerm = logNFactorial
                    - logFactorial(j)
                    - logFactorial(n - j)
                    + (j - 1) * Math.log(a)
                    + (n - j) * Math.log(b);
            sum += Math.exp(logTerm);
        }
        return sum * e;
    }

    private static double logFactorial(int k) {
        return Gamma.logGamma(k + 1.0);
    }
}
