package io.github.mlmaven.training;

import io.github.mlmaven.weka.WekaInternals;
import java.util.Arrays;
import weka.classifiers.Classifier;
import weka.classifiers.functions.Logistic;
import weka.core.Instances;
import weka.core.Optimization;
import weka.core.Utils;

/**
 * Builds Weka's own {@link Logistic} with its likelihood and gradient computed on every core: the two thirds of the
 * build that Weka spends in them, once per step of its quasi-Newton search, over every row. The result is Weka's, bit
 * for bit: each row's term is computed with Weka's operations on whichever thread, and the terms are then summed in
 * row order, the likelihood's on one thread, each gradient element's on the thread that owns the element. The filters'
 * effect ({@link LogisticDesign}: computed from the rows without their copies where that is proven the same, Weka's
 * filters otherwise), the standardisation and the search itself ({@link Optimization}, BFGS) are Weka's, in Weka's
 * order.
 *
 * <p>The model is a plain {@code Logistic}: Weka's GUI, CLI and the runtime load it as any other. Its fields are set
 * through {@link WekaInternals} ({@link #supports} is false when they are missing); the steps below follow Weka 3.8.7's
 * {@code Logistic.buildClassifier}, and Weka is GPL-3.0 like this project. Conjugate gradient descent (option -C) is
 * left to Weka.
 */
final class ParallelLogistic implements FitStrategy {
    private final WekaInternals internals;
    private final FitTuning tuning;

    ParallelLogistic(WekaInternals internals, FitTuning tuning) {
        this.internals = internals;
        this.tuning = tuning;
    }

    /**
     * True for exactly {@code Logistic} with BFGS, on enough Weka rows. One thread is enough: the matrix from the rows
     * (without the filters' copies) and the linear predictors kept for the gradient gain on one core too.
     */
    @Override
    public boolean supports(Classifier classifier, FitData data) {
        return internals.has(WekaInternals.Part.LOGISTIC)
                && classifier.getClass() == Logistic.class
                && !((Logistic) classifier).getUseConjugateGradientDescent()
                && data instanceof FitData.Rows rows
                && rows.rows().numInstances() >= tuning.logisticMinParallelRows();
    }

    /** Builds the Logistic {@code classifier} on the rows, as {@code buildClassifier} would. */
    @Override
    public void fit(Classifier classifier, FitData data) throws Exception {
        try (FitThreads parallel = new FitThreads("ml-logistic", tuning.threads())) {
            build((Logistic) classifier, data.rows(), parallel);
        }
    }

    /** Logistic.buildClassifier (Weka 3.8.7), its debug output left out. */
    private void build(Logistic model, Instances train, FitThreads parallel) throws Exception {
        // can classifier handle the data?
        model.getCapabilities().testWithFail(train);
        LogisticDesign.Result design = LogisticDesign.of(train, internals);
        Instances structure = design.structure();
        int numClasses = structure.numClasses();
        int nR = structure.numAttributes() - 1;
        LogisticMatrix matrix = design.matrix();
        boolean standardize = !model.getDoNotStandardizeAttributes();
        if (standardize) {
            matrix.standardize();
        }
        Objective objective = new Objective(matrix, numClasses, model.getRidge(), parallel);
        Optimization opt = new Search(objective);
        double[] x = minimize(model, opt, matrix.sY, nR, numClasses - 1);
        double ll = -opt.getMinFunction(); // Log-likelihood
        double[][] par = matrix.coefficients(x, numClasses - 1, standardize);
        // the data matrix is not kept, as Weka does not keep it
        internals.setLogistic(
                model,
                new WekaInternals.LogisticState(
                        design.replaceMissingValues(),
                        design.attFilter(),
                        design.nominalToBinary(),
                        structure,
                        structure.classIndex(),
                        numClasses,
                        nR,
                        par,
                        ll));
    }

    /** Logistic's search from the null model, for as many iterations as the model allows. */
    private static double[] minimize(Logistic model, Optimization opt, double[] sY, int nR, int nK) throws Exception {
        double[] x = new double[(nR + 1) * nK];
        double[][] b = new double[2][x.length]; // Boundary constraints, N/A here
        // Initialize
        for (int p = 0; p < nK; p++) {
            int offset = p * (nR + 1);
            x[offset] = Math.log(sY[p] + 1.0) - Math.log(sY[nK] + 1.0); // Null model
            b[0][offset] = Double.NaN;
            b[1][offset] = Double.NaN;
            for (int q = 1; q <= nR; q++) {
                x[offset + q] = 0.0;
                b[0][offset + q] = Double.NaN;
                b[1][offset + q] = Double.NaN;
            }
        }
        opt.setDebug(model.getDebug());
        int maxIts = model.getMaxIts();
        if (maxIts == -1) { // Search until convergence
            x = opt.findArgmin(x, b);
            while (x == null) {
                x = opt.getVarbValues();
                x = opt.findArgmin(x, b);
            }
        } else {
            opt.setMaxIteration(maxIts);
            x = opt.findArgmin(x, b);
            if (x == null) {
                x = opt.getVarbValues();
            }
        }
        return x;
    }

    /** Weka's BFGS search (Logistic's OptEng) on {@link Objective}. */
    private static final class Search extends Optimization {
        private final Objective objective;

        Search(Objective objective) {
            this.objective = objective;
        }

        @Override
        protected double objectiveFunction(double[] x) throws Exception {
            return objective.negativeLogLikelihood(x);
        }

        @Override
        protected double[] evaluateGradient(double[] x) throws Exception {
            return objective.gradient(x);
        }

        @Override
        public String getRevision() {
            return "ml-maven-plugin";
        }
    }

    /**
     * Logistic's OptObject: the ridge-penalised negative log-likelihood and its gradient. Each row's linear predictors
     * (its values times the parameters of each class but the last) are computed once per point: the search asks for
     * the gradient at the point whose likelihood it has just computed, and they are kept for it.
     */
    private static final class Objective {
        /** Rows whose linear predictors are computed together: independent sums the processor can overlap. */
        private static final int ROWS_AT_ONCE = 4;

        private final double[] data;
        private final int[] cls;
        private final double[] weights;
        private final int numClasses;
        private final int dim;
        private final double ridge;
        private final FitThreads parallel;
        /** Per row and class but the last: the row's values times that class's parameters, at {@link #dotsAt}. */
        private final double[] dots;

        private double[] dotsAt = new double[0]; // no point yet
        /** Per row: its term of the likelihood, or its terms of the gradient (one per class but the last). */
        private final double[] rowTerms;
        /**
         * Of two classes with finite values only: per row, the weight the gradient subtracts (the row's weight for a
         * row of the first class, else 0); empty otherwise.
         */
        private final double[] classWeights;

        Objective(LogisticMatrix matrix, int numClasses, double ridge, FitThreads parallel) {
            this.data = matrix.data;
            this.cls = matrix.y;
            this.weights = matrix.weights;
            this.numClasses = numClasses;
            this.dim = matrix.dim;
            this.ridge = ridge;
            this.parallel = parallel;
            int terms = cls.length * Math.max(1, numClasses - 1);
            this.dots = new double[terms];
            this.rowTerms = new double[terms];
            this.classWeights = numClasses == 2 && allFinite(data) ? classWeights(cls, weights) : new double[0];
        }

        private static boolean allFinite(double[] values) {
            for (double value : values) {
                if (!Double.isFinite(value)) {
                    return false;
                }
            }
            return true;
        }

        /** Per row, its weight if it is of the first class, else 0: what the gradient subtracts. */
        private static double[] classWeights(int[] cls, double[] weights) {
            double[] classWeights = new double[cls.length];
            for (int i = 0; i < cls.length; i++) {
                classWeights[i] = cls[i] == 0 ? weights[i] : 0;
            }
            return classWeights;
        }

        /** Computes the logarithm of x plus y given the logarithms of x and y (Logistic's logOfSum). */
        private static double logOfSum(double logOfX, double logOfY) {
            // Check for cases where log of zero is present
            if (Double.isNaN(logOfX)) {
                return logOfY;
            }
            if (Double.isNaN(logOfY)) {
                return logOfX;
            }
            // Otherwise return proper result, taken care of overflows
            if (logOfX > logOfY) {
                return logOfX + Math.log(1 + Math.exp(logOfY - logOfX));
            } else {
                return logOfY + Math.log(1 + Math.exp(logOfX - logOfY));
            }
        }

        /**
         * The linear predictors of rows [from, to) at {@code x}: each summed from 0 over the row's values in column
         * order, as Weka sums it, {@link #ROWS_AT_ONCE} rows side by side.
         */
        private void computeDots(double[] x, int from, int to) {
            int nK = numClasses - 1;
            for (int offset = 0; offset < nK; offset++) {
                int index = offset * dim;
                int i = from;
                for (; i + ROWS_AT_ONCE <= to; i += ROWS_AT_ONCE) {
                    int b0 = i * dim;
                    int b1 = b0 + dim;
                    int b2 = b1 + dim;
                    int b3 = b2 + dim;
                    double e0 = 0.0;
                    double e1 = 0.0;
                    double e2 = 0.0;
                    double e3 = 0.0;
                    for (int j = 0; j < dim; j++) {
                        double p = x[index + j];
                        e0 += data[b0 + j] * p;
                        e1 += data[b1 + j] * p;
                        e2 += data[b2 + j] * p;
                        e3 += data[b3 + j] * p;
                    }
                    dots[i * nK + offset] = e0;
                    dots[(i + 1) * nK + offset] = e1;
                    dots[(i + 2) * nK + offset] = e2;
                    dots[(i + 3) * nK + offset] = e3;
                }
                for (; i < to; i++) {
                    int base = i * dim;
                    double exp = 0.0;
                    for (int j = 0; j < dim; j++) {
                        exp += data[base + j] * x[index + j];
                    }
                    dots[i * nK + offset] = exp;
                }
            }
        }

        /**
         * The gradient's row terms of two classes, Weka's operations on its array of one element without the array:
         * the maximum is the row's only linear predictor, and {@code Utils.normalize} divides by the sum unless that
         * is not a number or zero, where it is called to fail as it fails.
         */
        private void twoClassRowTerms(int from, int to) {
            for (int i = from; i < to; i++) {
                double max = dots[i];
                double denom = Math.exp(-max); // Denominator of [-log(1+sum(exp))]'
                double num = Math.exp(dots[i] - max);
                denom += num;
                if (Double.isNaN(denom) || denom == 0) {
                    Utils.normalize(new double[] {num}, denom);
                }
                rowTerms[i] = weights[i] * (num / denom);
            }
        }

        /**
         * The gradient's sums of two classes for the elements [fromQ, toQ): per row, the row term times the value
         * added, then the row's class weight times the value subtracted, with neither test nor branch. For a row not
         * of the first class the weight is 0, and subtracting 0 times a finite value leaves a sum unchanged: a sum
         * started at +0.0 is never -0.0 (the only sum that subtracting -0.0 would change), as adding or subtracting
         * numbers only gives -0.0 from -0.0. Taken only when every value is finite ({@link #classWeights}).
         */
        private void twoClassSums(int fromQ, int toQ, double[] sums) {
            double[] classWeight = classWeights;
            for (int i = 0; i < cls.length; i++) {
                int base = i * dim;
                double firstTerm = rowTerms[i];
                double weight = classWeight[i];
                for (int q = fromQ; q < toQ; q++) {
                    double value = data[base + q];
                    sums[q] = sums[q] + firstTerm * value - weight * value;
                }
            }
        }

        double negativeLogLikelihood(double[] x) throws Exception {
            int n = cls.length;
            int nK = numClasses - 1;
            parallel.run(t -> {
                int from = parallel.from(t, n);
                int to = parallel.from(t + 1, n);
                computeDots(x, from, to);
                for (int i = from; i < to; i++) {
                    double num = 0;
                    if (cls[i] < nK) { // Class of this instance
                        num = dots[i * nK + cls[i]];
                    }
                    double denom = 0;
                    for (int offset = 0; offset < nK; offset++) {
                        denom = logOfSum(denom, dots[i * nK + offset]);
                    }
                    rowTerms[i] = weights[i] * (num - denom);
                }
            });
            dotsAt = x.clone();
            double nll = 0; // -LogLikelihood
            for (int i = 0; i < n; i++) {
                nll -= rowTerms[i]; // Weighted NLL, in row order as Weka sums it
            }
            // Ridge: note that intercepts NOT included
            for (int offset = 0; offset < nK; offset++) {
                for (int r = 1; r < dim; r++) {
                    nll += ridge * x[offset * dim + r] * x[offset * dim + r];
                }
            }
            return nll;
        }

        double[] gradient(double[] x) throws Exception {
            int n = cls.length;
            int nK = numClasses - 1;
            boolean known = Arrays.equals(x, dotsAt);
            // each row's first terms, on all threads
            parallel.run(t -> {
                int from = parallel.from(t, n);
                int to = parallel.from(t + 1, n);
                if (!known) {
                    computeDots(x, from, to);
                }
                if (nK == 1) {
                    twoClassRowTerms(from, to);
                    return;
                }
                double[] num = new double[nK]; // numerator of [-log(1+sum(exp))]'
                for (int i = from; i < to; i++) {
                    System.arraycopy(dots, i * nK, num, 0, nK);
                    double max = num[Utils.maxIndex(num)];
                    double denom = Math.exp(-max); // Denominator of [-log(1+sum(exp))]'
                    for (int offset = 0; offset < nK; offset++) {
                        num[offset] = Math.exp(num[offset] - max);
                        denom += num[offset];
                    }
                    Utils.normalize(num, denom);
                    for (int offset = 0; offset < nK; offset++) {
                        rowTerms[i * nK + offset] = weights[i] * num[offset];
                    }
                }
            });
            dotsAt = x.clone();
            // each gradient element summed over the rows in row order, the elements shared among the threads; each
            // thread sums into an array of its own and copies its elements out at the end: threads writing to
            // neighbouring elements of one array would share a cache line at the boundary, on every row (false
            // sharing), which made the build a third slower or not depending on where the array happened to lie.
            // An element's row term is added, then, for a row of its class, the row's weighted value subtracted:
            // Weka's two operations in its order, in one pass
            double[] grad = new double[x.length];
            parallel.run(t -> {
                int fromQ = parallel.from(t, dim);
                int toQ = parallel.from(t + 1, dim);
                double[] sums = new double[x.length];
                if (classWeights.length > 0) {
                    twoClassSums(fromQ, toQ, sums);
                    System.arraycopy(sums, fromQ, grad, fromQ, toQ - fromQ);
                    return;
                }
                for (int i = 0; i < n; i++) {
                    int base = i * dim;
                    for (int offset = 0; offset < nK; offset++) { // Which part of x
                        int index = offset * dim;
                        double firstTerm = rowTerms[i * nK + offset];
                        if (cls[i] == offset) {
                            double weight = weights[i];
                            for (int q = fromQ; q < toQ; q++) {
                                double value = data[base + q];
                                double sum = sums[index + q] + firstTerm * value;
                                sums[index + q] = sum - weight * value;
                            }
                        } else {
                            for (int q = fromQ; q < toQ; q++) {
                                sums[index + q] += firstTerm * data[base + q];
                            }
                        }
                    }
                }
                for (int offset = 0; offset < nK; offset++) {
                    int index = offset * dim;
                    System.arraycopy(sums, index + fromQ, grad, index + fromQ, toQ - fromQ);
                }
            });
            // Ridge: note that intercepts NOT included
            for (int offset = 0; offset < nK; offset++) {
                for (int r = 1; r < dim; r++) {
                    grad[offset * dim + r] += 2 * ridge * x[offset * dim + r];
                }
            }
            return grad;
        }
    }
}
