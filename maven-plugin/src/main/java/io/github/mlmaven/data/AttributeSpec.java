package io.github.mlmaven.data;

import java.util.List;

/**
 * One attribute of a schema.
 *
 * @param name the attribute (column) name
 * @param type its type
 * @param values the nominal values in Weka's index order; empty for other attributes
 * @param format a date attribute's pattern ({@link java.text.SimpleDateFormat}'s, as Weka's date attributes); null for
 *     other attributes
 */
public record AttributeSpec(String name, AttributeType type, List<String> values, String format) {
    public AttributeSpec {
        values = List.copyOf(values);
    }

    /** An attribute that is not a date. */
    public AttributeSpec(String name, AttributeType type, List<String> values) {
        this(name, type, values, null);
    }
}
