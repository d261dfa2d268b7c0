package io.github.mlmaven.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The metrics the plugin reports and gates on, each defined once: its name (as in thresholds and JSON), the class type
 * and classes it covers, whether higher is better, the range a threshold on it must lie in, whether it is one of the
 * key metrics the history lists and charts show, how it is computed and what the documentation says about it. The
 * evaluation engines only fill a {@link MetricCounts}; every figure is computed here from it, with Weka's formulas
 * (operations in Weka's order, so that the figures equal Weka's bit for bit). The declaration order is the order of
 * {@code validation.json}, the log and {@code summary.md}. docs/goals.md's metrics table is generated from these
 * definitions ({@code MetricsDocTest}).
 */
public enum MetricName {
    ACCURACY(
            "accuracy",
            Scope.ALL_CLASSES,
            true,
            0,
            1,
            1,
            c -> MetricCounts.defined(100 * c.sums().correct() / c.sums().withClass() / 100.0),
            "`pctCorrect() / 100`: the weighted share of evaluated rows with a known class that were classified"
                    + " correctly"),
    PRECISION(
            "precision",
            Scope.POSITIVE_CLASS,
            true,
            0,
            1,
            3,
            c -> c.precision(c.positiveIndex()),
            "`precision(p)` = TP / (TP + FP); `null` when TP + FP = 0 (nothing was predicted positive). Weka itself"
                    + " reports 0 there."),
    RECALL(
            "recall",
            Scope.POSITIVE_CLASS,
            true,
            0,
            1,
            2,
            c -> c.recall(c.positiveIndex()),
            "`recall(p)` = TP / (TP + FN); `null` when TP + FN = 0 (no row of the positive class was evaluated)"),
    F1(
            "f1",
            Scope.POSITIVE_CLASS,
            true,
            0,
            1,
            4,
            c -> c.f1(c.positiveIndex()),
            "`fMeasure(p)` = 2·precision·recall / (precision + recall), 0 when both are 0; `null` when precision or"
                    + " recall is `null`"),
    ROC_AUC(
            "rocAuc",
            Scope.POSITIVE_CLASS,
            true,
            0,
            1,
            5,
            c -> MetricCounts.defined(c.rocArea()),
            "`areaUnderROC(p)`; `null` when Weka gives NaN (no positive or no negative rows)"),
    PR_AUC(
            "prAuc",
            Scope.POSITIVE_CLASS,
            true,
            0,
            1,
            6,
            c -> MetricCounts.defined(c.prArea()),
            "`areaUnderPRC(p)`; `null` when Weka gives NaN or a missing value (an area of 0, e.g. no positive rows)"),
    MCC(
            "mcc",
            Scope.POSITIVE_CLASS,
            true,
            -1,
            1,
            7,
            MetricName::mcc,
            "`matthewsCorrelationCoefficient(p)`, one-vs-rest; `null` when a row or column of the 2×2 table is empty"
                    + " (e.g. nothing predicted positive)"),
    KAPPA(
            "kappa",
            Scope.ALL_CLASSES,
            true,
            -1,
            1,
            0,
            MetricName::kappa,
            "`kappa()`: Cohen's kappa over all classes. Weka returns 1 when chance agreement is 1."),
    BALANCED_ACCURACY(
            "balancedAccuracy",
            Scope.ALL_CLASSES,
            true,
            0,
            1,
            0,
            MetricName::balancedAccuracy,
            "the mean of `recall(c)` over the classes `c` with rows (TP / (TP + FN) of each), as scikit-learn's"
                    + " `balanced_accuracy_score`; for two classes (TPR + TNR) / 2. Unlike `accuracy`, a model that"
                    + " always predicts the majority class scores 1 / (number of classes). `null` when no row was"
                    + " evaluated."),
    SPECIFICITY(
            "specificity",
            Scope.POSITIVE_CLASS,
            true,
            0,
            1,
            0,
            MetricName::specificity,
            "TN / (TN + FP) of the positive class: the recall of the other classes taken together (one-vs-rest,"
                    + " as `recall`; for two classes the recall of the negative class); `null` when TN + FP = 0 (no"
                    + " row of another class was evaluated)"),
    RMSE(
            "rmse",
            Scope.NUMERIC,
            false,
            0,
            Double.POSITIVE_INFINITY,
            8,
            c -> MetricCounts.defined(Math.sqrt(
                    c.sums().sumSqrErr() / (c.sums().withClass() - c.sums().unclassified()))),
            "`rootMeanSquaredError()`"),
    MAE(
            "mae",
            Scope.NUMERIC,
            false,
            0,
            Double.POSITIVE_INFINITY,
            9,
            c -> MetricCounts.defined(
                    c.sums().sumAbsErr() / (c.sums().withClass() - c.sums().unclassified())),
            "`meanAbsoluteError()`"),
    R2(
            "r2",
            Scope.NUMERIC,
            true,
            Double.NEGATIVE_INFINITY,
            1,
            10,
            c -> c.r2Merged() ? c.mergedR2() : r2(c),
            "`1 − SSE/SST` over the evaluated rows' predictions (from `Evaluation.predictions()`, weighted, skipping"
                    + " rows whose actual or predicted value is missing), with SST taken around the **mean of the"
                    + " evaluated rows' actual values**. This is the usual coefficient of determination, as in"
                    + " scikit-learn's `r2_score`. For `cv`, the predictions of all folds are pooled. `null` when SST = 0"
                    + " (all actual values equal)."),
    CORRELATION(
            "correlation",
            Scope.NUMERIC,
            true,
            -1,
            1,
            0,
            MetricName::correlation,
            "`correlationCoefficient()`. Weka returns 0 (not `null`) when the actual or the predicted values have no"
                    + " variance.");

    /** Whether the class attribute is nominal (classification) or numeric (regression). */
    public enum ClassType {
        NOMINAL,
        NUMERIC;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The class type a model card records ({@code numeric}, else nominal). */
        public static ClassType of(String cardClassType) {
            return NUMERIC.jsonName().equals(cardClassType) ? NUMERIC : NOMINAL;
        }
    }

    /** Which classes a metric covers. */
    public enum Scope {
        /** The positive class against all other classes (one-vs-rest), so also for more than two classes. */
        POSITIVE_CLASS(ClassType.NOMINAL),
        /** Every class of a nominal class. */
        ALL_CLASSES(ClassType.NOMINAL),
        /** A numeric class. */
        NUMERIC(ClassType.NUMERIC);

        private final ClassType classType;

        Scope(ClassType classType) {
            this.classType = classType;
        }

        public ClassType classType() {
            return classType;
        }
    }

    /** A metric's value on what an engine counted; null when it is undefined on the data. */
    @FunctionalInterface
    interface Computation {
        Double of(MetricCounts counts);
    }

    private final String id;
    private final Scope scope;
    private final boolean higherIsBetter;
    private final double min;
    private final double max;
    private final int keyRank;
    private final Computation computation;
    private final String documentation;

    MetricName(
            String id,
            Scope scope,
            boolean higherIsBetter,
            double min,
            double max,
            int keyRank,
            Computation computation,
            String documentation) {
        this.id = id;
        this.scope = scope;
        this.higherIsBetter = higherIsBetter;
        this.min = min;
        this.max = max;
        this.keyRank = keyRank;
        this.computation = computation;
        this.documentation = documentation;
    }

    public String id() {
        return id;
    }

    public ClassType classType() {
        return scope.classType();
    }

    public Scope scope() {
        return scope;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** How the metric is computed, in the words of docs/goals.md's metrics table ({@code p}: the positive class). */
    public String documentation() {
        return documentation;
    }

    /** The metric's value on what an engine counted; null when undefined on the data. */
    Double valueOf(MetricCounts counts) {
        return computation.of(counts);
    }

    public static Optional<MetricName> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    public static List<MetricName> forClassType(ClassType type) {
        return Arrays.stream(values()).filter(m -> m.classType() == type).toList();
    }

    /**
     * The metrics a short summary shows (the registry's history lines, the report's history chart), most telling first;
     * each summary takes the first few that have a value. Kappa and correlation are left out: they say what mcc and r2
     * say.
     */
    public static List<String> keyMetrics() {
        return Arrays.stream(values())
                .filter(m -> m.keyRank > 0)
                .sorted(Comparator.comparingInt(m -> m.keyRank))
                .map(MetricName::id)
                .toList();
    }

    /** " (did you mean recall?)" for a misspelt metric name, or nothing when no name is close. */
    public static String didYouMean(String name) {
        return io.github.mlmaven.common.ClosestName.to(
                        name.strip(),
                        Arrays.stream(values()).map(MetricName::id).toList())
                .map(id -> " (did you mean " + id + "?)")
                .orElse("");
    }

    public static String allIds() {
        return String.join(", ", Arrays.stream(values()).map(MetricName::id).toList());
    }

    /** Weka's {@code matthewsCorrelationCoefficient(p)}. */
    private static Double mcc(MetricCounts c) {
        int p = c.positiveIndex();
        double tp = c.truePositives(p);
        double tn = c.trueNegatives(p);
        double fp = c.falsePositives(p);
        double fn = c.falseNegatives(p);
        double numerator = tp * tn - fp * fn;
        double denominator = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn);
        return MetricCounts.defined(numerator / Math.sqrt(denominator));
    }

    /** The mean recall of the classes that have rows (scikit-learn's balanced_accuracy_score). */
    private static Double balancedAccuracy(MetricCounts c) {
        double sum = 0;
        int classes = 0;
        for (int k = 0; k < c.numClasses(); k++) {
            Double recall = c.recall(k);
            if (recall != null) {
                sum += recall;
                classes++;
            }
        }
        return classes == 0 ? null : MetricCounts.defined(sum / classes);
    }

    /** TN / (TN + FP) of the positive class, one-vs-rest: Weka's {@code trueNegativeRate(p)}. */
    private static Double specificity(MetricCounts c) {
        int p = c.positiveIndex();
        return c.trueNegatives(p) + c.falsePositives(p) == 0
                ? null
                : MetricCounts.defined(c.trueNegatives(p) / c.negatives(p));
    }

    /** Weka's {@code kappa()}. */
    private static Double kappa(MetricCounts c) {
        int n = c.numClasses();
        double[] sumRows = new double[n];
        double[] sumColumns = new double[n];
        double sumOfWeights = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sumRows[i] += c.cell(i, j);
                sumColumns[j] += c.cell(i, j);
                sumOfWeights += c.cell(i, j);
            }
        }
        double correct = 0;
        double chanceAgreement = 0;
        for (int i = 0; i < n; i++) {
            chanceAgreement += sumRows[i] * sumColumns[i];
            correct += c.cell(i, i);
        }
        chanceAgreement /= sumOfWeights * sumOfWeights;
        correct /= sumOfWeights;
        return MetricCounts.defined(chanceAgreement < 1 ? (correct - chanceAgreement) / (1 - chanceAgreement) : 1);
    }

    /** Weka's {@code correlationCoefficient()}. */
    private static Double correlation(MetricCounts c) {
        MetricCounts.Sums s = c.sums();
        double classified = s.withClass() - s.unclassified();
        double varActual = s.sumSqrClass() - s.sumClass() * s.sumClass() / classified;
        double varPredicted = s.sumSqrPredicted() - s.sumPredicted() * s.sumPredicted() / classified;
        double varProd = s.sumClassPredicted() - s.sumClass() * s.sumPredicted() / classified;
        double correlation = varActual * varPredicted <= 0 ? 0.0 : varProd / Math.sqrt(varActual * varPredicted);
        return MetricCounts.defined(correlation);
    }

    /**
     * {@code 1 - SSE/SST} over the scored rows (those with an actual and a predicted value), weighted, with SST around
     * the weighted mean of their actual values; null without weight or when SST is 0.
     */
    private static Double r2(MetricCounts c) {
        ScoredRows rows = c.scores();
        int n = rows.size();
        double sumW = 0;
        double sumY = 0;
        for (int i = 0; i < n; i++) {
            sumW += rows.weight(i);
            sumY += rows.weight(i) * rows.actual(i);
        }
        if (sumW == 0) {
            return null;
        }
        double mean = sumY / sumW;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            double w = rows.weight(i);
            double error = rows.actual(i) - rows.predicted(i);
            sse += w * error * error;
            sst += w * (rows.actual(i) - mean) * (rows.actual(i) - mean);
        }
        return sst == 0 ? null : 1 - sse / sst;
    }
}
