package io.github.mlmaven.training;

import io.github.mlmaven.weka.WekaInternals;
import weka.classifiers.Classifier;
import weka.classifiers.functions.Logistic;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Optimization;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

/**
 * Builds Weka's own {@link Logistic} with its likelihood and gradient computed on every core: the two thirds of the
 * build that Weka spends in them, once per step of its quasi-Newton search, over every row. The result is Weka's, bit
 * for bit: each row's term is computed with Weka's operations on whichever thread, and the terms are then summed in
 * row order, the likelihood's on one thread, each gradient element's on the thread that owns the element. The filters,
 * the standardisation and the search itself ({@link Optimization}, BFGS) are Weka's, in Weka's order.
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

    /** True for exactly {@code Logistic} with BFGS, on enough Weka rows, with more than one thread to share them. */
    @Override
    public boolean supports(Classifier classifier, FitData data) {
        return internals.has(WekaInternals.Part.LOGISTIC)
                && tuning.threads() > 1
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
        // remove instances with missing class
        train = new Instances(train);
        train.deleteWithMissingClass();
        // Replace missing values
        ReplaceMissingValues replaceMissingValues = new ReplaceMissingValues();
        replaceMissingValues.setInputFormat(train);
        train = Filter.useFilter(train, replaceMissingValues);
        // Remove useless attributes
        RemoveUseless attFilter = new RemoveUseless();
        attFilter.setInputFormat(train);
        train = Filter.useFilter(train, attFilter);
        // Transform attributes
        NominalToBinary nominalToBinary = new NominalToBinary();
        nominalToBinary.setInputFormat(train);
        train = Filter.useFilter(train, nominalToBinary);
        // Save the structure for printing the model
        Instances structure = new Instances(train, 0);
        int numClasses = train.numClasses();
        int nR = train.numAttributes() - 1;
        Matrix matrix = Matrix.of(train);
        boolean standardize = !model.getDoNotStandardizeAttributes();
        if (standardize) {
            matrix.standardize();
        }
        Objective objective =
                new Objective(matrix.data, matrix.y, matrix.weights, numClasses, nR, model.getRidge(), parallel);
        Optimization opt = new Search(objective);
        double[] x = minimize(model, opt, matrix.sY, nR, numClasses - 1);
        double ll = -opt.getMinFunction(); // Log-likelihood
        double[][] par = matrix.coefficients(x, numClasses - 1, standardize);
        // the data matrix is not kept, as Weka does not keep it
        internals.setLogistic(
                model,
                new WekaInternals.LogisticState(
                        replaceMissingValues,
                        attFilter,
                        nominalToBinary,
                        structure,
                        train.classIndex(),
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

    /** The filtered rows as Logistic's matrix: an intercept column, then the predictors; with their means and SDs. */
    private static final class Matrix {
        final double[][] data; // Data values
        final int[] y; // Class labels
        final double[] weights; // Weights of instances
        final double[] xMean; // Attribute means
        final double[] xSD; // Attribute stddev's
        final double[] sY; // Number of classes

        private Matrix(int nC, int nR, int nK) {
            data = new double[nC][nR + 1];
            y = new int[nC];
            weights = new double[nC];
            xMean = new double[nR + 1];
            xSD = new double[nR + 1];
            sY = new double[nK + 1];
        }

        static Matrix of(Instances train) throws Exception {
            int classIndex = train.classIndex();
            int nR = train.numAttributes() - 1;
            int nC = train.numInstances();
            Matrix m = new Matrix(nC, nR, train.numClasses() - 1);
            double totWeights = 0; // Total weights of the instances
            for (int i = 0; i < nC; i++) {
                // initialize X[][]
                Instance current = train.instance(i);
                m.y[i] = (int) current.classValue(); // Class value starts from 0
                m.weights[i] = current.weight(); // Dealing with weights
                totWeights += m.weights[i];
                m.data[i][0] = 1;
                int j = 1;
                for (int k = 0; k <= nR; k++) {
                    if (k != classIndex) {
                        double x = current.value(k);
                        m.data[i][j] = x;
                        m.xMean[j] += m.weights[i] * x;
                        m.xSD[j] += m.weights[i] * x * x;
                        j++;
                    }
                }
                // Class count
                m.sY[m.y[i]]++;
            }
            if ((totWeights <= 1) && (nC > 1)) {
                throw new Exception("Sum of weights of instances less than 1, please reweight!");
            }
            m.xMean[0] = 0;
            m.xSD[0] = 1;
            for (int j = 1; j <= nR; j++) {
                m.xMean[j] = m.xMean[j] / totWeights;
                if (totWeights > 1) {
                    m.xSD[j] = Math.sqrt(Math.abs(m.xSD[j] - totWeights * m.xMean[j] * m.xMean[j]) / (totWeights - 1));
                } else {
                    m.xSD[j] = 0;
                }
            }
            return m;
        }

        /** Normalise input data. */
        void standardize() {
            for (double[] row : data) {
                for (int j = 0; j < row.length; j++) {
                    if (xSD[j] != 0) {
                        row[j] = (row[j] - xMean[j]) / xSD[j];
                    }
                }
            }
        }

        /** The optimized parameter values, per predictor and class, in attribute units. */
        double[][] coefficients(double[] x, int nK, boolean standardized) {
            int nR = xMean.length - 1;
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

    /** Logistic's OptObject: the ridge-penalised negative log-likelihood and its gradient. */
    private static final class Objective {
        private final double[][] data;
        private final int[] cls;
        private final double[] weights;
        private final int numClasses;
        private final int dim;
        private final double ridge;
        private final FitThreads parallel;
        /** Per row: its term of the likelihood, or its terms of the gradient (one per class but the last). */
        private final double[] rowTerms;

        Objective(
                double[][] data,
                int[] cls,
                double[] weights,
                int numClasses,
                int nR,
                double ridge,
                FitThreads parallel) {
            this.data = data;
            this.cls = cls;
            this.weights = weights;
            this.numClasses = numClasses;
            this.dim = nR + 1;
            this.ridge = ridge;
            this.parallel = parallel;
            this.rowTerms = new double[cls.length * Math.max(1, numClasses - 1)];
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

        double negativeLogLikelihood(double[] x) throws Exception {
            int n = cls.length;
            parallel.run(t -> {
                for (int i = parallel.from(t, n); i < parallel.from(t + 1, n); i++) {
                    double[] exp = new double[numClasses - 1];
                    int index;
                    for (int offset = 0; offset < numClasses - 1; offset++) {
                        index = offset * dim;
                        for (int j = 0; j < dim; j++) {
                            exp[offset] += data[i][j] * x[index + j];
                        }
                    }
                    double num = 0;
                    if (cls[i] < numClasses - 1) { // Class of this instance
                        num = exp[cls[i]];
                    }
                    double denom = 0;
                    for (int offset = 0; offset < numClasses - 1; offset++) {
                        denom = logOfSum(denom, exp[offset]);
                    }
                    rowTerms[i] = weights[i] * (num - denom);
                }
            });
            double nll = 0; // -LogLikelihood
            for (int i = 0; i < n; i++) {
                nll -= rowTerms[i]; // Weighted NLL, in row order as Weka sums it
            }
            // Ridge: note that intercepts NOT included
            for (int offset = 0; offset < numClasses - 1; offset++) {
                for (int r = 1; r < dim; r++) {
                    nll += ridge * x[offset * dim + r] * x[offset * dim + r];
                }
            }
            return nll;
        }

        double[] gradient(double[] x) throws Exception {
            int n = cls.length;
            int nK = numClasses - 1;
            // each row's first terms, on all threads
            parallel.run(t -> {
                for (int i = parallel.from(t, n); i < parallel.from(t + 1, n); i++) {
                    double[] num = new double[nK]; // numerator of [-log(1+sum(exp))]'
                    int index;
                    for (int offset = 0; offset < nK; offset++) { // Which part of x
                        double exp = 0.0;
                        index = offset * dim;
                        for (int j = 0; j < dim; j++) {
                            exp += data[i][j] * x[index + j];
                        }
                        num[offset] = exp;
                    }
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
            // each gradient element summed over the rows in row order, the elements shared among the threads; each
            // thread sums into an array of its own and copies its elements out at the end: threads writing to
            // neighbouring elements of one array would share a cache line at the boundary, on every row (false
            // sharing), which made the build a third slower or not depending on where the array happened to lie
            double[] grad = new double[x.length];
            parallel.run(t -> {
                int fromQ = parallel.from(t, dim);
                int toQ = parallel.from(t + 1, dim);
                double[] sums = new double[x.length];
                for (int i = 0; i < n; i++) {
                    double[] row = data[i];
                    for (int offset = 0; offset < nK; offset++) { // Which part of x
                        int index = offset * dim;
                        double firstTerm = rowTerms[i * nK + offset];
                        for (int q = fromQ; q < toQ; q++) {
                            sums[index + q] += firstTerm * row[q];
                        }
                    }
                    if (cls[i] != nK) { // Not the last class
                        int index = cls[i] * dim;
                        for (int p = fromQ; p < toQ; p++) {
                            sums[index + p] -= weights[i] * row[p];
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
