package io.github.mlmaven.evaluation.slice;

import io.github.mlmaven.common.ClosestName;
import io.github.mlmaven.common.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The slices of {@link SliceSettings} resolved against the model's attributes: each {@code <slice>} becomes a {@link
 * Definition} that gives every row its slice as a number (no copy of the rows is made), and each rule's slice text is
 * read into the definition and the slice it names.
 */
public final class SlicePlan {
    private final SliceSettings settings;
    private final List<Definition> definitions;
    private final List<ResolvedRule> rules;

    private SlicePlan(SliceSettings settings, List<Definition> definitions, List<ResolvedRule> rules) {
        this.settings = settings;
        this.definitions = definitions;
        this.rules = rules;
    }

    /** A rule with the slice it names: {@code definition}'s slice {@code key}, written {@code name}. */
    record ResolvedRule(SliceSettings.Rule rule, int definition, long key, String name) {}

    /**
     * Checks the slices and the rules against {@code header}, the attributes of the data the model is evaluated on.
     *
     * @throws InvalidConfigurationException naming the element: an unknown attribute, a numeric one without bins, a
     *     nominal one with bins, an attribute that cannot be sliced, a slice configured twice, a rule's slice that
     *     names no configured slice or a value the attribute does not have
     */
    public static SlicePlan resolve(SliceSettings settings, Instances header) {
        List<Definition> definitions = new ArrayList<>();
        Set<Set<String>> seen = new HashSet<>();
        for (SliceSettings.Slice slice : settings.slices()) {
            Definition definition = definition(slice, header);
            if (!seen.add(new HashSet<>(slice.attributes()))) {
                throw new InvalidConfigurationException(
                        "slices/slice/attributes",
                        "<slices> has the slice " + slice.definition() + " twice (the order of the attributes does"
                                + " not matter); remove one");
            }
            definitions.add(definition);
        }
        List<ResolvedRule> rules = new ArrayList<>();
        for (SliceSettings.Rule rule : settings.rules()) {
            rules.add(resolveRule(rule, definitions));
        }
        return new SlicePlan(settings, List.copyOf(definitions), List.copyOf(rules));
    }

    public SliceSettings settings() {
        return settings;
    }

    List<Definition> definitions() {
        return definitions;
    }

    List<ResolvedRule> rules() {
        return rules;
    }

    private static Definition definition(SliceSettings.Slice slice, Instances header) {
        List<Axis> axes = new ArrayList<>();
        String element = slice.element().replaceAll("\\[\\d+]", "");
        boolean anyNumeric = false;
        for (String name : slice.attributes()) {
            Attribute attribute = header.attribute(name);
            if (attribute == null) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < header.numAttributes(); i++) {
                    names.add(header.attribute(i).name());
                }
                throw new InvalidConfigurationException(
                        element + "/attributes",
                        "<slices><slice><attributes> names '" + name + "', which is not an attribute of the model"
                                + ClosestName.to(name, names)
                                        .map(n -> " (did you mean " + n + "?)")
                                        .orElse("")
                                + "; its attributes: " + String.join(", ", names));
            }
            double[] cuts = slice.bins().containsKey(name)
                    ? slice.bins().get(name)
                    : slice.bins().get("*");
            if (attribute.isNominal()) {
                if (slice.bins().containsKey(name)) {
                    throw new InvalidConfigurationException(
                            element + "/bins",
                            "<slices><slice><bins> gives cut points for '" + name + "', but it is nominal: its slices"
                                    + " are its values; give bins to numeric attributes only");
                }
                List<String> values = new ArrayList<>();
                for (int v = 0; v < attribute.numValues(); v++) {
                    values.add(attribute.value(v));
                }
                axes.add(new Axis(name, values, null));
            } else if (attribute.isNumeric() && !attribute.isDate()) {
                if (cuts == null) {
                    throw new InvalidConfigurationException(
                            element + "/bins",
                            "<slices><slice> on '" + name + "' needs <bins>: '" + name + "' is numeric, so give the"
                                    + " cut points of its slices, e.g. <bins>0,100,1000</bins> for " + name + "<0, "
                                    + name + "=[0,100), " + name + "=[100,1000) and " + name + ">=1000");
                }
                anyNumeric = true;
                axes.add(new Axis(name, null, cuts));
            } else {
                throw new InvalidConfigurationException(
                        element + "/attributes",
                        "<slices><slice><attributes> names '" + name + "', a " + Attribute.typeToString(attribute)
                                + " attribute; slices are made of nominal attributes (one slice per value) and"
                                + " numeric ones (by <bins>)");
            }
        }
        if (slice.bins().containsKey("*") && !anyNumeric) {
            throw new InvalidConfigurationException(
                    element + "/bins",
                    "<slices><slice> on " + slice.definition() + " has <bins>, but none of its attributes is numeric;"
                            + " remove <bins>, the slices of a nominal attribute are its values");
        }
        return new Definition(slice.definition(), axes);
    }

    private static ResolvedRule resolveRule(SliceSettings.Rule rule, List<Definition> definitions) {
        Set<String> known = new LinkedHashSet<>();
        definitions.forEach(d -> d.axes().forEach(a -> known.add(a.name())));
        List<String[]> parts = split(rule.slice(), known);
        String where = SliceSettings.describe(rule.element()) + " on slice '" + rule.slice() + "'";
        String element = rule.element().replaceAll("\\[\\d+]", "");
        String ruleElement = element.startsWith("ml.") ? element : element.replaceAll("/(min|max)$", "/slice");
        if (parts.get(0)[0] == null) {
            String first = parts.get(0)[1].split("[=<>]", 2)[0].strip();
            throw new InvalidConfigurationException(
                    ruleElement,
                    where + ": '" + first + "' is not an attribute of any configured <slice>"
                            + ClosestName.to(first, known)
                                    .map(n -> " (did you mean " + n + "?)")
                                    .orElse("")
                            + "; write the slice as attribute=value, joined by commas when crossed, e.g."
                            + " channel=atm,country=NL; sliced attributes: " + String.join(", ", known));
        }
        Set<String> named = new HashSet<>();
        for (String[] part : parts) {
            if (!named.add(part[0])) {
                throw new InvalidConfigurationException(
                        ruleElement, where + " names '" + part[0] + "' twice; name each attribute once");
            }
        }
        for (int d = 0; d < definitions.size(); d++) {
            Definition definition = definitions.get(d);
            Set<String> attributes = new HashSet<>();
            definition.axes().forEach(a -> attributes.add(a.name()));
            if (!attributes.equals(named)) {
                continue;
            }
            long key = 0;
            for (int a = 0; a < definition.axes().size(); a++) {
                Axis axis = definition.axes().get(a);
                String label = null;
                for (String[] part : parts) {
                    if (part[0].equals(axis.name())) {
                        label = part[1];
                    }
                }
                int code = axis.codeOf(label);
                if (code < 0) {
                    List<String> labels = axis.labels();
                    throw new InvalidConfigurationException(
                            ruleElement,
                            where + ": '" + label + "' is no slice of " + axis.name()
                                    + ClosestName.to(label, labels)
                                            .map(n -> " (did you mean " + n + "?)")
                                            .orElse("")
                                    + "; its slices: " + String.join(" ", labels));
                }
                key = key * axis.codes() + code;
            }
            return new ResolvedRule(rule, d, key, definition.name(key));
        }
        List<String> configured =
                definitions.stream().map(Definition::attributes).toList();
        throw new InvalidConfigurationException(
                ruleElement,
                where + " crosses " + String.join(",", new TreeSet<>(named)) + ", but no <slice> has exactly these"
                        + " attributes; configured slices: " + String.join(" | ", configured)
                        + " (add <slice><attributes>" + String.join(",", named) + "</attributes></slice> to <slices>)");
    }

    /**
     * The parts of {@code text}, each {@code {attribute, label}} with its label as written ({@code channel=atm}); a
     * comma starts a new part only where a sliced attribute's name follows it, so a bin such as {@code [0,100)} or a
     * value with a comma stays whole. A text that does not start with a sliced attribute gives {@code {null, text}}.
     */
    static List<String[]> split(String text, Set<String> attributes) {
        List<String[]> parts = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            String name = attributeAt(text, start, attributes);
            if (name == null) {
                return List.<String[]>of(new String[] {null, text.substring(start)});
            }
            int end = start + name.length();
            int next = text.indexOf(',', end);
            while (next >= 0 && attributeAt(text, next + 1, attributes) == null) {
                next = text.indexOf(',', next + 1);
            }
            int stop = next < 0 ? text.length() : next;
            parts.add(new String[] {name, text.substring(start, stop).strip()});
            if (next < 0) {
                break;
            }
            start = next + 1;
        }
        return parts;
    }

    /** The longest sliced attribute written at {@code index} and followed by {@code =}, {@code <} or {@code >=}. */
    private static String attributeAt(String text, int index, Set<String> attributes) {
        String best = null;
        String rest = text.substring(Math.min(index, text.length())).stripLeading();
        for (String name : attributes) {
            if (rest.startsWith(name)
                    && (best == null || name.length() > best.length())
                    && (rest.startsWith("=", name.length())
                            || rest.startsWith("<", name.length())
                            || rest.startsWith(">=", name.length()))) {
                best = name;
            }
        }
        return best;
    }

    /** One {@code <slice>}: its attributes, crossed; a row's slice is a number, its mixed-radix digits the axes' codes. */
    static final class Definition {
        private final String attributes;
        private final List<Axis> axes;
        /** The layout of the last data set a row came from: rows of one data set share it. */
        private Instances lastDataset;

        private int[] lastIndex;
        private int[][] lastValueMap;

        Definition(String attributes, List<Axis> axes) {
            this.attributes = attributes;
            this.axes = List.copyOf(axes);
        }

        String attributes() {
            return attributes;
        }

        List<Axis> axes() {
            return axes;
        }

        /** The slice of {@code row}, found by attribute name and value label in whatever data set the row is in. */
        long key(Instance row) {
            Instances dataset = row.dataset();
            if (dataset != lastDataset) {
                layout(dataset);
            }
            long key = 0;
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                int index = lastIndex[a];
                int code;
                if (index < 0 || row.isMissing(index)) {
                    code = axis.missingCode();
                } else if (axis.values() != null) {
                    code = lastValueMap[a][(int) row.value(index)];
                } else {
                    code = axis.bin(row.value(index));
                }
                key = key * axis.codes() + code;
            }
            return key;
        }

        private void layout(Instances dataset) {
            lastDataset = dataset;
            lastIndex = new int[axes.size()];
            lastValueMap = new int[axes.size()][];
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                Attribute attribute = dataset == null ? null : dataset.attribute(axis.name());
                lastIndex[a] = attribute == null ? -1 : attribute.index();
                if (attribute != null && axis.values() != null) {
                    int[] map = new int[attribute.numValues()];
                    for (int v = 0; v < map.length; v++) {
                        int code = axis.values().indexOf(attribute.value(v));
                        map[v] = code < 0 ? axis.missingCode() : code;
                    }
                    lastValueMap[a] = map;
                }
            }
        }

        /** The slice's name, e.g. {@code channel=atm,amount=[0,100)}. */
        String name(long key) {
            String[] labels = new String[axes.size()];
            for (int a = axes.size() - 1; a >= 0; a--) {
                Axis axis = axes.get(a);
                labels[a] = axis.label((int) (key % axis.codes()));
                key /= axis.codes();
            }
            return String.join(",", labels);
        }
    }

    /**
     * One attribute of a slice: a nominal one has a code per value, a numeric one a code per bin; the last code is a
     * missing value.
     *
     * @param values the nominal values; null for a numeric attribute
     * @param cuts the cut points of a numeric attribute; null for a nominal one
     */
    record Axis(String name, List<String> values, double[] cuts) {
        int codes() {
            return (values != null ? values.size() : cuts.length + 1) + 1;
        }

        int missingCode() {
            return codes() - 1;
        }

        /** The bin of {@code value}: the number of cut points at or below it. */
        int bin(double value) {
            int found = Arrays.binarySearch(cuts, value);
            return found >= 0 ? found + 1 : -found - 1;
        }

        String label(int code) {
            if (code == missingCode()) {
                return name + "=" + SliceNames.MISSING;
            }
            return values != null ? name + "=" + values.get(code) : SliceNames.bin(name, cuts, code);
        }

        List<String> labels() {
            List<String> labels = new ArrayList<>();
            for (int code = 0; code < codes(); code++) {
                labels.add(label(code));
            }
            return labels;
        }

        /** The code of a label as written ({@code channel=atm}), -1 when it is none of this attribute's. */
        int codeOf(String label) {
            Map<String, Integer> codes = new HashMap<>();
            for (int code = 0; code < codes(); code++) {
                codes.put(label(code), code);
            }
            Integer code = codes.get(label);
            return code == null ? -1 : code;
        }
    }
}
