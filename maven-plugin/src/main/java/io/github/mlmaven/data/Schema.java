package io.github.mlmaven.data;

import io.github.mlmaven.runtime.DateValues;
import io.github.mlmaven.weka.WekaInternals;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * The attributes of a data set and which one is the class. It is written into the model card, and test data is read
 * against the training schema, so nominal values keep the same indexes in both.
 */
public record Schema(List<AttributeSpec> attributes, String classAttribute) {
    public Schema {
        attributes = List.copyOf(attributes);
    }

    public int classIndex() {
        return indexOf(classAttribute);
    }

    public int indexOf(String name) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public AttributeSpec classSpec() {
        return attributes.get(classIndex());
    }

    /** True when an attribute is a string attribute (whose values Weka keeps in the header, so rows cannot stream). */
    public boolean hasStringAttributes() {
        return attributes.stream().anyMatch(a -> a.type() == AttributeType.STRING);
    }

    public String attributeNames() {
        return attributes.stream().map(AttributeSpec::name).collect(Collectors.joining(", "));
    }

    /** An empty Weka data set with this schema and the class index set. */
    public Instances emptyInstances(String relation, int capacity) {
        ArrayList<Attribute> wekaAttributes = new ArrayList<>();
        for (AttributeSpec spec : attributes) {
            wekaAttributes.add(
                    switch (spec.type()) {
                        case NUMERIC -> new Attribute(spec.name());
                        case NOMINAL -> new Attribute(spec.name(), new ArrayList<>(spec.values()));
                        case STRING -> new Attribute(spec.name(), (List<String>) null);
                        case DATE -> dateAttribute(spec);
                    });
        }
        Instances instances = new Instances(relation, wekaAttributes, capacity);
        instances.setClassIndex(classIndex());
        return instances;
    }

    /** A date attribute whose format is in UTC, as its values are read, whatever the machine's time zone. */
    private static Attribute dateAttribute(AttributeSpec spec) {
        Attribute attribute = new Attribute(spec.name(), spec.format());
        WekaInternals.shared().setDateFormat(attribute, DateValues.patternFormat(attribute.getDateFormat()));
        return attribute;
    }

    /**
     * The schema of a Weka data set. Relational attributes are refused by the caller before this is reached.
     */
    public static Schema of(Instances header) {
        List<AttributeSpec> specs = new ArrayList<>();
        for (int i = 0; i < header.numAttributes(); i++) {
            Attribute a = header.attribute(i);
            if (a.isDate()) {
                specs.add(new AttributeSpec(a.name(), AttributeType.DATE, List.of(), a.getDateFormat()));
            } else if (a.isNominal()) {
                List<String> values = new ArrayList<>();
                for (int v = 0; v < a.numValues(); v++) {
                    values.add(a.value(v));
                }
                specs.add(new AttributeSpec(a.name(), AttributeType.NOMINAL, values));
            } else if (a.isString()) {
                specs.add(new AttributeSpec(a.name(), AttributeType.STRING, List.of()));
            } else {
                specs.add(new AttributeSpec(a.name(), AttributeType.NUMERIC, List.of()));
            }
        }
        return new Schema(specs, header.classAttribute().name());
    }
}
