package io.github.mlmaven.data;

import java.util.Locale;

/** The attribute types the plugin reads; the names are those used in the model card and in attributeTypes. */
public enum AttributeType {
    NUMERIC,
    NOMINAL,
    STRING,
    /** A date or timestamp: Weka stores milliseconds since 1970-01-01T00:00:00Z; the pattern is the spec's format. */
    DATE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code numeric}, {@code nominal}, {@code string} or {@code date}, case-insensitively; null when unknown. */
    public static AttributeType parse(String text) {
        for (AttributeType type : values()) {
            if (type.name().equalsIgnoreCase(text.strip())) {
                return type;
            }
        }
        return null;
    }
}
