package io.github.mlmaven.runtime;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import weka.classifiers.Classifier;
import weka.core.Instances;

/**
 * A model promoted by ml-maven-plugin, loaded, verified and ready to predict.
 *
 * <pre>{@code
 * Model model = Model.load("credit-risk");             // META-INF/ml-models/credit-risk/ on the class path
 * Map<String, Object> applicant = new HashMap<>();
 * applicant.put("checking_status", "<0");               // nominal: one of the values seen in training
 * applicant.put("duration", 24);                         // numeric: any Number
 * applicant.put("own_telephone", null);                  // null: the value is unknown (missing)
 * ...                                                    // every other feature of the model
 * String risk = model.predict(applicant);                // "good" or "bad"
 * Map<String, Double> p = model.distribution(applicant); // {good=0.83, bad=0.17}
 * }</pre>
 *
 * <h2>Loading</h2>
 *
 * {@link #load(String)} finds the bundle at {@code META-INF/ml-models/<modelName>/} (see {@link BundleLayout}) on the
 * thread's context class loader, and on this class's loader when there is none or it does not have the model. {@link #load(Path)} reads a bundle
 * folder such as the plugin's {@code target/ml/<modelName>/}, or a model jar. Loading then
 *
 * <ol>
 *   <li>reads {@code model-card.json} and the model's bytes, never more than the card's {@code modelSizeBytes} and
 *       the limits of {@link ModelLimits} ({@link ModelBytes});
 *   <li>checks the bytes' SHA-256 against the card's {@code modelSha256}, and refuses a model that differs (a {@link
 *       ModelIntegrityException} naming the resource and both hashes) before a byte of it is deserialized;
 *   <li>deserializes it through {@link SafeModelReader}'s allow-list and limits: Weka's classes and the JDK's value
 *       and collection classes only, unless {@link Loader#alsoAllow(Predicate)} vouches for more (a model that uses a
 *       custom filter of your own, say);
 *   <li>rebuilds the training header from the card's schema, nominal values in the card's order, and checks it
 *       against the header saved with the model, so every feature is encoded with the index the model was trained
 *       with;
 *   <li>predicts one row of missing values, refusing a model whose state contradicts itself.
 * </ol>
 *
 * Every failure of loading is a {@link ModelIntegrityException} naming the file, whatever the JVM threw.
 *
 * <h2>Features</h2>
 *
 * A prediction takes a map from attribute name to value, checked against the training schema; every problem is a
 * {@link ModelInputException} that names the feature:
 *
 * <ul>
 *   <li>Every feature of the model must be a key of the map ({@link #featureNames()}); an absent key is an error,
 *       because a forgotten column is the most common cause of training-serving skew. An explicit {@code null} value
 *       says "unknown" and is passed to Weka as a missing value, which the model handles as it did in training.
 *   <li>A key that is not a feature of the model is an error that lists the features (typos are caught, not
 *       ignored). The class attribute may be given or left out; its value is ignored.
 *   <li>A numeric feature takes a {@link Number} ({@code Integer}, {@code Long}, {@code Double}, {@code BigDecimal},
 *       ...), never a {@code String}: parsing text is the application's job, with its own locale. NaN and infinities
 *       are refused; use {@code null}.
 *   <li>A nominal or string feature takes a {@code String} (any {@link CharSequence}), or a {@code Boolean}, {@code
 *       Character}, enum constant or integral number ({@code Integer}, {@code Long}, {@code Short}, {@code Byte},
 *       {@code BigInteger}), converted with {@code toString()}. Floating-point numbers are refused ({@code 1.0} is
 *       not {@code "1"}).
 *   <li>A nominal value must be one the model saw in training, spelt exactly (case matters); otherwise the error
 *       lists the known values.
 *   <li>A date feature (type {@code date} in the card, with its {@code format}) takes a {@code String} in ISO-8601
 *       ({@code 2024-03-01}, {@code 2024-03-01T10:15:30}, {@code 2024-03-01 10:15:30.250}, with {@code Z} or an offset
 *       such as {@code +02:00}; see {@link DateValues}) or, for a card format that is no ISO pattern, text of that
 *       format; or a {@code java.time.Instant}, {@code OffsetDateTime}, {@code ZonedDateTime}, {@code LocalDate},
 *       {@code LocalDateTime} or a {@code java.util.Date}. A time without an offset (text or {@code LocalDateTime}) is
 *       UTC, as the plugin read it in training.
 * </ul>
 *
 * <h2>Threads</h2>
 *
 * A {@code Model} is safe to share between threads. Weka classifiers are not, in general: a {@code
 * FilteredClassifier} passes every instance through its filter's state, and string attributes keep their current value
 * in the header. So each scoring call borrows a private copy of the classifier and header, deserialized from the
 * verified bytes, and returns it afterwards. There are never more copies than calls that ran at the same time, and
 * idle copies are reused, so a single-threaded application holds one. The model's bytes stay in memory to make new
 * copies. Nothing is kept per thread, so no {@code ThreadLocal} outlives its application.
 */
public final class Model {
    /** What a model predicts: a class label (classification) or a number (regression). */
    public enum ClassType {
        /** A classifier: {@link #predict(Map)} returns one of {@link #classValues()}. */
        NOMINAL,
        /** A regression model: {@link #predictValue(Map)} returns the number. */
        NUMERIC
    }

    private final ModelCard card;
    private final ModelSchema schema;
    private final InputSchema inputs;
    private final ClassType classType;
    private final List<String> classValues;
    private final byte[] modelBytes;
    private final String source;
    private final ClassLoader classLoader;
    private final Predicate<Class<?>> alsoAllowed;
    private final ConcurrentLinkedDeque<Scorer> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger copies = new AtomicInteger();

    private Model(BundleReader.RawBundle bundle, ClassLoader classLoader, Predicate<Class<?>> alsoAllowed) {
        this.card = bundle.card();
        this.source = bundle.modelSource();
        this.classLoader = classLoader;
        this.alsoAllowed = alsoAllowed;
        this.inputs = InputSchema.of(card, BundleLayout.CARD_FILE + " of " + source);
        this.schema = ModelSchema.of(card);
        this.classType =
                inputs.classColumn().type() == InputSchema.Type.NOMINAL ? ClassType.NOMINAL : ClassType.NUMERIC;
        this.classValues = inputs.classColumn().values();

        // BundleReader checked the bytes' size and SHA-256 against the card as it read them
        this.modelBytes = bundle.model();
        SafeModelReader.Contents contents =
                SafeModelReader.readWithHeader(modelBytes, source, classLoader, alsoAllowed);
        Instances header = inputs.newHeader();
        if (contents.header() != null) {
            String difference;
            try {
                difference = inputs.differenceFrom(contents.header());
            } catch (RuntimeException e) {
                throw new ModelIntegrityException(
                        "the training header saved in " + source + " is corrupt (" + e + "); it was not loaded", e);
            }
            if (difference != null) {
                throw new ModelIntegrityException("the schema in " + BundleLayout.CARD_FILE + " does not match the"
                        + " training header saved in " + source + " (" + difference + "); the card was edited or"
                        + " belongs to another model, and predictions would use the wrong indexes, so it is not"
                        + " loaded");
            }
        }
        Scorer scorer = new Scorer(contents.classifier(), header);
        probe(scorer);
        idle.push(scorer);
        copies.incrementAndGet();
    }

    /**
     * Predicts once with every feature missing, which takes every branch of a tree and every coefficient of a linear
     * model: a model that deserialized but whose state is inconsistent (a flipped bit in an index or a null where a
     * subtree belongs) fails here, at load, rather than on some later prediction.
     */
    private void probe(Scorer scorer) {
        InputSchema.Encoded encoded = inputs.allMissing();
        try {
            if (classType == ClassType.NOMINAL) {
                double[] distribution = scorer.distribution(encoded);
                if (distribution == null || distribution.length != classValues.size()) {
                    throw new ModelIntegrityException(source + " predicts "
                            + (distribution == null ? "nothing" : distribution.length + " probabilities") + " for the "
                            + classValues.size()
                            + " classes of its card; it is corrupt or belongs to another card, and was not loaded");
                }
            } else {
                scorer.classify(encoded);
            }
        } catch (ModelIntegrityException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            // a model may refuse such a row on purpose (a text model has nothing to normalize): only the failures of
            // inconsistent state count
            if (isInconsistentState(e)) {
                throw new ModelIntegrityException(
                        source + " is corrupt: it fails to predict a row whose every feature is missing (" + e
                                + "); it was not loaded",
                        e);
            }
        }
    }

    /** The exceptions of a classifier whose fields contradict one another, never of a valid one given a valid row. */
    private static boolean isInconsistentState(Throwable e) {
        return e instanceof NullPointerException
                || e instanceof ClassCastException
                || e instanceof IndexOutOfBoundsException
                || e instanceof NegativeArraySizeException
                || e instanceof ArrayStoreException
                || e instanceof StackOverflowError;
    }

    /**
     * Loads the model of that name from the class path: the thread's context class loader, and this class's loader
     * when the thread has none or the model is not found on it.
     *
     * @param modelName the model's name, e.g. {@code credit-risk}
     * @throws ModelNotFoundException when no {@code META-INF/ml-models/<modelName>/model-card.json} is on the class
     *     path
     * @throws ModelIntegrityException when the model does not match its card, holds a class outside the allow-list,
     *     or the same name is on the class path twice as different models
     */
    public static Model load(String modelName) {
        return loader().load(modelName);
    }

    /**
     * Loads the model of that name from the given class loader, which also resolves the model's classes.
     *
     * @see #load(String)
     */
    public static Model load(String modelName, ClassLoader classLoader) {
        return loader().classLoader(classLoader).load(modelName);
    }

    /**
     * Loads the model in a bundle folder (the plugin's {@code target/ml/<modelName>/}, holding {@code
     * model-card.json}), a folder holding {@code META-INF/ml-models/} (an unpacked jar), or a model jar. A folder
     * holding {@code META-INF/ml-models/} or a jar must hold exactly one model; otherwise name it with {@link
     * #load(Path, String)}.
     *
     * @throws ModelNotFoundException when there is no model at the path
     * @throws IllegalArgumentException when the jar or folder holds several models
     * @throws ModelIntegrityException as {@link #load(String)}
     */
    public static Model load(Path path) {
        return loader().load(path);
    }

    /**
     * Loads the named model from a jar or folder that holds {@code META-INF/ml-models/}, or from a bundle folder,
     * whose card must then be that model's.
     *
     * @see #load(Path)
     */
    public static Model load(Path path, String modelName) {
        return loader().load(path, modelName);
    }

    /** Loading with a chosen class loader or extra allowed classes: {@code Model.loader().alsoAllow(...).load(...)}. */
    public static Loader loader() {
        return new Loader();
    }

    /**
     * How to load a model: where its classes come from and which classes beyond Weka's and the JDK's it may hold.
     * Not thread-safe; each {@code load} returns an independent {@link Model}.
     */
    public static final class Loader {
        private ClassLoader classLoader;
        private Predicate<Class<?>> alsoAllowed = type -> false;

        private Loader() {}

        /**
         * The class loader that finds the model by name and resolves the classes in it. Default: the thread's context
         * class loader, and the loader of {@link Model} when there is none or the model is not found on it.
         */
        public Loader classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Allows the model to hold classes the predicate accepts, beyond Weka's and the JDK's value and collection
         * classes; e.g. {@code type -> type.getName().startsWith("com.example.features.")} for a custom filter. The
         * classes the allow-list always refuses ({@code java.lang.reflect}, {@code java.lang.invoke}, ...) stay
         * refused. Default: nothing more.
         */
        public Loader alsoAllow(Predicate<Class<?>> alsoAllowed) {
            this.alsoAllowed = Objects.requireNonNull(alsoAllowed, "alsoAllowed");
            return this;
        }

        /** @see Model#load(String) */
        public Model load(String modelName) {
            ClassLoader loader = effectiveLoader();
            BundleReader.RawBundle bundle;
            try {
                bundle = BundleReader.fromClassLoader(modelName, loader);
            } catch (ModelNotFoundException notFound) {
                ClassLoader own = Model.class.getClassLoader();
                if (classLoader != null || own == null || own == loader) {
                    throw notFound;
                }
                // the context class loader (a framework's, say) may not see the application's class path
                try {
                    bundle = BundleReader.fromClassLoader(modelName, own);
                    loader = own;
                } catch (ModelNotFoundException alsoNotFound) {
                    throw notFound;
                }
            }
            return new Model(bundle, loader, alsoAllowed);
        }

        /** @see Model#load(Path) */
        public Model load(Path path) {
            return new Model(BundleReader.fromPath(path, null), effectiveLoader(), alsoAllowed);
        }

        /** @see Model#load(Path, String) */
        public Model load(Path path, String modelName) {
            Objects.requireNonNull(modelName, "modelName");
            return new Model(BundleReader.fromPath(path, modelName), effectiveLoader(), alsoAllowed);
        }

        private ClassLoader effectiveLoader() {
            if (classLoader != null) {
                return classLoader;
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : Model.class.getClassLoader();
        }
    }

    /** The model's name, as in {@code <modelName>} of the plugin's configuration. */
    public String modelName() {
        return card.modelName();
    }

    /** The model card: algorithm, training data, lineage, schema, SHA-256. */
    public ModelCard card() {
        return card;
    }

    /** The training schema: attributes, types, nominal values, the class. */
    public ModelSchema schema() {
        return schema;
    }

    /** The name of the attribute the model predicts. */
    public String classAttribute() {
        return inputs.classColumn().name();
    }

    /** Whether the model predicts a label ({@link #predict(Map)}, {@link #distribution(Map)}) or a number. */
    public ClassType classType() {
        return classType;
    }

    /** The labels a nominal class can take, in the model's order (that of {@link #distribution(Map)}); empty for a
     * numeric class. */
    public List<String> classValues() {
        return classValues;
    }

    /** The features a prediction needs, in training order: every attribute but the class. */
    public List<String> featureNames() {
        return inputs.featureNames();
    }

    /** Where the model was read from: a file, a jar entry or a class path resource URL. */
    public String source() {
        return source;
    }

    /**
     * Predicts for one set of features.
     *
     * <p>For a nominal class: the label with the highest probability in {@link #distribution(Map)}, the first in
     * {@link #classValues()} order on a tie, as Weka's evaluation decides, so the figures in {@code validation.json}
     * describe these predictions. Null when every probability is zero (the model cannot decide).
     *
     * <p>For a numeric class: the predicted number as text, in plain decimal notation ({@code "42"}, {@code "198.5"},
     * {@code "0.00012"}; no exponent, no trailing zeros) that {@link Double#parseDouble} reads back to exactly the
     * value {@link #predictValue(Map)} returns. Null when the model cannot predict (Weka's missing value).
     *
     * @throws ModelInputException when the features do not fit the training schema (see the class comment)
     * @throws ModelIntegrityException when the classifier fails on a row that fits the schema (a corrupt model, or
     *     one trained with another Weka version)
     */
    public String predict(Map<String, ?> features) {
        InputSchema.Encoded encoded = inputs.encode(features);
        if (classType == ClassType.NOMINAL) {
            double[] distribution = score(encoded, Scorer::distribution);
            int best = -1;
            for (int i = 0; i < distribution.length; i++) {
                if (distribution[i] > 0 && (best < 0 || distribution[i] > distribution[best])) {
                    best = i;
                }
            }
            return best < 0 ? null : classValues.get(best);
        }
        double value = score(encoded, Scorer::classify);
        if (Double.isNaN(value)) {
            return null;
        }
        return Double.isInfinite(value)
                ? Double.toString(value)
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * Predicts the number for a numeric class (regression); NaN when the model cannot predict.
     *
     * @throws ModelInputException when the class is nominal (use {@link #predict(Map)}), or when the features do not
     *     fit the training schema
     * @throws ModelIntegrityException when the classifier fails on a row that fits the schema (a corrupt model, or
     *     one trained with another Weka version)
     */
    public double predictValue(Map<String, ?> features) {
        if (classType != ClassType.NUMERIC) {
            throw new ModelInputException(
                    null,
                    "model '" + modelName() + "' predicts nominal class '" + classAttribute() + "' (" + classValues
                            + "), not a number; use predict() for the label or distribution() for the"
                            + " probabilities");
        }
        return score(inputs.encode(features), Scorer::classify);
    }

    /**
     * The probability of each class label for one set of features, in {@link #classValues()} order; the values sum
     * to 1 for the usual classifiers.
     *
     * @throws ModelInputException when the class is numeric (a regression model has no distribution; use {@link
     *     #predictValue(Map)}), or when the features do not fit the training schema
     * @throws ModelIntegrityException when the classifier fails on a row that fits the schema (a corrupt model, or
     *     one trained with another Weka version)
     */
    public Map<String, Double> distribution(Map<String, ?> features) {
        if (classType != ClassType.NOMINAL) {
            throw new ModelInputException(
                    null,
                    "model '" + modelName() + "' predicts numeric class '" + classAttribute()
                            + "' (regression), which has no class distribution; use predictValue() or predict()");
        }
        double[] distribution = score(inputs.encode(features), Scorer::distribution);
        Map<String, Double> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < classValues.size(); i++) {
            byLabel.put(classValues.get(i), distribution[i]);
        }
        return byLabel;
    }

    /** How many copies of the classifier were deserialized so far (one per concurrent call at the peak). */
    int copies() {
        return copies.get();
    }

    @Override
    public String toString() {
        return "Model[" + modelName() + ", " + card.algorithm() + ", sha256 " + card.modelSha256() + ", from " + source
                + "]";
    }

    /** A scoring step on a borrowed copy; may throw what Weka throws. */
    @FunctionalInterface
    private interface Step<T> {
        T apply(Scorer scorer, InputSchema.Encoded encoded) throws Exception;
    }

    private <T> T score(InputSchema.Encoded encoded, Step<T> step) {
        Scorer scorer = idle.poll();
        if (scorer == null) {
            scorer = new Scorer(SafeModelReader.read(modelBytes, source, classLoader, alsoAllowed), inputs.newHeader());
        }
        T result;
        try {
            result = step.apply(scorer, encoded);
        } catch (Exception | StackOverflowError e) {
            // the copy may be half-way through its filters: drop it, the next call makes a fresh one. The row fits
            // the schema, so the failure is the model's
            throw new ModelIntegrityException(
                    "model '" + modelName() + "' from " + source + " failed to score a row: " + e
                            + "; the model is corrupt, was trained with another Weka version (the card's"
                            + " wekaVersion), or its algorithm cannot score such a row",
                    e);
        }
        idle.push(scorer);
        return result;
    }

    /** One private copy of the classifier with a header of its own; used by one call at a time. */
    private final class Scorer {
        private final Classifier classifier;
        private final Instances header;

        Scorer(Classifier classifier, Instances header) {
            this.classifier = classifier;
            this.header = header;
        }

        double[] distribution(InputSchema.Encoded encoded) throws Exception {
            return classifier.distributionForInstance(inputs.instance(encoded, header));
        }

        Double classify(InputSchema.Encoded encoded) throws Exception {
            return classifier.classifyInstance(inputs.instance(encoded, header));
        }
    }
}
