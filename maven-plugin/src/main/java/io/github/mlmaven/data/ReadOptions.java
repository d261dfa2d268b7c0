package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.runtime.DateValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to read training data.
 *
 * @param classAttribute the class attribute's name, or null for the last attribute
 * @param attributeTypes types that override what is inferred from CSV columns, by column name
 * @param datePatterns the pattern ({@link java.text.SimpleDateFormat}'s) of columns declared {@code date} with one,
 *     by column name; the values of such a column are read as ISO-8601 or else with the pattern
 * @param exclude columns dropped as the data is read ({@code <exclude>}), in the order configured: never attributes
 *     of the model; each must be a column of the training data
 */
public record ReadOptions(
        String classAttribute,
        Map<String, AttributeType> attributeTypes,
        Map<String, String> datePatterns,
        Set<String> exclude) {
    public ReadOptions {
        attributeTypes = attributeTypes == null ? Map.of() : Map.copyOf(attributeTypes);
        datePatterns = datePatterns == null ? Map.of() : Map.copyOf(datePatterns);
        exclude = exclude == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(exclude));
    }

    /** Options without date patterns that drop no column. */
    public ReadOptions(String classAttribute, Map<String, AttributeType> attributeTypes) {
        this(classAttribute, attributeTypes, Map.of(), Set.of());
    }

    /**
     * From the configuration as written: {@code <attributeTypes><zip>nominal</zip></attributeTypes>} and the property
     * form {@code zip:nominal,text:string}; a column in the property overrides the same column in the map. A date
     * column may name its pattern after the type, as ARFF does: {@code <visit>date dd.MM.yyyy HH:mm</visit>}, or
     * {@code visit:date dd.MM.yyyy HH:mm} in the property (whose entries are split at commas, so its patterns hold
     * none).
     */
    public static ReadOptions fromConfiguration(
            String classAttribute, Map<String, String> attributeTypes, String attributeTypesProperty) {
        return fromConfiguration(classAttribute, attributeTypes, attributeTypesProperty, List.of());
    }

    /**
     * As {@link #fromConfiguration(String, Map, String)}, with the columns {@code <exclude>} drops (its
     * {@code <column>} elements, or {@code -Dml.exclude=id,created_at}); blank names are ignored. A column cannot be
     * both dropped and the class attribute or typed by {@code <attributeTypes>}.
     */
    public static ReadOptions fromConfiguration(
            String classAttribute,
            Map<String, String> attributeTypes,
            String attributeTypesProperty,
            List<String> exclude) {
        Map<String, String> raw = new LinkedHashMap<>();
        if (attributeTypes != null) {
            raw.putAll(attributeTypes);
        }
        if (attributeTypesProperty != null && !attributeTypesProperty.isBlank()) {
            for (String pair : attributeTypesProperty.split(",")) {
                int colon = typeColon(pair);
                if (colon <= 0) {
                    throw new InvalidConfigurationException(
                            "ml.attributeTypes",
                            "-Dml.attributeTypes entry '" + pair
                                    + "' is not of the form column:type, e.g. zip:nominal");
                }
                raw.put(
                        pair.substring(0, colon).strip(),
                        pair.substring(colon + 1).strip());
            }
        }
        Map<String, AttributeType> types = new LinkedHashMap<>();
        Map<String, String> patterns = new LinkedHashMap<>();
        raw.forEach((column, type) -> {
            String text = type == null ? "" : type.strip();
            int space = firstWhitespace(text);
            String word = space < 0 ? text : text.substring(0, space);
            String pattern = space < 0 ? null : text.substring(space).strip();
            AttributeType parsed = type == null ? null : AttributeType.parse(word);
            if (parsed == null) {
                throw new InvalidConfigurationException(
                        "attributeTypes/" + column,
                        "type '" + type + "' of column '" + column + "' is not one of numeric, nominal, string, date"
                                + " (a date may name its pattern: date dd.MM.yyyy HH:mm)");
            }
            if (pattern != null && parsed != AttributeType.DATE) {
                throw new InvalidConfigurationException(
                        "attributeTypes/" + column,
                        "type '" + type + "' of column '" + column + "' names a pattern, which only a date takes;"
                                + " write " + parsed.jsonName() + " alone, or date followed by the pattern");
            }
            if (pattern != null) {
                checkPattern(column, pattern);
                patterns.put(column, pattern);
            }
            types.put(column, parsed);
        });
        String name = classAttribute == null || classAttribute.isBlank() ? null : classAttribute.strip();
        Set<String> dropped = new LinkedHashSet<>();
        for (String column : exclude == null ? List.<String>of() : exclude) {
            if (column != null && !column.isBlank()) {
                dropped.add(column.strip());
            }
        }
        if (name != null && dropped.contains(name)) {
            throw new InvalidConfigurationException(
                    "exclude",
                    "<exclude> drops column '" + name + "', which is the <classAttribute>; remove it from <exclude>");
        }
        for (String column : types.keySet()) {
            if (dropped.contains(column)) {
                throw new InvalidConfigurationException(
                        "exclude",
                        "<exclude> drops column '" + column + "', which <attributeTypes> gives a type; remove it from"
                                + " one of them");
            }
        }
        return new ReadOptions(name, types, patterns, dropped);
    }

    /**
     * The colon that separates column from type in a property entry: the last one, as column names may hold colons,
     * unless a date pattern with colons follows the type ({@code at:date HH:mm}): then the first one followed by a
     * type's name.
     */
    private static int typeColon(String pair) {
        int last = pair.lastIndexOf(':');
        if (last < 0 || AttributeType.parse(pair.substring(last + 1)) != null) {
            return last;
        }
        for (int colon = pair.indexOf(':'); colon >= 0; colon = pair.indexOf(':', colon + 1)) {
            String rest = pair.substring(colon + 1).strip();
            int space = firstWhitespace(rest);
            if (AttributeType.parse(space < 0 ? rest : rest.substring(0, space)) != null) {
                return colon;
            }
        }
        return pair.lastIndexOf(':');
    }

    private static int firstWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A pattern Weka's date attribute and the readers can use, else an error naming the column and the pattern. */
    private static void checkPattern(String column, String pattern) {
        try {
            DateValues.patternFormat(pattern);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    "attributeTypes/" + column,
                    "date pattern '" + pattern + "' of column '" + column + "' is not a date pattern ("
                            + e.getMessage() + "); write it as java.text.SimpleDateFormat and Weka's ARFF date"
                            + " attributes do, e.g. dd.MM.yyyy HH:mm, with literal text in single quotes");
        }
    }
}
