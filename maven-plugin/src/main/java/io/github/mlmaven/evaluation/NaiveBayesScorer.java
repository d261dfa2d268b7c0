package io.github.mlmaven.evaluation;

import java.util.Optional;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayes;
import weka.classifiers.bayes.NaiveBayesUpdateable;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.estimators.DiscreteEstimator;
import weka.estimators.Estimator;
import weka.estimators.NormalEstimator;

/**
 * Weka's {@code NaiveBayes.distributionForInstance} for a model with normal estimators, computed with the same
 * arithmetic in the same order (so the same bits) but without its garbage: Weka's error function allocates its
 * coefficient tables on every call, four arrays per numeric attribute and class and row, which on large test sets
 * is gigabytes of garbage that makes the JVM grow its heap. The error function below is Weka 3.8.7's
 * {@code weka.core.Statistics} (itself from the Cephes library) with the tables hoisted into constants; Weka is
 * GPL-3.0 like this project.
 *
 * <p>Immutable after construction, so one scorer serves any number of threads without copies of the model.
 */
public final class NaiveBayesScorer {
    private final int numClasses;
    private final int classIndex;
    private final int numAttributes;
    private final double[] classPrior;
    /** Per non-class attribute position: weight as NaiveBayes looks it up (by position, not by index). */
    private final double[] weight;
    /** Per non-class attribute position and class: mean, standard deviation and precision; null for nominal. */
    private final double[][] mean, deviation, precision;

    private final DiscreteEstimator[][] discrete;

    private NaiveBayesScorer(NaiveBayes model) {
        Instances header = model.getHeader();
        Estimator[][] estimators = model.getConditionalEstimators();
        numClasses = header.numClasses();
        classIndex = header.classIndex();
        numAttributes = header.numAttributes();
        classPrior = new double[numClasses];
        for (int j = 0; j < numClasses; j++) {
            classPrior[j] = model.getClassEstimator().getProbability(j);
        }
        int positions = estimators.length;
        weight = new double[positions];
        mean = new double[positions][];
        deviation = new double[positions][];
        precision = new double[positions][];
        discrete = new DiscreteEstimator[positions][];
        for (int k = 0; k < positions; k++) {
            weight[k] = header.attribute(k).weight();
            if (estimators[k][0] instanceof NormalEstimator) {
                mean[k] = new double[numClasses];
                deviation[k] = new double[numClasses];
                precision[k] = new double[numClasses];
                for (int j = 0; j < numClasses; j++) {
                    NormalEstimator e = (NormalEstimator) estimators[k][j];
                    mean[k][j] = e.getMean();
                    deviation[k][j] = e.getStdDev();
                    precision[k][j] = e.getPrecision();
                }
            } else {
                discrete[k] = new DiscreteEstimator[numClasses];
                for (int j = 0; j < numClasses; j++) {
                    discrete[k][j] = (DiscreteEstimator) estimators[k][j];
                }
            }
        }
    }

    /**
     * A scorer for exactly {@code NaiveBayes} or {@code NaiveBayesUpdateable} (which scores as NaiveBayes does) with
     * normal or discrete estimators; empty for anything else.
     */
    public static Optional<NaiveBayesScorer> of(Classifier model) {
        if (model.getClass() != NaiveBayes.class && model.getClass() != NaiveBayesUpdateable.class) {
            return Optional.empty();
        }
        NaiveBayes nb = (NaiveBayes) model;
        if (nb.getUseKernelEstimator()
                || nb.getUseSupervisedDiscretization()
                || nb.getConditionalEstimators() == null) {
            return Optional.empty();
        }
        for (Estimator[] perClass : nb.getConditionalEstimators()) {
            for (Estimator e : perClass) {
                if (e.getClass() != NormalEstimator.class && e.getClass() != DiscreteEstimator.class) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new NaiveBayesScorer(nb));
    }

    /** The class distribution for {@code row}, bit for bit what NaiveBayes.distributionForInstance returns. */
    public double[] distribution(Instance row) throws Exception {
        double[] probs = classPrior.clone();
        int position = 0;
        for (int a = 0; a < numAttributes; a++) {
            if (a == classIndex) {
                continue;
            }
            double value = row.value(a);
            if (!Utils.isMissingValue(value)) {
                double max = 0;
                for (int j = 0; j < numClasses; j++) {
                    double p = mean[position] != null
                            ? normalProbabilityOf(
                                    value, mean[position][j], deviation[position][j], precision[position][j])
                            : discrete[position][j].getProbability(value);
                    // Math.pow(p, 1.0) is p exactly (as the Javadoc of Math.pow guarantees), so skip the call then
                    double w = weight[position];
                    double temp = Math.max(1e-75, w == 1.0 ? p : Math.pow(p, w));
                    probs[j] *= temp;
                    if (probs[j] > max) {
                        max = probs[j];
                    }
                    if (Double.isNaN(probs[j])) {
                        throw new Exception("NaN returned from estimator for attribute "
                                + row.attribute(a).name());
                    }
                }
                if ((max > 0) && (max < 1e-75)) { // as Weka: danger of underflow
                    for (int j = 0; j < numClasses; j++) {
                        probs[j] *= 1e75;
                    }
                }
            }
            position++;
        }
        Utils.normalize(probs);
        return probs;
    }

    /** NormalEstimator.getProbability. */
    static double normalProbabilityOf(double data, double mean, double deviation, double precision) {
        data = Math.rint(data / precision) * precision;
        double zLower = (data - mean - (precision / 2)) / deviation;
        double zUpper = (data - mean + (precision / 2)) / deviation;
        double pLower = normalProbability(zLower);
        double pUpper = normalProbability(zUpper);
        return (pUpper - pLower) / precision;
    }

    // ---- weka.core.Statistics 3.8.7, tables hoisted

    private static final double MAXLOG = 7.09782712893383996732E2;
    private static final double SQRTH = 7.07106781186547524401E-1;
    private static final double[] T = {
        9.60497373987051638749E0,
        9.00260197203842689217E1,
        2.23200534594684319226E3,
        7.00332514112805075473E3,
        5.55923013010394962768E4
    };
    private static final double[] U = {
        3.35617141647503099647E1,
        5.21357949780152679795E2,
        4.59432382970980127987E3,
        2.26290000613890934246E4,
        4.92673942608635921086E4
    };
    private static final double[] P = {
        2.46196981473530512524E-10, 5.64189564831068821977E-1, 7.46321056442269912687E0, 4.86371970985681366614E1,
        1.96520832956077098242E2, 5.26445194995477358631E2, 9.34528527171957607540E2, 1.02755188689515710272E3,
        5.57535335369399327526E2
    };
    private static final double[] Q = {
        1.32281951154744992508E1, 8.67072140885989742329E1, 3.54937778887819891062E2, 9.75708501743205489753E2,
        1.82390916687909736289E3, 2.24633760818710981792E3, 1.65666309194161350182E3, 5.57535340817727675546E2
    };
    private static final double[] R = {
        5.64189583547755073984E-1,
        1.27536670759978104416E0,
        5.01905042251180477414E0,
        6.16021097993053585195E0,
        7.40974269950448939160E0,
        2.97886665372100240670E0
    };
    private static final double[] S = {
        2.26052863220117276590E0,
        9.39603524938001434673E0,
        1.20489539808096656605E1,
        1.70814450747565897222E1,
        9.60896809063285878198E0,
        3.36907645100081516050E0
    };

    /**
     * Weka's {@code Statistics.normalProbability}, with its error functions unfolded: for this call they never
     * recurse into each other ({@code errorFunction} only sees |x| below 1, {@code errorFunctionComplemented} only a
     * positive argument), so the same operations run in the same order without the recursion, which the JIT compiles
     * in less time.
     */
    static double normalProbability(double a) {
        double x = a * SQRTH;
        double z = Math.abs(x);
        double y;
        if (z < SQRTH) {
            y = 0.5 + 0.5 * errorFunctionBelowOne(x);
        } else {
            y = 0.5 * (z < 1.0 ? 1.0 - errorFunctionBelowOne(z) : errorFunctionComplementedFromOne(z));
            if (x > 0) {
                y = 1.0 - y;
            }
        }
        return y;
    }

    /** {@code Statistics.errorFunction(x)} for |x| <= 1. */
    static double errorFunctionBelowOne(double x) {
        double z = x * x;
        return x * polevl(z, T) / p1evl(z, U);
    }

    /** {@code Statistics.errorFunctionComplemented(x)} for x >= 1. */
    static double errorFunctionComplementedFromOne(double x) {
        double z = -x * x;
        if (z < -MAXLOG) {
            return 0.0;
        }
        z = Math.exp(z);
        double y = x < 8.0 ? (z * polevl(x, P)) / p1evl(x, Q) : (z * polevl(x, R)) / p1evl(x, S);
        return y == 0.0 ? 0.0 : y;
    }

    /** Weka's {@code polevl(x, coef, coef.length - 1)}: Horner's rule from the highest coefficient. */
    private static double polevl(double x, double[] coef) {
        double ans = coef[0];
        for (int i = 1; i < coef.length; i++) {
            ans = ans * x + coef[i];
        }
        return ans;
    }

    /** Weka's {@code p1evl(x, coef, coef.length)}: the same with a leading coefficient of 1. */
    private static double p1evl(double x, double[] coef) {
        double ans = x + coef[0];
        for (int i = 1; i < coef.length; i++) {
            ans = ans * x + coef[i];
        }
        return ans;
    }
}
