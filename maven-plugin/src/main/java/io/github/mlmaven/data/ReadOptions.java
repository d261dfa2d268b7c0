package io.github.mlmaven.data;

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
}
