package io.github.mlmaven.api;

import java.util.List;
import java.util.Map;

/**
 * ml:validate's settings.
 *
 * @param thresholds {@code <thresholds>}: metric to bound as written, or null
 * @param thresholdsProperty {@code -Dml.thresholds} ({@code recall>=0.8,f1>=0.7}), or null
 * @param championMaxDrop {@code <champion><maxDrop>}: metric to largest allowed drop, or null
 * @param championSignificance {@code <champion><significance>}, or null
 * @param championSkip do not compare with the production model
 * @param reportSkip do not write report.html after validating
 * @param slices {@code <slices>}, each {@code <slice>} as written; empty for none
 * @param minSliceSize {@code <minSliceSize>}, or null for the default
 * @param sliceThresholds {@code <sliceThresholds>}, each {@code <sliceThreshold>} as written; empty for none
 * @param sliceThresholdsProperty {@code -Dml.sliceThresholds}, or null
 * @param allowMissingSlices whether a rule on a slice that has no rows passes
 * @param engine {@code <engine>} ({@code -Dml.engine}) as written: {@code local} or {@code spark}
 * @param spark {@code <spark>}, read whatever the engine (the core checks it only for {@code spark})
 */
public record ValidateParameters(
        GoalContext context,
        int folds,
        Map<String, String> thresholds,
        String thresholdsProperty,
        Map<String, String> championMaxDrop,
        String championSignificance,
        boolean championSkip,
        boolean reportSkip,
        List<Slice> slices,
        Integer minSliceSize,
        List<SliceThreshold> sliceThresholds,
        String sliceThresholdsProperty,
        boolean allowMissingSlices,
        String engine,
        SparkParameters spark) {

    public ValidateParameters {
        slices = slices == null ? List.of() : List.copyOf(slices);
        sliceThresholds = sliceThresholds == null ? List.of() : List.copyOf(sliceThresholds);
    }

    /** These settings with {@code <spark>} replaced (the Maven side adds the resolved class paths). */
    public ValidateParameters withSpark(SparkParameters settings) {
        return new ValidateParameters(
                context,
                folds,
                thresholds,
                thresholdsProperty,
                championMaxDrop,
                championSignificance,
                championSkip,
                reportSkip,
                slices,
                minSliceSize,
                sliceThresholds,
                sliceThresholdsProperty,
                allowMissingSlices,
                engine,
                settings);
    }

    /**
     * One {@code <slice>}: {@code <attributes>channel,country</attributes>}, and {@code <bins>0,100,1000</bins>} for
     * numeric attributes (null when absent).
     */
    public record Slice(String attributes, String bins) {}

    /** One {@code <sliceThreshold>}; {@code min} or {@code max} is null when absent. */
    public record SliceThreshold(String slice, String metric, String min, String max) {}
}
