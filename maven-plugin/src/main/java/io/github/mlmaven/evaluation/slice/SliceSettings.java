package io.github.mlmaven.evaluation.slice;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.evaluation.MetricName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ml:validate's slice configuration as the user wrote it, checked for everything that does not need the data's
 * attributes: {@code <slices>}, {@code <minSliceSize>}, {@code <sliceThresholds>} (and {@code -Dml.sliceThresholds}),
 * {@code <allowMissingSlices>}. {@link SlicePlan#resolve} checks the rest against the model's attributes.
 *
 * @param slices each {@code <slice>}, in the order written
 * @param rules each slice rule; a rule of {@code -Dml.sliceThresholds} replaces the POM's rule on the same slice and
 *     metric
 */
public record SliceSettings(List<Slice> slices, int minSliceSize, List<Rule> rules, boolean allowMissingSlices) {
    /** Below this many rows (weighted, with a class value) a slice's figures say little: the default minimum. */
    public static final int DEFAULT_MIN_SLICE_SIZE = 30;

    /** No slices: ml:validate as it was, nothing added to its outputs. */
    public static final SliceSettings NONE = new SliceSettings(List.of(), DEFAULT_MIN_SLICE_SIZE, List.of(), false);

    private static final Pattern PROPERTY_RULE = Pattern.compile("\\s*([A-Za-z0-9]+)\\s*(>=|<=)\\s*(\\S+)\\s*");

    public SliceSettings {
        slices = List.copyOf(slices);
        rules = List.copyOf(rules);
    }

    /** Whether any slice is configured; without one, ml:validate writes exactly what it wrote before slices existed. */
    public boolean configured() {
        return !slices.isEmpty();
    }

    /**
     * One {@code <slice>}.
     *
     * @param attributes the attribute names, crossed when several
     * @param bins cut points per numeric attribute; the key {@code *} for "every numeric attribute of this slice"
     * @param element the element to name in a message, e.g. {@code slices/slice[2]}
     */
    public record Slice(List<String> attributes, Map<String, double[]> bins, String element) {
        /** The attributes as written in a rule's slice name and in the report: {@code channel,country}. */
        public String definition() {
            return String.join(",", attributes);
        }
    }

    /**
     * One slice rule: {@code metric comparator bound} on the slice {@code slice} (as written).
     *
     * @param comparator {@code >=} ({@code <min>}) or {@code <=} ({@code <max>})
     * @param element the element to name in a message
     */
    public record Rule(String slice, MetricName metric, String comparator, double bound, String element) {}

    /** A {@code <slice>} as written: the text of {@code <attributes>} and of {@code <bins>} (null when absent). */
    public record SliceText(String attributes, String bins) {}

    /** A {@code <sliceThreshold>} as written; every field may be null. */
    public record RuleText(String slice, String metric, String min, String max) {}

    /**
     * Checks and reads the configuration.
     *
     * @param minSliceSize null for {@link #DEFAULT_MIN_SLICE_SIZE}
     * @param property {@code -Dml.sliceThresholds}: {@code slice:metric>=bound} rules separated by {@code ;}, e.g.
     *     {@code channel=atm:recall>=0.6;channel=web,country=NL:f1>=0.5}; null or blank for none
     */
    public static SliceSettings parse(
            List<SliceText> slices,
            Integer minSliceSize,
            List<RuleText> rules,
            String property,
            boolean allowMissingSlices) {
        List<Slice> parsed = new ArrayList<>();
        List<SliceText> given = slices == null ? List.of() : slices;
        for (int i = 0; i < given.size(); i++) {
            parsed.add(slice(given.get(i), "slices/slice[" + (i + 1) + "]"));
        }
        int minimum = minSliceSize == null ? DEFAULT_MIN_SLICE_SIZE : minSliceSize;
        if (minimum < 1) {
            throw invalid(
                    "minSliceSize",
                    "<minSliceSize> is " + minimum + "; it is the fewest rows a slice needs to be judged, at least 1,"
                            + " e.g. <minSliceSize>50</minSliceSize>");
        }
        Map<String, Rule> byKey = new LinkedHashMap<>();
        List<RuleText> texts = rules == null ? List.of() : rules;
        for (int i = 0; i < texts.size(); i++) {
            Rule rule = rule(texts.get(i), "sliceThresholds/sliceThreshold[" + (i + 1) + "]");
            byKey.put(rule.slice() + " " + rule.metric().id(), rule);
        }
        if (property != null && !property.isBlank()) {
            for (String part : property.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                Rule rule = propertyRule(part.strip());
                byKey.remove(rule.slice() + " " + rule.metric().id());
                byKey.put(rule.slice() + " " + rule.metric().id(), rule);
            }
        }
        if (!byKey.isEmpty() && parsed.isEmpty()) {
            Rule first = byKey.values().iterator().next();
            throw invalid(
                    first.element(),
                    describe(first.element()) + " names slice '" + first.slice() + "', but no <slices> are configured;"
                            + " add e.g. <slices><slice><attributes>channel</attributes></slice></slices>");
        }
        return new SliceSettings(parsed, minimum, new ArrayList<>(byKey.values()), allowMissingSlices);
    }

    private static Slice slice(SliceText text, String element) {
        String attributesText = text == null ? null : text.attributes();
        if (attributesText == null || attributesText.isBlank()) {
            throw invalid(
                    element + "/attributes",
                    "<slices><slice> number " + element.replaceAll("\\D", "")
                            + " has no <attributes>; name one attribute, or several separated by commas to cross"
                            + " them, e.g. <attributes>channel,country</attributes>");
        }
        List<String> attributes = new ArrayList<>();
        for (String name : attributesText.split(",")) {
            String stripped = name.strip();
            if (stripped.isEmpty()) {
                throw invalid(
                        element + "/attributes",
                        "<slices><slice><attributes>" + attributesText + "</attributes> has an empty name; separate"
                                + " the names by single commas, e.g. channel,country");
            }
            if (attributes.contains(stripped)) {
                throw invalid(
                        element + "/attributes",
                        "<slices><slice><attributes>" + attributesText + "</attributes> names '" + stripped
                                + "' twice");
            }
            attributes.add(stripped);
        }
        return new Slice(attributes, bins(text.bins(), attributes, element + "/bins"), element);
    }

    /** {@code 0,100,1000} (every numeric attribute of the slice) or {@code amount=0,100;age=18,65}. */
    private static Map<String, double[]> bins(String text, List<String> attributes, String element) {
        Map<String, double[]> bins = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return bins;
        }
        if (!text.contains("=")) {
            bins.put("*", cutPoints(text, element));
            return bins;
        }
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? "" : part.substring(0, eq).strip();
            if (eq < 0 || !attributes.contains(name)) {
                throw invalid(
                        element,
                        "<bins>" + text + "</bins>: '" + part.strip() + "' does not name an attribute of this slice ("
                                + String.join(", ", attributes) + "); write the cut points of each numeric attribute"
                                + " as name=cut,cut separated by ';', e.g. amount=0,100,1000;age=18,65");
            }
            bins.put(name, cutPoints(part.substring(eq + 1), element));
        }
        return bins;
    }

    private static double[] cutPoints(String text, String element) {
        String[] parts = text.split(",");
        double[] cuts = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                cuts[i] = Double.parseDouble(parts[i].strip());
                if (!Double.isFinite(cuts[i])) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw invalid(
                        element,
                        "<bins>: cut point '" + parts[i].strip() + "' is not a finite number; give increasing cut"
                                + " points separated by commas, e.g. <bins>0,100,1000</bins>");
            }
            if (i > 0 && cuts[i] <= cuts[i - 1]) {
                throw invalid(
                        element,
                        String.format(
                                Locale.ROOT,
                                "<bins>: the cut points must increase, but %s follows %s; e.g. <bins>0,100,1000</bins>",
                                SliceNames.number(cuts[i]),
                                SliceNames.number(cuts[i - 1])));
            }
        }
        return cuts;
    }

    private static Rule rule(RuleText text, String element) {
        String slice = text == null ? null : text.slice();
        if (slice == null || slice.isBlank()) {
            throw invalid(
                    element + "/slice",
                    "<sliceThresholds><sliceThreshold> has no <slice>; name the slice, e.g. <slice>channel=atm</slice>"
                            + " or <slice>channel=atm,country=NL</slice>");
        }
        String metricText = text.metric();
        if (metricText == null || metricText.isBlank()) {
            throw invalid(
                    element + "/metric",
                    "<sliceThreshold> on slice '" + slice.strip() + "' has no <metric>; e.g. <metric>recall</metric>");
        }
        MetricName metric = metric(metricText, element + "/metric", "<sliceThreshold><metric>");
        boolean hasMin = text.min() != null && !text.min().isBlank();
        boolean hasMax = text.max() != null && !text.max().isBlank();
        if (hasMin == hasMax) {
            throw invalid(
                    element,
                    "<sliceThreshold> on slice '" + slice.strip() + "' needs exactly one of <min> and <max>"
                            + (hasMin ? " (it has both)" : "") + ": <min> for a metric where higher is better, <max>"
                            + " for an error metric (rmse, mae)");
        }
        String comparator = hasMin ? ">=" : "<=";
        String boundElement = element + (hasMin ? "/min" : "/max");
        double bound = number(
                hasMin ? text.min() : text.max(), boundElement, "<sliceThreshold><" + (hasMin ? "min" : "max") + ">");
        return checked(new Rule(slice.strip(), metric, comparator, bound, boundElement));
    }

    private static Rule propertyRule(String part) {
        int colon = part.lastIndexOf(':');
        Matcher m = colon < 0 ? null : PROPERTY_RULE.matcher(part.substring(colon + 1));
        if (m == null || !m.matches() || part.substring(0, colon).isBlank()) {
            throw invalid(
                    "ml.sliceThresholds",
                    "ml.sliceThresholds rule '" + part + "' is not of the form slice:metric>=bound (or <= for an error"
                            + " metric), e.g. -Dml.sliceThresholds=\"channel=atm:recall>=0.6;channel=web:f1>=0.5\"");
        }
        MetricName metric = metric(m.group(1), "ml.sliceThresholds", "-Dml.sliceThresholds");
        double bound = number(m.group(3), "ml.sliceThresholds", "-Dml.sliceThresholds");
        return checked(new Rule(part.substring(0, colon).strip(), metric, m.group(2), bound, "ml.sliceThresholds"));
    }

    /** A minimum on an error metric (or a maximum on a score) is a mistake that would pass almost any model. */
    private static Rule checked(Rule rule) {
        MetricName metric = rule.metric();
        boolean isMin = ">=".equals(rule.comparator());
        if (isMin != metric.higherIsBetter()) {
            throw invalid(
                    rule.element(),
                    describe(rule.element()) + " on slice '" + rule.slice() + "': " + metric.id() + " is "
                            + (metric.higherIsBetter()
                                    ? "better when higher, so give it a <min>"
                                    : "an error, lower is" + " better, so give it a <max>")
                            + " (in -Dml.sliceThresholds: " + (metric.higherIsBetter() ? ">=" : "<=") + ")");
        }
        if (rule.bound() < metric.min() || rule.bound() > metric.max()) {
            throw invalid(
                    rule.element(),
                    describe(rule.element()) + " on slice '" + rule.slice() + "': " + metric.id() + " lies in ["
                            + SliceNames.number(metric.min()) + ", " + SliceNames.number(metric.max())
                            + "], so the bound "
                            + SliceNames.number(rule.bound()) + " can never be meaningful");
        }
        return rule;
    }

    private static MetricName metric(String name, String element, String where) {
        return MetricName.byId(name.strip())
                .orElseThrow(() -> invalid(
                        element,
                        "unknown metric '" + name.strip() + "' in " + where + MetricName.didYouMean(name)
                                + "; valid metric names: " + MetricName.allIds()));
    }

    private static double number(String text, String element, String where) {
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isNaN(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(element, where + " bound '" + text.strip() + "' is not a number, e.g. 0.6");
        }
    }

    /** The element without the index that tells the user which one: the Maven layer names it as XML. */
    private static InvalidConfigurationException invalid(String element, String message) {
        return new InvalidConfigurationException(element.replaceAll("\\[\\d+]", ""), message);
    }

    /** {@code sliceThresholds/sliceThreshold[2]/min} as the element it is: {@code <sliceThreshold> number 2}. */
    static String describe(String element) {
        if (element.startsWith("ml.")) {
            return "-D" + element;
        }
        Matcher m = Pattern.compile("sliceThreshold\\[(\\d+)]").matcher(element);
        return m.find() ? "<sliceThresholds><sliceThreshold> number " + m.group(1) : "<" + element + ">";
    }
}
