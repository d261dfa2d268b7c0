package io.github.mlmaven.evaluation.slice;

import java.util.List;
import java.util.Map;

/**
 * The {@code slices} section of validation.json (docs/outputs.md): every slice with rows, and every slice a rule
 * names, with its figures, then each rule's outcome.
 *
 * @param minSliceSize a slice with fewer rows is reported but not judged
 * @param allowMissingSlices whether a rule on a slice without rows passes
 * @param slices per {@code <slice>} in the order configured, its slices in the order of their values (and bins), a
 *     slice without a value ({@code =?}) last
 * @param rules each slice rule, in the order configured
 * @param passed whether every rule passed
 */
public record SliceReport(
        int minSliceSize,
        boolean allowMissingSlices,
        List<SliceResult> slices,
        List<RuleResult> rules,
        boolean passed) {

    /** Judged: rows enough. */
    public static final String JUDGED = "judged";
    /** Fewer rows than {@code minSliceSize}: its rules are not judged. */
    public static final String TOO_SMALL = "too-small";
    /** Named by a rule, but no row is in it. */
    public static final String MISSING = "missing";

    /**
     * One slice.
     *
     * @param name e.g. {@code channel=atm,country=NL}
     * @param attributes the {@code <slice>} it belongs to, e.g. {@code channel,country}
     * @param rows rows with a class value (weighted), as the overall {@code evaluation.rows}
     * @param status {@link #JUDGED}, {@link #TOO_SMALL} or {@link #MISSING}
     * @param metrics every metric of the class type, as the overall {@code metrics}; empty when missing
     */
    public record SliceResult(String name, String attributes, long rows, String status, Map<String, Double> metrics) {}

    /**
     * One slice rule against its slice.
     *
     * @param comparator {@code >=} for {@code <min>}, {@code <=} for {@code <max>}
     * @param actual the slice's value of the metric; null when undefined, too small or missing
     * @param status {@code pass}, {@code breach}, {@code too-small} (not judged, passes) or {@code missing} (fails
     *     unless {@code allowMissingSlices})
     */
    public record RuleResult(
            String slice,
            String metric,
            String comparator,
            double bound,
            Double actual,
            long rows,
            String status,
            boolean passed) {}

    public List<RuleResult> breaches() {
        return rules.stream().filter(r -> !r.passed()).toList();
    }
}
