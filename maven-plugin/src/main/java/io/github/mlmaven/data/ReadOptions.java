package io.github.mlmaven.data;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read training data.
 *
 * @param classAttribute the class attribute's name, or null for the last attribute
 * @param attributeTypes types that override what is inferred from CSV columns, by column name
 */
public record ReadOptions(String classAttribute, Map<String, AttributeType> attributeTypes) {
    public ReadOptions {
        attributeTypes = attributeTypes == null ? Map.of() : Map.copyOf(attributeTypes);
    }

    /**
     * From the configuration as written: {@code <attributeTypes><zip>nominal</zip></attributeTypes>} and the property
     * form {@code zip:nominal,text:string}; a column in the property overrides the same column in the map.
     */
    public static ReadOptions fromConfiguration(
            String classAttribute, Map<String, String> attributeTypes, String attributeTypesProperty) {
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
                        "type '" + type + "' of column '" + column + "' is not one of numeric, nominal, string, date");
            }
            types.put(column, parsed);
        });
        String name = classAttribute == null || classAttribute.isBlank() ? null : classAttribute.strip();
        return new ReadOptions(name, types);
    }
}
