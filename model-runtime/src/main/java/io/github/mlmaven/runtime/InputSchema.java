package io.github.mlmaven.runtime;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The training schema of a model as the runtime uses it: checks a caller's features against it and turns them into a
 * Weka instance whose nominal indexes are those of training. Immutable; {@link #newHeader()} gives each scorer a header
 * of its own (string attributes keep the current value in their header).
 */
final class InputSchema {
    enum Type {
        NUMERIC,
        NOMINAL,
        STRING,
        DATE
    }

    /**
     * One attribute, its nominal values in training order and their indexes; {@code format} is a date attribute's
     * pattern, null for other types.
     */
    record Column(String name, Type type, List<String> values, Map<String, Integer> indexes, String format) {}

    /** Checked features as Weka values: numbers, nominal indexes, NaN for missing; string values kept apart. */
    record Encoded(double[] values, String[] strings) {}

    private static final int MAX_LISTED_VALUES = 30;

    private final String modelName;
    private final List<Column> columns;
    private final Map<String, Integer> byName;
    private final int classIndex;
    private final List<String> featureNames;

    private InputSchema(String modelName, List<Column> columns, int classIndex) {
        this.modelName = modelName;
        this.columns = List.copyOf(columns);
        this.classIndex = classIndex;
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            names.put(columns.get(i).name(), i);
        }
        this.byName = Map.copyOf(names);
        this.featureNames = columns.stream()
                .map(Column::name)
                .filter(name -> !name.equals(columns.get(classIndex).name()))
                .toList();
    }

    /** The schema of the card, checked for what prediction relies on. */
    static InputSchema of(ModelCard card, String cardSource) {
        ModelCard.SchemaSection schema = card.schema();
        if (schema == null || schema.attributes() == null || schema.attributes().isEmpty()) {
            throw new ModelIntegrityException(cardSource + " has no schema (attributes); it cannot describe a model");
        }
        List<Column> columns = new ArrayList<>();
        int classIndex = -1;
        for (ModelCard.AttributeEntry entry : schema.attributes()) {
            if (entry == null || entry.name() == null) {
                throw new ModelIntegrityException(cardSource + " has an attribute without a name in its schema");
            }
            Type type = parseType(entry.type());
            if (type == null) {
                throw new ModelIntegrityException(cardSource + " gives attribute '" + entry.name() + "' type '"
                        + entry.type() + "'; this ml-model-runtime knows numeric, nominal, string and date");
            }
            if (columns.stream().anyMatch(c -> c.name().equals(entry.name()))) {
                throw new ModelIntegrityException(
                        cardSource + " lists attribute '" + entry.name() + "' twice in its schema");
            }
            List<String> values = type == Type.NOMINAL ? List.copyOf(entry.values()) : List.of();
            Map<String, Integer> indexes = new HashMap<>();
            for (int v = 0; v < values.size(); v++) {
                if (indexes.put(values.get(v), v) != null) {
                    throw new ModelIntegrityException(cardSource + " lists value '" + values.get(v) + "' of attribute '"
                            + entry.name() + "' twice");
                }
            }
            if (entry.name().equals(schema.classAttribute())) {
                classIndex = columns.size();
            }
            String format = null;
            if (type == Type.DATE) {
                format = entry.format() == null ? DateValues.DATE_TIME_PATTERN : entry.format();
                try {
                    DateValues.patternFormat(format);
                } catch (IllegalArgumentException e) {
                    throw new ModelIntegrityException(cardSource + " gives date attribute '" + entry.name()
                            + "' the format '" + format + "', which is no date pattern: " + e.getMessage());
                }
            }
            columns.add(new Column(entry.name(), type, values, Map.copyOf(indexes), format));
        }
        if (classIndex < 0) {
            throw new ModelIntegrityException(cardSource + " names class attribute '" + schema.classAttribute()
                    + "', which is not among its schema's attributes");
        }
        Type classType = columns.get(classIndex).type();
        if (classType == Type.STRING
                || classType == Type.DATE
                || !classType.name().equalsIgnoreCase(String.valueOf(schema.classType()))) {
            throw new ModelIntegrityException(cardSource + " gives class type '" + schema.classType()
                    + "', but class attribute '" + schema.classAttribute() + "' is " + lower(classType));
        }
        return new InputSchema(card.modelName(), columns, classIndex);
    }

    private static Type parseType(String text) {
        if (text == null) {
            return null;
        }
        for (Type type : Type.values()) {
            if (type.name().equalsIgnoreCase(text.strip())) {
                return type;
            }
        }
        return null;
    }

    Column classColumn() {
        return columns.get(classIndex);
    }

    /** The attributes the caller supplies: all but the class, in training order. */
    List<String> featureNames() {
        return featureNames;
    }

    /** An empty data set with the training attributes, nominal values in the card's order, and the class index. */
    Instances newHeader() {
        ArrayList<Attribute> attributes = new ArrayList<>();
        for (Column column : columns) {
            attributes.add(
                    switch (column.type()) {
                        case NUMERIC -> new Attribute(column.name());
                        case NOMINAL -> new Attribute(column.name(), new ArrayList<>(column.values()));
                        case STRING -> new Attribute(column.name(), (List<String>) null);
                        case DATE -> new Attribute(column.name(), column.format());
                    });
        }
        Instances header = new Instances(modelName, attributes, 0);
        header.setClassIndex(classIndex);
        return header;
    }

    /**
     * How the header saved with the model differs from this schema, naming the attribute; null when they agree (the
     * same attributes in the same order, of the same types, with the same nominal values in the same order, and the
     * same class).
     */
    String differenceFrom(Instances saved) {
        if (saved.numAttributes() != columns.size()) {
            return "the card lists " + columns.size() + " attributes, the model was trained with "
                    + saved.numAttributes();
        }
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Attribute attribute = saved.attribute(i);
            if (!attribute.name().equals(column.name())) {
                return "attribute " + (i + 1) + " is '" + column.name() + "' in the card but '" + attribute.name()
                        + "' in the model";
            }
            // a date attribute is numeric to Weka too: asked first
            Type type = attribute.isDate()
                    ? Type.DATE
                    : attribute.isNominal()
                            ? Type.NOMINAL
                            : attribute.isString() ? Type.STRING : attribute.isNumeric() ? Type.NUMERIC : null;
            if (type != column.type()) {
                return "attribute '" + column.name() + "' is " + lower(column.type()) + " in the card but "
                        + Attribute.typeToString(attribute) + " in the model";
            }
            if (type == Type.NOMINAL) {
                List<String> values = new ArrayList<>();
                for (int v = 0; v < attribute.numValues(); v++) {
                    values.add(attribute.value(v));
                }
                if (!values.equals(column.values())) {
                    return "attribute '" + column.name() + "' has the values " + column.values() + " in the card but "
                            + values + " in the model";
                }
            }
        }
        if (saved.classIndex() != classIndex) {
            return "the class is '" + columns.get(classIndex).name() + "' in the card but "
                    + (saved.classIndex() < 0
                            ? "not set"
                            : "'" + saved.classAttribute().name() + "'")
                    + " in the model";
        }
        return null;
    }

    /**
     * An instance of the given header (from {@link #newHeader()}, owned by the calling thread) with the encoded
     * values; string values are set into the header's string attributes, Weka's way for one instance at a time.
     */
    /** A row whose every value is missing. */
    Encoded allMissing() {
        double[] values = new double[columns.size()];
        java.util.Arrays.fill(values, Utils.missingValue());
        return new Encoded(values, new String[columns.size()]);
    }

    Instance instance(Encoded encoded, Instances header) {
        double[] values = encoded.values().clone();
        for (int i = 0; i < values.length; i++) {
            String text = encoded.strings()[i];
            if (text != null) {
                header.attribute(i).setStringValue(text);
                values[i] = 0;
            }
        }
        Instance instance = new DenseInstance(1.0, values);
        instance.setDataset(header);
        return instance;
    }

    /** Checks the features against the schema and encodes them; every problem is a {@link ModelInputException}. */
    Encoded encode(Map<String, ?> features) {
        Objects.requireNonNull(features, "features");
        checkNames(features);
        double[] values = new double[columns.size()];
        String[] strings = new String[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object value = features.get(column.name());
            if (i == classIndex || value == null) {
                values[i] = Utils.missingValue();
                continue;
            }
            switch (column.type()) {
                case NUMERIC -> values[i] = number(column, value);
                case NOMINAL -> values[i] = nominalIndex(column, value);
                case STRING -> strings[i] = text(column, value);
                case DATE -> values[i] = date(column, value);
            }
        }
        return new Encoded(values, strings);
    }

    private void checkNames(Map<String, ?> features) {
        List<String> unknown = new ArrayList<>();
        for (String key : features.keySet()) {
            if (key == null || !byName.containsKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            Collections.sort(unknown, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
            String first = unknown.get(0);
            String hint = unknown.size() == 1
                    ? Suggestions.closest(first, featureNames)
                            .map(s -> " (did you mean '" + s + "'?)")
                            .orElse("")
                    : "";
            throw new ModelInputException(
                    first,
                    (unknown.size() == 1 ? "unknown feature " : "unknown features ") + quoted(unknown) + hint
                            + ": model '" + modelName + "' was not trained on "
                            + (unknown.size() == 1 ? "it" : "them") + ". Its features are: " + quoted(featureNames));
        }
        List<String> missing = featureNames.stream()
                .filter(name -> !features.containsKey(name))
                .toList();
        if (!missing.isEmpty()) {
            throw new ModelInputException(
                    missing.get(0),
                    (missing.size() == 1 ? "missing feature " : "missing features ") + quoted(missing) + ": model '"
                            + modelName + "' needs a value for every feature it was trained on; pass null for a"
                            + " value that is unknown (Weka treats it as missing). Its features are: "
                            + quoted(featureNames));
        }
    }

    private double number(Column column, Object value) {
        if (!(value instanceof Number number)) {
            throw wrongType(column, value, "a Number (Integer, Long, Double, BigDecimal, ...)");
        }
        double d = number.doubleValue();
        if (!Double.isFinite(d)) {
            throw new ModelInputException(
                    column.name(),
                    "feature '" + column.name() + "' is " + d + ", which is not a number a model can use; pass null"
                            + " for a missing value");
        }
        return d;
    }

    /** The milliseconds Weka stores for a date feature; see {@link Model} for what is accepted. */
    private double date(Column column, Object value) {
        long millis;
        if (value instanceof CharSequence text) {
            millis = DateValues.parse(text.toString(), column.format());
            if (millis == DateValues.NOT_A_DATE) {
                throw new ModelInputException(
                        column.name(),
                        "feature '" + column.name() + "' is a date and takes text of the form "
                                + DateValues.acceptedForms(column.format()) + ", but got \"" + value
                                + "\"; pass null for a missing value");
            }
        } else if (value instanceof java.time.Instant instant) {
            millis = instant.toEpochMilli();
        } else if (value instanceof java.time.OffsetDateTime time) {
            millis = time.toInstant().toEpochMilli();
        } else if (value instanceof java.time.ZonedDateTime time) {
            millis = time.toInstant().toEpochMilli();
        } else if (value instanceof java.time.LocalDateTime time) {
            // as the text of the same wall time without an offset is read: in UTC
            millis = time.toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        } else if (value instanceof java.time.LocalDate day) {
            millis = day.toEpochDay() * 86_400_000L;
        } else if (value instanceof java.util.Date date) {
            millis = date.getTime();
        } else {
            throw wrongType(
                    column,
                    value,
                    "a String of the form " + DateValues.acceptedForms(column.format())
                            + ", or an Instant, OffsetDateTime, ZonedDateTime, LocalDateTime (read as UTC),"
                            + " LocalDate or java.util.Date");
        }
        return millis;
    }

    private double nominalIndex(Column column, Object value) {
        String label = text(column, value);
        Integer index = column.indexes().get(label);
        if (index == null) {
            String hint = Suggestions.closest(label, column.values())
                    .map(s -> " (did you mean '" + s + "'?)")
                    .orElse("");
            throw new ModelInputException(
                    column.name(),
                    "feature '" + column.name() + "' has value '" + label + "', which model '" + modelName
                            + "' never saw in training" + hint + "; its values are: " + listed(column.values())
                            + ". Pass null if the value is unknown");
        }
        return index;
    }

    /** The text of a value for a nominal or string attribute; see {@link Model} for what is accepted. */
    private String text(Column column, Object value) {
        if (value instanceof CharSequence
                || value instanceof Character
                || value instanceof Boolean
                || value instanceof Enum<?>
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        throw wrongType(
                column,
                value,
                "a String (or a Boolean, Character, enum constant or integral number, converted with toString())");
    }

    private ModelInputException wrongType(Column column, Object value, String expected) {
        String shown = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
        return new ModelInputException(
                column.name(),
                "feature '" + column.name() + "' is " + lower(column.type()) + " and takes " + expected + ", but got "
                        + value.getClass().getName() + " " + shown + "; pass null for a missing value");
    }

    private static String lower(Type type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    private static String listed(List<String> values) {
        if (values.size() <= MAX_LISTED_VALUES) {
            return quoted(values);
        }
        return quoted(values.subList(0, MAX_LISTED_VALUES)) + " and " + (values.size() - MAX_LISTED_VALUES)
                + " more (see the model card's schema)";
    }
}
