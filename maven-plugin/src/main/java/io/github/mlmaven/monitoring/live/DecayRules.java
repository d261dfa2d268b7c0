package io.github.mlmaven.monitoring.live;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.evaluation.MetricName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code <decay>} of ml:monitor: the production model is degraded when a metric on the new labelled rows fell more than
 * its {@code maxDrop} below the figure it was promoted with (rose, for rmse and mae), once at least
 * {@code minLabelledRows} new labelled rows are there to judge on. Fewer rows never make a verdict either way: a
 * handful of unlucky rows must not look like decay.
 *
 * @param maxDrop the allowance per metric, in the metric's own units, in the order written
 * @param minLabelledRows the new labelled rows needed before any rule may judge
 * @param failBuild whether a degraded model fails the build (otherwise a warning)
 */
public record DecayRules(Map<MetricName, Double> maxDrop, long minLabelledRows, boolean failBuild) {
    /** Enough rows that a recall of a few percent is not mostly noise; the user sets it for the model's base rate. */
    public static final long DEFAULT_MIN_LABELLED_ROWS = 200;

    /** Guards the comparison against the last bit of a figure that went through JSON. */
    private static final double EPSILON = 1e-12;

    public DecayRules {
        maxDrop = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(maxDrop));
    }

    /** From the POM form; each mistake names its element. */
    public static DecayRules parse(Map<String, String> maxDrop, String minLabelledRows, boolean failBuild) {
        Map<MetricName, Double> allowances = new LinkedHashMap<>();
        if (maxDrop != null) {
            maxDrop.forEach((name, value) -> {
                String element = "decay/maxDrop/" + name;
                MetricName metric = MetricName.byId(name.strip())
                        .orElseThrow(() -> new InvalidConfigurationException(
                                element,
                                "unknown metric '" + name + "' in <decay><maxDrop>" + MetricName.didYouMean(name)
                                        + "; valid metric names: " + MetricName.allIds()));
                double allowance;
                try {
                    allowance = Double.parseDouble(value == null ? "" : value.strip());
                } catch (NumberFormatException e) {
                    allowance = Double.NaN;
                }
                if (!Double.isFinite(allowance) || allowance < 0) {
                    throw new InvalidConfigurationException(
                            element,
                            "<decay><maxDrop><" + name + "> is '" + value + "'; it must be a number of 0 or more in "
                                    + metric.id() + "'s own units, e.g. 0.05 for five percentage points");
                }
                double range = metric.max() - metric.min();
                if (!Double.isInfinite(range) && allowance > range) {
                    throw new InvalidConfigurationException(
                            element,
                            "<decay><maxDrop><" + name + "> is " + value.strip() + ", but " + metric.id()
                                    + " cannot drop by more than " + range + ", so the rule would never fire; a drop"
                                    + " of 5 percentage points is written 0.05");
                }
                allowances.put(metric, allowance);
            });
        }
        long minRows = DEFAULT_MIN_LABELLED_ROWS;
        if (minLabelledRows != null && !minLabelledRows.isBlank()) {
            try {
                minRows = Long.parseLong(minLabelledRows.strip());
            } catch (NumberFormatException e) {
                minRows = -1;
            }
            if (minRows < 1) {
                throw new InvalidConfigurationException(
                        "decay/minLabelledRows",
                        "<decay><minLabelledRows> is '" + minLabelledRows + "'; it must be a whole number of at least"
                                + " 1, e.g. 200");
            }
        }
        return new DecayRules(allowances, minRows, failBuild);
    }

    /**
     * Judges each rule. A rule on a metric of the other class type (rmse of a nominal class) is a configuration mistake.
     *
     * @param promotion the figures the production version was promoted with
     * @param live the figures on the new labelled rows
     * @param labelledRows the new labelled rows the live figures were computed on
     */
    public List<DecayResult> judge(
            MetricName.ClassType classType,
            Map<String, Double> promotion,
            Map<String, Double> live,
            long labelledRows) {
        List<DecayResult> results = new ArrayList<>();
        maxDrop.forEach((metric, allowance) -> {
            if (metric.classType() != classType) {
                throw new InvalidConfigurationException(
                        "decay/maxDrop/" + metric.id(),
                        "<decay><maxDrop><" + metric.id() + "> is a metric of a "
                                + metric.classType().jsonName()
                                + " class, but the production model predicts a " + classType.jsonName()
                                + " class; its metrics are "
                                + String.join(
                                        ", ",
                                        MetricName.forClassType(classType).stream()
                                                .map(MetricName::id)
                                                .toList()));
            }
            Double before = promotion.get(metric.id());
            Double now = live.get(metric.id());
            String status;
            if (labelledRows < minLabelledRows) {
                status = DecayResult.TOO_FEW_ROWS;
            } else if (before == null || now == null) {
                status = DecayResult.UNDEFINED;
            } else {
                double drop = metric.higherIsBetter() ? before - now : now - before;
                status = drop > allowance + EPSILON ? DecayResult.DEGRADED : DecayResult.PASS;
            }
            results.add(new DecayResult(metric.id(), before, now, allowance, minLabelledRows, status));
        });
        return results;
    }

    /** "recall 0.612 live vs 0.840 at promotion (dropped 0.228 > maxDrop 0.05)", one per degraded rule. */
    public static String describe(List<DecayResult> results) {
        List<String> parts = new ArrayList<>();
        for (DecayResult r : results) {
            if (r.degraded()) {
                MetricName metric = MetricName.byId(r.metric()).orElseThrow();
                parts.add(String.format(
                        Locale.ROOT,
                        "%s %.4f live vs %.4f at promotion (%s %.4f > maxDrop %s)",
                        r.metric(),
                        r.live(),
                        r.promotion(),
                        metric.higherIsBetter() ? "dropped" : "rose",
                        Math.abs(r.promotion() - r.live()),
                        r.maxDrop()));
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
