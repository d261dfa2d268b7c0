package io.github.mlmaven.training;

import io.github.mlmaven.weka.WekaInternals;
import weka.estimators.Estimator;
import weka.estimators.NormalEstimator;

/**
 * Weka's {@link NormalEstimator}s of one attribute, one per class, in the state that calling {@code addValue} for
 * every row in row order leaves them in, without its per-value costs: {@code addValue} recomputes the mean and the
 * standard deviation (a square root and two divisions) after every value, though only the last ones are kept. Here
 * the three sums are accumulated with the same operations in the same order, and the mean and deviation are computed
 * once from them, as {@code addValue}'s last call computes them, so every field is bit-identical.
 *
 * <p>One case differs: {@code addValue} keeps the previous deviation when the new one is at most 1e-10 (all values of
 * the class equal so far), so the final deviation then depends on the path. For such a class, and whenever Weka's
 * private fields are missing ({@link WekaInternals}), the values are added with Weka's own {@code addValue}.
 */
final class NormalSums {
    private NormalSums() {}

    static Estimator[] estimators(
            WekaInternals internals,
            double[] values,
            int[] classes,
            double[] weights,
            int n,
            int numClasses,
            double precision) {
        double[] sumOfWeights = new double[numClasses];
        double[] sumOfValues = new double[numClasses];
        double[] sumOfSquares = new double[numClasses];
        int[] added = new int[numClasses];
        for (int i = 0; i < n; i++) {
            double value = values[i];
            double weight = weights[i];
            if (Double.isNaN(value) || weight == 0) {
                continue; // a missing value is not added; addValue ignores a zero weight
            }
            int c = classes[i];
            double rounded = Math.rint(value / precision) * precision; // NormalEstimator.round
            sumOfWeights[c] += weight;
            sumOfValues[c] += rounded * weight;
            sumOfSquares[c] += rounded * rounded * weight;
            added[c]++;
        }
        Estimator[] perClass = new Estimator[numClasses];
        for (int c = 0; c < numClasses; c++) {
            NormalEstimator estimator = new NormalEstimator(precision);
            perClass[c] = estimator;
            if (added[c] == 0) {
                continue; // no value of this class: the estimator stays as constructed
            }
            double mean = sumOfValues[c] / sumOfWeights[c];
            double deviation = Math.sqrt(Math.abs(sumOfSquares[c] - mean * sumOfValues[c]) / sumOfWeights[c]);
            if (internals.has(WekaInternals.Part.NORMAL_ESTIMATOR) && sumOfWeights[c] > 0 && deviation > 1e-10) {
                internals.setNormalEstimator(
                        estimator,
                        sumOfWeights[c],
                        sumOfValues[c],
                        sumOfSquares[c],
                        mean,
                        Math.max(precision / (2 * 3), deviation));
            } else {
                for (int i = 0; i < n; i++) {
                    if (classes[i] == c && !Double.isNaN(values[i])) {
                        estimator.addValue(values[i], weights[i]);
                    }
                }
            }
        }
        return perClass;
    }
}
