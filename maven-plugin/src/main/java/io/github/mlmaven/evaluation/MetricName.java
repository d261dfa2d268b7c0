package io.github.mlmaven.evaluation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The metrics the plugin reports and gates on, named exactly as in thresholds and JSON. Each knows which class type it
 * applies to, whether higher is better, and the range a threshold on it must lie in.
 */
public enum MetricName {
    ACCURACY("accuracy", ClassType.NOMINAL, true, 0, 1),
    PRECISION("precision", ClassType.NOMINAL, true, 0, 1),
    RECALL("recall", ClassType.NOMINAL, true, 0, 1),
    F1("f1", ClassType.NOMINAL, true, 0, 1),
    ROC_AUC("rocAuc", ClassType.NOMINAL, true, 0, 1),
    PR_AUC("prAuc", ClassType.NOMINAL, true, 0, 1),
    MCC("mcc", ClassType.NOMINAL, true, -1, 1),
    KAPPA("kappa", ClassType.NOMINAL, true, -1, 1),
    RMSE("rmse", ClassType.NUMERIC, false, 0, Double.POSITIVE_INFINITY),
    MAE("mae", ClassType.NUMERIC, false, 0, Double.POSITIVE_INFINITY),
    R2("r2", ClassType.NUMERIC, true, Double.NEGATIVE_INFINITY, 1),
    CORRELATION("correlation", ClassType.NUMERIC, true, -1, 1);

    /** Whether the class attribute is nominal (classification) or numeric (regression). */
    public enum ClassType {
        NOMINAL,
        NUMERIC;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String id;
    private final ClassType classType;
    private final boolean higherIsBetter;
    private final double min;
    private final double max;

    MetricName(String id, ClassType classType, boolean higherIsBetter, double min, double max) {
        this.id = id;
        this.classType = classType;
        this.higherIsBetter = higherIsBetter;
        this.min = min;
        this.max = max;
    }

    public String id() {
        return id;
    }

    public ClassType classType() {
        return classType;
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

    public static Optional<MetricName> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    public static List<MetricName> forClassType(ClassType type) {
        return Arrays.stream(values()).filter(m -> m.classType == type).toList();
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
}
