package io.github.mlmaven.data;

import java.util.List;

/**
 * One attribute of a schema.
 *
 * @param name the attribute (column) name
 * @param type its type
 * @param values the nominal values in Weka's index order; empty for numeric and string attributes
 */
public record AttributeSpec(String name, AttributeType type, List<String> values) {
    public AttributeSpec {
        values = List.copyOf(values);
    }
}
