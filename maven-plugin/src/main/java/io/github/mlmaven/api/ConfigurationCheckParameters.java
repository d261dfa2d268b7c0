package io.github.mlmaven.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the configuration check of a goal is given: each goal's parameter names, the elements the POM gives the plugin,
 * the {@code -Dml.*} properties given and ml:validate's settings, so that nothing written is ignored and ml:train
 * refuses what ml:validate would refuse after training.
 *
 * @param plugin the plugin's artifactId, for messages
 * @param prefix the goal prefix, e.g. {@code ml}
 * @param goalParameters each goal's configurable parameters (aliases included)
 * @param structures the child elements that each structured parameter ({@code champion}, {@code mlflow}) takes
 * @param properties the names of the {@code ml.*} properties given
 * @param knownProperties the names of the properties the goals read
 * @param validateSettings ml:validate's settings, once per configuration that binds it; empty when not checked
 */
public record ConfigurationCheckParameters(
        String goal,
        String plugin,
        String prefix,
        Map<String, List<String>> goalParameters,
        Map<String, List<String>> structures,
        List<Configured> configured,
        List<String> properties,
        List<String> knownProperties,
        List<ValidateSettings> validateSettings) {

    /**
     * Elements found in one {@code <configuration>} of the plugin.
     *
     * @param where where they were written, for the message, e.g. "the plugin's <configuration>"
     * @param goals the goals of the execution, or empty for the plugin-level configuration (which every goal reads)
     * @param elements the names of the top-level elements
     * @param children for elements that are structures of the plugin's own ({@code <champion>}), their children's names
     */
    public record Configured(
            String where, List<String> goals, List<String> elements, Map<String, List<String>> children) {}

    /**
     * ml:validate's settings as one execution of it would see them, as text.
     *
     * @param explicit the names the user set (in the POM or as a property), as opposed to defaults
     * @param slices each {@code <slice>} as written
     * @param sliceThresholds each {@code <sliceThreshold>} as written
     * @param sliceThresholdsProperty {@code -Dml.sliceThresholds}, or null
     * @param minSliceSize {@code <minSliceSize>} as written, or null
     * @param engine {@code <engine>} as written, else {@code -Dml.engine}, else the default; null when not known
     */
    public record ValidateSettings(
            Map<String, String> thresholds,
            String thresholdsProperty,
            Map<String, String> maxDrop,
            String significance,
            String evaluation,
            String folds,
            String holdoutPercent,
            boolean testData,
            Set<String> explicit,
            List<ValidateParameters.Slice> slices,
            List<ValidateParameters.SliceThreshold> sliceThresholds,
            String sliceThresholdsProperty,
            String minSliceSize,
            String engine) {

        public ValidateSettings {
            slices = slices == null ? List.of() : List.copyOf(slices);
            sliceThresholds = sliceThresholds == null ? List.of() : List.copyOf(sliceThresholds);
        }

        /** The settings of an execution whose engine is not known (the local engine's checks only). */
        public ValidateSettings(
                Map<String, String> thresholds,
                String thresholdsProperty,
                Map<String, String> maxDrop,
                String significance,
                String evaluation,
                String folds,
                String holdoutPercent,
                boolean testData,
                Set<String> explicit,
                List<ValidateParameters.Slice> slices,
                List<ValidateParameters.SliceThreshold> sliceThresholds,
                String sliceThresholdsProperty,
                String minSliceSize) {
            this(
                    thresholds,
                    thresholdsProperty,
                    maxDrop,
                    significance,
                    evaluation,
                    folds,
                    holdoutPercent,
                    testData,
                    explicit,
                    slices,
                    sliceThresholds,
                    sliceThresholdsProperty,
                    minSliceSize,
                    null);
        }
    }
}
