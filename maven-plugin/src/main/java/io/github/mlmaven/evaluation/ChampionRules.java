package io.github.mlmaven.evaluation;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a candidate must compare with the model in production:
 * {@code <champion><maxDrop><recall>0.02</recall></maxDrop><significance>0.05</significance></champion>}. A metric may
 * drop (for rmse and mae: rise) by at most its allowance; with a significance level, McNemar's test on the paired
 * predictions must not say that the candidate is significantly worse.
 *
 * @param maxDrop the allowance per metric, in the metric's own units
 * @param significance the level of McNemar's test, or null for no test
 */
public record ChampionRules(Map<MetricName, Double> maxDrop, Double significance) {
    public static final ChampionRules NONE = new ChampionRules(Map.of(), null);

    public ChampionRules {
        maxDrop = Map.copyOf(maxDrop);
    }

    public boolean isEmpty() {
        return maxDrop.isEmpty() && significance == null;
    }

    /** From the POM form: metric names to allowances, and the significance level as text (either may be null). */
    public static ChampionRules parse(Map<String, String> maxDrop, String significance) {
        Map<MetricName, Double> allowances = allowances(maxDrop, "champion/maxDrop");
        Double level = null;
        if (significance != null && !significance.isBlank()) {
            level = number(significance, "champion/significance");
            if (level <= 0 || level >= 1) {
                throw new InvalidConfigurationException(
                        "champion/significance",
                        "<champion><significance> is " + significance + "; it must lie between 0 and 1, e.g. 0.05");
            }
        }
        return new ChampionRules(allowances, level);
    }

    /**
     * Metric names to the largest drop allowed (rise, for rmse and mae), as written under {@code element} (e.g.
     * {@code champion/maxDrop}, {@code decay/maxDrop}); each mistake names its element. Null gives none.
     */
    public static Map<MetricName, Double> allowances(Map<String, String> maxDrop, String element) {
        String xml = "<" + element.replace("/", "><") + ">";
        Map<MetricName, Double> allowances = new LinkedHashMap<>();
        if (maxDrop != null) {
            maxDrop.forEach((name, value) -> {
                String child = element + "/" + name;
                MetricName metric = MetricName.byId(name.strip())
                        .orElseThrow(() -> new InvalidConfigurationException(
                                child,
                                "unknown metric '" + name + "' in " + xml + MetricName.didYouMean(name)
                                        + "; valid metric names: " + MetricName.allIds()));
                double allowance = number(value, child);
                if (allowance < 0) {
                    throw new InvalidConfigurationException(
                            child, xml + "<" + name + "> must not be negative; 0 allows no drop");
                }
                double range = metric.max() - metric.min();
                if (!Double.isInfinite(range) && allowance > range) {
                    // most likely percentage points: as written, the rule would allow any drop
                    throw new InvalidConfigurationException(
                            child,
                            xml + "<" + name + "> is " + value.strip() + ", but " + metric.id() + " lies in ["
                                    + bound(metric.min()) + ", " + bound(metric.max()) + "], so no drop can exceed "
                                    + bound(range) + " and the rule would allow any drop; a drop of 2 percentage"
                                    + " points is written 0.02");
                }
                allowances.put(metric, allowance);
            });
        }
        return allowances;
    }

    private static String bound(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static double number(String text, String element) {
        try {
            double value = Double.parseDouble(text == null ? "" : text.strip());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(
                    element, "<" + element.replace("/", "><") + "> '" + text + "' is not a number");
        }
    }
}
