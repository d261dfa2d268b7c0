package io.github.mlmaven.weka;

import java.lang.reflect.Field;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import weka.classifiers.bayes.NaiveBayes;
import weka.classifiers.functions.Logistic;
import weka.classifiers.trees.J48;
import weka.classifiers.trees.j48.ClassifierTree;
import weka.classifiers.trees.j48.ModelSelection;
import weka.core.Attribute;
import weka.core.DateAttributeInfo;
import weka.core.Instance;
import weka.core.Instances;
import weka.estimators.Estimator;
import weka.estimators.NormalEstimator;
import weka.filters.supervised.attribute.Discretize;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

/**
 * Every protected or private Weka field the plugin reads or sets, in one place. The faster fits build Weka's own model
 * objects and fill fields that Weka fills only inside its {@code buildClassifier}; the fast reader appends rows to an
 * {@link Instances} without the copy its {@code add} makes. These fields are not Weka's API and may change between
 * releases, so each one is looked up once, at first use, with the type the plugin expects. A {@link Part} whose fields
 * are all present is {@link #has available}; for any other the callers use Weka's public code instead (its own
 * {@code buildClassifier}, {@code Instances.add}), which gives the same model, only slower, and {@link #warnOnce} says
 * so once. No reflective exception reaches a caller: a setter of a part that is missing is a programming error.
 *
 * <p>Only Weka and the JDK are imported here, so that both {@code training} and {@code data} can use it.
 */
public final class WekaInternals {
    /** Finds a declared field and makes it accessible; tests pass their own to play another Weka release. */
    @FunctionalInterface
    public interface FieldLookup {
        Field find(Class<?> owner, String name) throws ReflectiveOperationException;

        /** The fields of the Weka on the class path. */
        FieldLookup DECLARED = (owner, name) -> {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        };
    }

    /** The fields one faster path needs: it is taken only when all of them are present. */
    public enum Part {
        NAIVE_BAYES("the NaiveBayes fit"),
        NORMAL_ESTIMATOR("the NaiveBayes estimators' sums"),
        J48("the parallel J48 fit"),
        LOGISTIC("the parallel Logistic fit"),
        INSTANCE_LIST("the copy-free row append of the data reader"),
        DATE_FORMAT(
                "the UTC format of date attributes (without it, a model's bytes depend on the machine's time zone)");

        private final String description;

        Part(String description) {
            this.description = description;
        }
    }

    private record Spec(Part part, Class<?> owner, String name, Class<?> type) {
        String key() {
            return owner.getSimpleName() + "." + name;
        }
    }

    private static final List<Spec> SPECS = List.of(
            new Spec(Part.NAIVE_BAYES, NaiveBayes.class, "m_Distributions", Estimator[][].class),
            new Spec(Part.NAIVE_BAYES, NaiveBayes.class, "m_ClassDistribution", Estimator.class),
            new Spec(Part.NAIVE_BAYES, NaiveBayes.class, "m_NumClasses", int.class),
            new Spec(Part.NAIVE_BAYES, NaiveBayes.class, "m_Instances", Instances.class),
            new Spec(Part.NAIVE_BAYES, NaiveBayes.class, "m_Disc", Discretize.class),
            new Spec(Part.NORMAL_ESTIMATOR, NormalEstimator.class, "m_SumOfWeights", double.class),
            new Spec(Part.NORMAL_ESTIMATOR, NormalEstimator.class, "m_SumOfValues", double.class),
            new Spec(Part.NORMAL_ESTIMATOR, NormalEstimator.class, "m_SumOfValuesSq", double.class),
            new Spec(Part.NORMAL_ESTIMATOR, NormalEstimator.class, "m_Mean", double.class),
            new Spec(Part.NORMAL_ESTIMATOR, NormalEstimator.class, "m_StandardDev", double.class),
            new Spec(Part.J48, J48.class, "m_root", ClassifierTree.class),
            new Spec(Part.J48, ClassifierTree.class, "m_toSelectModel", ModelSelection.class),
            new Spec(Part.LOGISTIC, Logistic.class, "m_ReplaceMissingValues", ReplaceMissingValues.class),
            new Spec(Part.LOGISTIC, Logistic.class, "m_AttFilter", RemoveUseless.class),
            new Spec(Part.LOGISTIC, Logistic.class, "m_NominalToBinary", NominalToBinary.class),
            new Spec(Part.LOGISTIC, Logistic.class, "m_structure", Instances.class),
            new Spec(Part.LOGISTIC, Logistic.class, "m_ClassIndex", int.class),
            new Spec(Part.LOGISTIC, Logistic.class, "m_NumClasses", int.class),
            new Spec(Part.LOGISTIC, Logistic.class, "m_NumPredictors", int.class),
            new Spec(Part.LOGISTIC, Logistic.class, "m_Par", double[][].class),
            new Spec(Part.LOGISTIC, Logistic.class, "m_LL", double.class),
            new Spec(Part.LOGISTIC, Logistic.class, "m_Data", double[][].class),
            new Spec(Part.LOGISTIC, ReplaceMissingValues.class, "m_ModesAndMeans", double[].class),
            new Spec(Part.INSTANCE_LIST, Instances.class, "m_Instances", ArrayList.class),
            new Spec(Part.DATE_FORMAT, Attribute.class, "m_AttributeInfo", wekaClass("weka.core.AttributeInfo")),
            new Spec(Part.DATE_FORMAT, DateAttributeInfo.class, "m_DateFormat", SimpleDateFormat.class));

    /** A Weka class that is not public; a class no field has when this Weka lacks it, so its part is off. */
    private static Class<?> wekaClass(String name) {
        try {
            return Class.forName(name, false, Attribute.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Void.class;
        }
    }

    /** The check of the Weka on the class path, made at first use. */
    private static final class Shared {
        static final WekaInternals INSTANCE = check(FieldLookup.DECLARED, WekaVersion.maven());
    }

    private final Map<String, Field> fields;
    private final Set<Part> available;
    private final List<String> missing;
    private final String version;
    private final AtomicBoolean warned = new AtomicBoolean();

    private WekaInternals(Map<String, Field> fields, Set<Part> available, List<String> missing, String version) {
        this.fields = fields;
        this.available = available;
        this.missing = missing;
        this.version = version;
    }

    /** The fields of the Weka on the class path, checked once. */
    public static WekaInternals shared() {
        return Shared.INSTANCE;
    }

    /**
     * Looks every field up through {@code lookup}, checking its type; {@code version} is the Weka release named in the
     * warning.
     */
    public static WekaInternals check(FieldLookup lookup, String version) {
        Map<String, Field> found = new HashMap<>();
        Set<Part> available = EnumSet.allOf(Part.class);
        List<String> missing = new ArrayList<>();
        for (Spec spec : SPECS) {
            Field field = find(lookup, spec);
            if (field == null) {
                available.remove(spec.part());
                missing.add(spec.key() + " (" + spec.type().getSimpleName() + ")");
            } else {
                found.put(spec.key(), field);
            }
        }
        return new WekaInternals(Map.copyOf(found), Set.copyOf(available), List.copyOf(missing), version);
    }

    private static Field find(FieldLookup lookup, Spec spec) {
        try {
            Field field = lookup.find(spec.owner(), spec.name());
            return field != null && field.getType() == spec.type() ? field : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // absent, renamed, or closed to reflection: Weka's public code takes over
            return null;
        }
    }

    /** True when every field of {@code part} is present with the expected type. */
    public boolean has(Part part) {
        return available.contains(part);
    }

    /** The fields not found, as {@code Class.field (Type)}; empty on the Weka the plugin is built against. */
    public List<String> missing() {
        return missing;
    }

    /** What the user is told when a field is missing; empty when none is. */
    public Optional<String> warning() {
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String off = Arrays.stream(Part.values())
                .filter(part -> !available.contains(part))
                .map(part -> part.description)
                .collect(Collectors.joining(", "));
        return Optional.of(String.format(
                Locale.ROOT,
                "Weka %s on the plugin's class path lacks %s, so Weka's own code replaces %s. The model is still"
                        + " correct, only slower to train (the plugin's faster paths follow Weka 3.8.7).",
                version,
                String.join(", ", missing),
                off));
    }

    /** Gives {@link #warning} to {@code sink} the first time this is called with a field missing, never again. */
    public void warnOnce(Consumer<String> sink) {
        warning().ifPresent(text -> {
            if (warned.compareAndSet(false, true)) {
                sink.accept(text);
            }
        });
    }

    /** Sets what NaiveBayes.buildClassifier leaves in {@code model} (without supervised discretization). */
    public void setNaiveBayes(
            NaiveBayes model,
            int numClasses,
            Instances header,
            Estimator[][] distributions,
            Estimator classDistribution) {
        require(Part.NAIVE_BAYES);
        set(NaiveBayes.class, "m_NumClasses", model, numClasses);
        set(NaiveBayes.class, "m_Instances", model, header);
        set(NaiveBayes.class, "m_Disc", model, null);
        set(NaiveBayes.class, "m_Distributions", model, distributions);
        set(NaiveBayes.class, "m_ClassDistribution", model, classDistribution);
    }

    /** Sets the sums, mean and deviation of {@code estimator}, as its last {@code addValue} leaves them. */
    public void setNormalEstimator(
            NormalEstimator estimator,
            double sumOfWeights,
            double sumOfValues,
            double sumOfSquares,
            double mean,
            double deviation) {
        require(Part.NORMAL_ESTIMATOR);
        set(NormalEstimator.class, "m_SumOfWeights", estimator, sumOfWeights);
        set(NormalEstimator.class, "m_SumOfValues", estimator, sumOfValues);
        set(NormalEstimator.class, "m_SumOfValuesSq", estimator, sumOfSquares);
        set(NormalEstimator.class, "m_Mean", estimator, mean);
        set(NormalEstimator.class, "m_StandardDev", estimator, deviation);
    }

    /** Sets the tree of {@code model}, as J48.buildClassifier does. */
    public void setJ48Root(J48 model, ClassifierTree root) {
        require(Part.J48);
        set(J48.class, "m_root", model, root);
    }

    /** Sets the model selection a tree node keeps. */
    public void setModelSelection(ClassifierTree node, ModelSelection selection) {
        require(Part.J48);
        set(ClassifierTree.class, "m_toSelectModel", node, selection);
    }

    /** What Logistic.buildClassifier leaves in the model. */
    public record LogisticState(
            ReplaceMissingValues replaceMissingValues,
            RemoveUseless attFilter,
            NominalToBinary nominalToBinary,
            Instances structure,
            int classIndex,
            int numClasses,
            int numPredictors,
            double[][] par,
            double logLikelihood) {}

    /** Sets {@code state} in {@code model}; its data matrix is dropped, as Weka drops it. */
    public void setLogistic(Logistic model, LogisticState state) {
        require(Part.LOGISTIC);
        set(Logistic.class, "m_ReplaceMissingValues", model, state.replaceMissingValues());
        set(Logistic.class, "m_AttFilter", model, state.attFilter());
        set(Logistic.class, "m_NominalToBinary", model, state.nominalToBinary());
        set(Logistic.class, "m_structure", model, state.structure());
        set(Logistic.class, "m_ClassIndex", model, state.classIndex());
        set(Logistic.class, "m_NumClasses", model, state.numClasses());
        set(Logistic.class, "m_NumPredictors", model, state.numPredictors());
        set(Logistic.class, "m_Par", model, state.par());
        set(Logistic.class, "m_LL", model, state.logLikelihood());
        set(Logistic.class, "m_Data", model, null);
    }

    /** Sets the means and modes {@code filter} replaces missing values with, as its first batch would have. */
    public void setModesAndMeans(ReplaceMissingValues filter, double[] modesAndMeans) {
        require(Part.LOGISTIC);
        set(ReplaceMissingValues.class, "m_ModesAndMeans", filter, modesAndMeans);
    }

    /**
     * Gives date attribute {@code attribute} the format it formats and parses its dates with, in place of the one
     * Weka made in the machine's time zone and language. The attribute is serialized with the model, so with Weka's
     * own format the model's bytes would differ between machines; and Weka would print its dates in the machine's time
     * zone rather than in the UTC they were read in. Returns false, changing nothing, when the fields are missing.
     */
    public boolean setDateFormat(Attribute attribute, SimpleDateFormat format) {
        if (!has(Part.DATE_FORMAT) || !attribute.isDate()) {
            return false;
        }
        Object info = get(Attribute.class, "m_AttributeInfo", attribute);
        if (!(info instanceof DateAttributeInfo)) {
            return false;
        }
        set(DateAttributeInfo.class, "m_DateFormat", info, format);
        return true;
    }

    /**
     * The list that holds the rows of {@code data}, to append rows without the copy {@code Instances.add} makes (the
     * caller sets each row's dataset); empty when the field is missing, and the caller then uses {@code add}.
     */
    @SuppressWarnings("unchecked")
    public Optional<List<Instance>> rowList(Instances data) {
        if (!has(Part.INSTANCE_LIST)) {
            return Optional.empty();
        }
        return Optional.of((List<Instance>) get(Instances.class, "m_Instances", data));
    }

    private void require(Part part) {
        if (!has(part)) {
            throw new IllegalStateException("Weka's fields for " + part.description + " are missing: " + missing);
        }
    }

    private Object get(Class<?> owner, String name, Object target) {
        try {
            return field(owner, name).get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e); // made accessible when looked up
        }
    }

    private void set(Class<?> owner, String name, Object target, Object value) {
        try {
            field(owner, name).set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e); // made accessible when looked up
        }
    }

    private Field field(Class<?> owner, String name) {
        return fields.get(owner.getSimpleName() + "." + name);
    }
}
