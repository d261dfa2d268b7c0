package io.github.mlmaven.training;

import weka.core.Instance;
import weka.core.Instances;

/**
 * Logistic's data matrix as its search reads it: per row an intercept column of 1 and then the predictors, with the
 * rows' classes and weights and the predictors' weighted means and standard deviations, as Weka 3.8.7's
 * {@code Logistic.buildClassifier} extracts them from its filtered rows. The values are kept in one array, row after
 * row, rather than in Weka's array per row: a fifth less memory, and a row's values next to the following row's.
 */
final class LogisticMatrix {
    /** The rows' values, {@link #dim} per row: {@code data[i * dim + j]} is Weka's {@code m_Data[i][j]}. */
    final double[] data;
    /** Values per row: the intercept column and the predictors. */
    final int dim;

    final int[] y; // Class labels
    final double[] weights; // Weights of instances
    final double[] xMean; // Attribute means
    final double[] xSD; // Attribute stddev's
    final double[] sY; // Number of classes
    private double totWeights; // Total weights of the instances

    LogisticMatrix(int nC, int nR, int numClasses) {
        dim = nR + 1;
        data = new double[Math.multiplyExact(nC, dim)];
        y = new int[nC];
        weights = new double[nC];
        xMean = new double[dim];
        xSD = new double[dim];
        sY = new double[numClasses];
    }

    /** The rows of the filtered {@code train}, as Logistic extracts them. */
    static LogisticMatrix of(Instances train) throws Exception {
        int classIndex = train.classIndex();
        int nR = train.numAttributes() - 1;
        int nC = train.numInstances();
        LogisticMatrix m = new LogisticMatrix(nC, nR, train.numClasses());
        for (int i = 0; i < nC; i++) {
            Instance current = train.instance(i);
            double weight = current.weight();
            int base = m.startRow(i, (int) current.classValue(), weight);
            int j = 1;
            for (int k = 0; k <= nR; k++) {
                if (k != classIndex) {
                    m.set(base, j, current.value(k), weight);
                    j++;
                }
            }
        }
        m.finishRows();
        return m;
    }

    int rows() {
        return y.length;
    }

    /** Starts row {@code i} (its intercept, class and weight) and returns where its values start in {@link #data}. */
    int startRow(int i, int cls, double weight) {
        y[i] = cls; // Class value starts from 0
        weights[i] = weight; // Dealing with weights
        totWeights += weight;
        sY[cls]++; // Class count
        int base = i * dim;
        data[base] = 1;
        return base;
    }

    /**
     * Sets predictor {@code j} of the row starting at {@code base}, of weight {@code weight}, adding it to the sums of
     * the predictor's mean and SD.
     */
    void set(int base, int j, double x, double weight) {
        data[base + j] = x;
        xMean[j] += weight * x;
        xSD[j] += weight * x * x;
    }

    /** The means and standard deviations from their sums, once every row is set. */
    void finishRows() throws Exception {
        int nC = rows();
        if ((totWeights <= 1) && (nC > 1)) {
            throw new Exception("Sum of weights of instances less than 1, please reweight!");
        }
        xMean[0] = 0;
        xSD[0] = 1;
        for (int j = 1; j < dim; j++) {
            xMean[j] = xMean[j] / totWeights;
            if (totWeights > 1) {
                xSD[j] = Math.sqrt(Math.abs(xSD[j] - totWeights * xMean[j] * xMean[j]) / (totWeights - 1));
            } else {
                xSD[j] = 0;
            }
        }
    }

    /** Normalise input data. */
    void standardize() {
        for (int base = 0; base < data.length; base += dim) {
            for (int j = 0; j < dim; j++) {
                if (xSD[j] != 0) {
                    data[base + j] = (data[base + j] - xMean[j]) / xSD[j];
                }
            }
        }
    }

    /** The optimized parameter values, per predictor and class, in attribute units. */
    double[][] coefficients(double[] x, int nK, boolean standardized) {
        int nR = dim - 1;
        double[][] par = new double[nR + 1][nK];
        for (int i = 0; i < nK; i++) {
            par[0][i] = x[i * (nR + 1)];
            for (int j = 1; j <= nR; j++) {
                par[j][i] = x[i * (nR + 1) + j];
                if (standardized) {
                    // Convert coefficients back to non-normalized attribute units
                    if (xSD[j] != 0) {
                        par[j][i] /= xSD[j];
                        par[0][i] -= par[j][i] * xMean[j];
                    }
                }
            }
        }
        return par;
    }
}
