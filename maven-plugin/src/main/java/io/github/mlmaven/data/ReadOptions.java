package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidConfigurationException;
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
 * @param exclude columns dropped as the data is read ({@code <exclude>}), in the order configured: never attributes
 *     of the model; each must be a column of the training data
 */
public record ReadOptions(String classAttribute, Map<String, AttributeType> attributeTypes, Set<String> exclude) {
    public ReadOptions {
        attributeTypes = attributeTypes == null ? Map.of() : Map.copyOf(attributeTypes);
        exclude = exclude == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(exclude));
    }

    /** Options that drop no column. */
    public ReadOptions(String classAttribute, Map<String, AttributeType> attributeTypes) {
        this(classAttribute, attributeTypes, Set.of());
    }

    /**
     * From the configuration as written: {@code <attributeTypes><zip>nominal</zip></attributeTypes>} and the property
     * form {@code zip:nominal,text:string}; a column in the property overrides the same column in the map.
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
                int colon = pair.lastIndexOf(':');
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
        raw.forEach((column, type) -> {
            AttributeType parsed = type == null ? null : AttributeType.parse(type);
            if (parsed == null) {
                throw new InvalidConfigurationException(
                        "attributeTypes/" + column,
                        "type '" + type + "' of column '" + column + "' is not one of numeric, nominal, string");
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
        return new ReadOptions(name, types, dropped);
    }
}
