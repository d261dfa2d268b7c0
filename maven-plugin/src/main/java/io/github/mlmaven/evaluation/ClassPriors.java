package io.github.mlmaven.evaluation;

import java.io.Serializable;
import java.util.Arrays;
import weka.core.Instance;
import weka.core.Instances;

/**
 * What Weka's {@code Evaluation.setPriors(rows)} takes from a whole set of rows, as counts that partitions of it can
 * sum: for a nominal class the weight of each class, for a numeric class the weight, the weighted sum of the class
 * values and their range. Rows without a class are left out, as Weka leaves them out.
 *
 * <p>Every partition of an evaluation must use the priors of the whole set (see {@link PartitionEvaluation}): Weka's
 * {@code AggregateableEvaluation} keeps the priors of the last evaluation it aggregates. No figure of {@link Metrics}
 * depends on them; Weka's relative errors (RAE, RRSE) do.
 *
 * @param classWeights nominal class: the weight of each class value, in the header's order; null for a numeric class
 * @param weight numeric class: the weight of the rows with a class (0 for a nominal class)
 * @param weightedSum numeric class: the sum of weight times class value (0 for a nominal class)
 * @param minTarget numeric class: the smallest class value ({@link Double#MAX_VALUE} without rows, as Weka)
 * @param maxTarget numeric class: the largest class value ({@code -Double.MAX_VALUE} without rows, as Weka)
 */
public record ClassPriors(double[] classWeights, double weight, double weightedSum, double minTarget, double maxTarget)
        implements Serializable {

    /** The priors of a nominal class from the weight of each class value, in the header's order. */
    public static ClassPriors nominal(double... classWeights) {
        return new ClassPriors(classWeights.clone(), 0, 0, 0, 0);
    }

    /** The priors of a numeric class from the training rows' weight, weighted class sum and class range. */
    public static ClassPriors numeric(double weight, double weightedSum, double minTarget, double maxTarget) {
        return new ClassPriors(null, weight, weightedSum, minTarget, maxTarget);
    }

    /** The priors of {@code rows} (their class set), summed in row order as {@code setPriors} sums them. */
    public static ClassPriors of(Instances rows) {
        if (rows.classIndex() < 0) {
            throw new IllegalArgumentException("the rows '" + rows.relationName() + "' have no class attribute");
        }
        if (rows.classAttribute().isNominal()) {
            double[] weights = new double[rows.numClasses()];
            for (Instance row : rows) {
                if (!row.classIsMissing()) {
                    weights[(int) row.classValue()] += row.weight();
                }
            }
            return new ClassPriors(weights, 0, 0, 0, 0);
        }
        double weight = 0;
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Instance row : rows) {
            if (!row.classIsMissing()) {
                double value = row.classValue();
                weight += row.weight();
                sum += value * row.weight();
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return new ClassPriors(null, weight, sum, min, max);
    }

    /** The priors of two disjoint parts of a set, this one first (how the training partitions' priors are combined). */
    public ClassPriors plus(ClassPriors other) {
        if (isNominal() != other.isNominal() || (isNominal() && classWeights.length != other.classWeights.length)) {
            throw new IllegalArgumentException("cannot add the class priors " + other + " to " + this
                    + ": they are not of the same class attribute");
        }
        if (isNominal()) {
            double[] sum = classWeights.clone();
            for (int c = 0; c < sum.length; c++) {
                sum[c] += other.classWeights[c];
            }
            return new ClassPriors(sum, 0, 0, 0, 0);
        }
        return new ClassPriors(
                null,
                weight + other.weight,
                weightedSum + other.weightedSum,
                Math.min(minTarget, other.minTarget),
                Math.max(maxTarget, other.maxTarget));
    }

    public boolean isNominal() {
        return classWeights != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassPriors p
                && Arrays.equals(classWeights, p.classWeights)
                && Double.compare(weight, p.weight) == 0
                && Double.compare(weightedSum, p.weightedSum) == 0
                && Double.compare(minTarget, p.minTarget) == 0
                && Double.compare(maxTarget, p.maxTarget) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(classWeights) + Double.hashCode(weightedSum);
    }

    @Override
    public String toString() {
        return isNominal()
                ? "ClassPriors[classWeights=" + Arrays.toString(classWeights) + "]"
                : "ClassPriors[weight=" + weight + ", weightedSum=" + weightedSum + ", min=" + minTarget + ", max="
                        + maxTarget + "]";
    }
}
