package io.github.mlmaven.monitoring.live;

/**
 * One {@code <decay><maxDrop>} rule judged on the new labelled rows.
 *
 * @param metric the metric's name, as in validation.json
 * @param promotion its figure when the production version was promoted; null when the registry recorded none
 * @param live its figure on the new labelled rows; null when undefined there (for example recall without a positive
 *     row)
 * @param maxDrop the largest drop allowed below the promotion figure (the largest rise for an error metric)
 * @param minRows the new labelled rows needed before the rule may judge
 * @param status {@code pass}, {@code degraded}, {@code too-few-rows} or {@code undefined} (no promotion or live figure)
 */
public record DecayResult(String metric, Double promotion, Double live, double maxDrop, long minRows, String status) {
    public static final String PASS = "pass";
    public static final String DEGRADED = "degraded";
    public static final String TOO_FEW_ROWS = "too-few-rows";
    public static final String UNDEFINED = "undefined";

    public boolean degraded() {
        return DEGRADED.equals(status);
    }
}
