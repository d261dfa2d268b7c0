package io.github.mlmaven.runtime;

import java.util.List;

/**
 * {@code schema.json} in a promoted model jar ({@link BundleLayout#SCHEMA_FILE}): what a model takes as input and
 * predicts, for tools and people that need the schema without the rest of the card. It is the card's {@code schema}
 * section plus the model's name and a {@code schemaVersion}; write it with {@link #of(ModelCard)} and {@link
 * Json#MAPPER}. The card stays authoritative: {@link Model} reads the schema from {@code model-card.json}.
 *
 * <pre>
 * {
 *   "schemaVersion" : 1,
 *   "modelName" : "credit-risk",
 *   "attributes" : [ { "name" : "duration", "type" : "numeric" },
 *                    { "name" : "class", "type" : "nominal", "values" : [ "good", "bad" ] } ],
 *   "classAttribute" : "class",
 *   "classType" : "nominal",
 *   "positiveClass" : "bad"
 * }
 * </pre>
 *
 * @param schemaVersion {@link #CURRENT_SCHEMA_VERSION}; changes when a field changes meaning
 * @param modelName the model's name
 * @param attributes every attribute of the training data in order, the class attribute among them; {@code type} is
 *     {@code numeric}, {@code nominal} or {@code string}, and {@code values} lists a nominal attribute's values in
 *     Weka's index order
 * @param classAttribute the name of the attribute the model predicts
 * @param classType {@code nominal} (classification) or {@code numeric} (regression)
 * @param positiveClass the class value that metrics such as recall refer to; null for a numeric class
 */
public record ModelSchema(
        int schemaVersion,
        String modelName,
        List<ModelCard.AttributeEntry> attributes,
        String classAttribute,
        String classType,
        String positiveClass) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    public ModelSchema {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** The schema of the model the card describes. */
    public static ModelSchema of(ModelCard card) {
        ModelCard.SchemaSection schema = card.schema();
        if (schema == null) {
            throw new ModelIntegrityException(
                    "the model card of '" + card.modelName() + "' has no schema section; it cannot describe a model");
        }
        return new ModelSchema(
                CURRENT_SCHEMA_VERSION,
                card.modelName(),
                schema.attributes(),
                schema.classAttribute(),
                schema.classType(),
                schema.positiveClass());
    }
}
