package io.github.mlmaven.runtime;

import java.util.Optional;

/**
 * Where a model and its documents live: the file names of a model bundle, and the fixed path of a bundle inside a
 * promoted model jar. This class is the one definition of the layout; {@code ml:train} writes the bundle folder with
 * these names, {@code ml:promote} builds the jar with these paths, and {@link Model} reads both.
 *
 * <h2>A bundle</h2>
 *
 * A bundle is one folder per model, named after the model, holding four files:
 *
 * <table>
 *   <caption>The files of a bundle</caption>
 *   <tr><th>file</th><th>what</th></tr>
 *   <tr><td>{@code <modelName>.model}</td><td>the classifier and then the empty training header ({@code
 *       weka.core.Instances}), in Java serialization, as Weka's own {@code SerializationHelper.writeAll} saves a
 *       model</td></tr>
 *   <tr><td>{@code model-card.json}</td><td>the {@link ModelCard}: what was trained from which data, the schema, and
 *       the model file's {@code modelSha256}</td></tr>
 *   <tr><td>{@code validation.json}</td><td>the evaluation and the gate's verdict written by {@code ml:validate}</td></tr>
 *   <tr><td>{@code schema.json}</td><td>the card's schema section as a document of its own, a {@link ModelSchema}
 *       (only in a promoted jar; the card stays authoritative)</td></tr>
 * </table>
 *
 * <p>In the build the folder is {@code target/ml/<modelName>/} (without {@code schema.json}). In a promoted jar it is
 * {@value #ROOT}{@code <modelName>/}, for example:
 *
 * <pre>
 * META-INF/ml-models/credit-risk/credit-risk.model
 * META-INF/ml-models/credit-risk/model-card.json
 * META-INF/ml-models/credit-risk/validation.json
 * META-INF/ml-models/credit-risk/schema.json
 * </pre>
 *
 * <p>Because the path contains the model name, several model jars can be on one classpath, and
 * {@code Model.load("credit-risk")} finds its own with {@link ClassLoader#getResource(String)}. Resource paths use
 * {@code /} and have no leading slash, as {@code ClassLoader} and jar entries expect.
 *
 * <p>A model name is what {@code <modelName>} in the plugin's configuration says, e.g. {@code credit-risk}. It must be
 * usable as one path segment: not blank, no {@code /} or {@code \}, not {@code .} or {@code ..}, no control
 * characters and no leading or trailing whitespace ({@link #checkModelName(String)}).
 */
public final class BundleLayout {
    /** The folder of all models in a jar, with its trailing slash: {@value}. */
    public static final String ROOT = "META-INF/ml-models/";

    /** The model card's file name: {@value}. */
    public static final String CARD_FILE = "model-card.json";

    /** The validation report's file name: {@value}. */
    public static final String VALIDATION_FILE = "validation.json";

    /** The schema document's file name: {@value}. */
    public static final String SCHEMA_FILE = "schema.json";

    /** The model file's extension, after the model name: {@value}. */
    public static final String MODEL_FILE_EXTENSION = ".model";

    private BundleLayout() {}

    /** The model file's name in its bundle: {@code <modelName>.model}. */
    public static String modelFileName(String modelName) {
        return checkModelName(modelName) + MODEL_FILE_EXTENSION;
    }

    /** The bundle's folder in a jar, with a trailing slash: {@code META-INF/ml-models/<modelName>/}. */
    public static String directory(String modelName) {
        return ROOT + checkModelName(modelName) + "/";
    }

    /** {@code META-INF/ml-models/<modelName>/<modelName>.model}. */
    public static String modelResource(String modelName) {
        return directory(modelName) + modelFileName(modelName);
    }

    /** {@code META-INF/ml-models/<modelName>/model-card.json}. */
    public static String cardResource(String modelName) {
        return directory(modelName) + CARD_FILE;
    }

    /** {@code META-INF/ml-models/<modelName>/validation.json}. */
    public static String validationResource(String modelName) {
        return directory(modelName) + VALIDATION_FILE;
    }

    /** {@code META-INF/ml-models/<modelName>/schema.json}. */
    public static String schemaResource(String modelName) {
        return directory(modelName) + SCHEMA_FILE;
    }

    /**
     * The model name of a card's jar entry or resource path: {@code credit-risk} for {@code
     * META-INF/ml-models/credit-risk/model-card.json}; empty for any other path.
     */
    public static Optional<String> modelNameOfCard(String resourcePath) {
        if (resourcePath == null
                || !resourcePath.startsWith(ROOT)
                || !resourcePath.endsWith("/" + CARD_FILE)
                || resourcePath.length() <= ROOT.length() + CARD_FILE.length() + 1) {
            return Optional.empty();
        }
        String name = resourcePath.substring(ROOT.length(), resourcePath.length() - CARD_FILE.length() - 1);
        return isValidModelName(name) ? Optional.of(name) : Optional.empty();
    }

    /**
     * Returns the name when it can name a model (one path segment, see the class comment).
     *
     * @throws IllegalArgumentException naming the rule it breaks
     */
    public static String checkModelName(String modelName) {
        if (!isValidModelName(modelName)) {
            throw new IllegalArgumentException("'" + modelName + "' cannot name a model: a model name must be one"
                    + " path segment, not blank, without '/', '\\', control characters or leading or trailing"
                    + " whitespace, and not '.' or '..' (e.g. credit-risk)");
        }
        return modelName;
    }

    static boolean isValidModelName(String name) {
        if (name == null || name.isBlank() || !name.equals(name.strip()) || name.equals(".") || name.equals("..")) {
            return false;
        }
        return name.chars().noneMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c));
    }
}
