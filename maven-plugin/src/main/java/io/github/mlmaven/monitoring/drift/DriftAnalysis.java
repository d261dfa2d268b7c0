package io.github.mlmaven.monitoring.drift;

import java.util.Map;
import weka.core.Instances;

/** Compares current rows with the training data's {@link DataProfile}, with Evidently's definitions. */
public final class DriftAnalysis {
    private DriftAnalysis() {}

    /**
     * Every attribute of the profile except the class one, matched in {@code current} by name (nominal values by
     * label, not index), tested as {@code settings} says.
     */
    public static DriftReport compare(DataProfile reference, Instances current, DriftSettings settings) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The predicted class distribution of the current rows against the training labels' distribution: a categorical
     * column as Evidently tests one (chi-squared or z up to 1,000 training rows, Jensen-Shannon above).
     */
    public static ColumnDrift predictionDrift(
            DataProfile reference, Map<String, Long> predictedClassCounts, DriftSettings settings) {
        throw new UnsupportedOperationException("not yet");
    }
}
