package io.github.mlmaven.evaluation;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads thresholds from the POM form {@code <thresholds><recall>0.8</recall></thresholds>} (a minimum for metrics where
 * higher is better, a maximum for rmse and mae) and the property form {@code recall>=0.8,rmse<=12.5}. A metric given in
 * both takes the property's rule.
 */
public final class ThresholdParser {
    private static final Pattern RULE = Pattern.compile("\\s*([A-Za-z0-9]+)\\s*(>=|<=|>|<|=)\\s*(\\S+)\\s*");

    private ThresholdParser() {}

    public static List<Threshold> parse(Map<String, String> pomThresholds, String propertyThresholds) {
        Map<MetricName, Threshold> rules = new LinkedHashMap<>();
        if (pomThresholds != null) {
            for (Map.Entry<String, String> entry : pomThresholds.entrySet()) {
                String element = "thresholds/" + entry.getKey();
                MetricName metric = metric(entry.getKey(), element);
                double bound = number(entry.getValue(), element);
                rules.put(
                        metric, checked(new Threshold(metric, metric.higherIsBetter() ? ">=" : "<=", bound), element));
            }
        }
        if (propertyThresholds != null && !propertyThresholds.isBlank()) {
            for (String part : propertyThresholds.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                Matcher m = RULE.matcher(part);
                if (!m.matches()) {
                    throw new InvalidConfigurationException(
                            "ml.thresholds",
                            "ml.thresholds rule '" + part.strip()
                                    + "' is not of the form metric>=bound (comparators >=, >, <=, <), e.g."
                                    + " -Dml.thresholds=\"recall>=0.8,f1>=0.7\"");
                }
                MetricName metric = metric(m.group(1), "ml.thresholds");
                String comparator = m.group(2).equals("=") ? (metric.higherIsBetter() ? ">=" : "<=") : m.group(2);
                rules.put(
                        metric,
                        checked(
                                new Threshold(metric, comparator, number(m.group(3), "ml.thresholds")),
                                "ml.thresholds"));
            }
        }
        List<Threshold> result = new ArrayList<>(rules.values());
        result.sort(Comparator.comparing(Threshold::metric));
        return result;
    }

    /** Refuses rules that cannot apply to the class type, so a misconfigured gate never passes silently. */
    public static void checkApplicable(
            List<Threshold> thresholds, MetricName.ClassType classType, String classAttribute) {
        for (Threshold t : thresholds) {
            if (t.metric().classType() != classType) {
                throw new InvalidConfigurationException(
                        "thresholds",
                        "the threshold on " + t.metric().id() + " (in <thresholds> or -Dml.thresholds) applies to a "
                                + t.metric().classType().jsonName()
                                + " class, but class attribute '" + classAttribute + "' is " + classType.jsonName()
                                + "; metrics for a " + classType.jsonName() + " class: "
                                + String.join(
                                        ", ",
                                        MetricName.forClassType(classType).stream()
                                                .map(MetricName::id)
                                                .toList()));
            }
        }
    }

    private static MetricName metric(String name, String element) {
        return MetricName.byId(name.strip())
                .orElseThrow(() -> new InvalidConfigurationException(
                        element,
                        "unknown metric '" + name + "' in " + describe(element) + MetricName.didYouMean(name)
                                + "; valid metric names: " + MetricName.allIds()));
    }

    private static double number(String text, String element) {
        try {
            double value = Double.parseDouble(text == null ? "" : text.strip());
            if (Double.isNaN(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(
                    element, describe(element) + " bound '" + text + "' is not a number, e.g. 0.8");
        }
    }

    private static Threshold checked(Threshold t, String element) {
        if (t.bound() < t.metric().min() || t.bound() > t.metric().max()) {
            throw new InvalidConfigurationException(
                    element,
                    describe(element) + ": " + t.metric().id() + " lies in ["
                            + format(t.metric().min()) + ", "
                            + format(t.metric().max()) + "], so the bound " + t.bound() + " can never be meaningful"
                            + asFraction(t));
        }
        return t;
    }

    /** A bound of 80 on a metric in [0, 1] was most likely meant as a percentage: say which number to write. */
    private static String asFraction(Threshold t) {
        if (t.metric().max() != 1 || t.bound() <= 1 || t.bound() > 100) {
            return "";
        }
        BigDecimal percent = BigDecimal.valueOf(t.bound()).stripTrailingZeros();
        BigDecimal fraction = percent.movePointLeft(2);
        return "; if " + percent.toPlainString() + " is meant as a percentage, write "
                + fraction.setScale(Math.max(2, fraction.scale())).toPlainString();
    }

    private static String describe(String element) {
        if (element.startsWith("thresholds/")) {
            String name = element.substring("thresholds/".length());
            return "<thresholds><" + name + ">";
        }
        return "-D" + element;
    }

    private static String format(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "+inf" : "-inf";
        }
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
