package io.github.mlmaven.maven;

import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Trains a Weka model from the project's data and writes {@code <modelName>.model} and {@code model-card.json} (data
 * fingerprints, schema, algorithm and options, Weka version, git commit, timings) to
 * {@code target/ml/<modelName>/} (under {@code outputDirectory}). Skips training when nothing that affects the model changed.
 *
 * @since 0.1.0
 */
@Mojo(
        name = GoalNames.TRAIN,
        defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class TrainMojo extends AbstractMlMojo {

    /**
     * Skips ml:train only, e.g. {@code -Dml.train.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TRAIN_SKIP, defaultValue = "false")
    private boolean trainSkip;

    /**
     * Retrains even when the inputs are unchanged, e.g. {@code -Dml.train.force}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TRAIN_FORCE, defaultValue = "false")
    private boolean force;

    /**
     * The attribute to predict; the last attribute when not set, e.g. {@code <classAttribute>class</classAttribute>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CLASS_ATTRIBUTE)
    private String classAttribute;

    /**
     * The class value that binary metrics (precision, recall, f1, rocAuc, prAuc, mcc) are reported for; the training
     * data's minority class when not set, e.g. {@code <positiveClass>bad</positiveClass>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.POSITIVE_CLASS)
    private String positiveClass;

    /**
     * Types for CSV columns that override the inferred ones: {@code numeric}, {@code nominal} or {@code string}, e.g.
     * {@code <attributeTypes><zip>nominal</zip><text>string</text></attributeTypes>}. Ignored for ARFF, whose header
     * declares the types.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> attributeTypes;

    /**
     * The same as {@code attributeTypes} in property form, e.g. {@code -Dml.attributeTypes=zip:nominal,text:string}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ATTRIBUTE_TYPES)
    private String attributeTypesProperty;

    /**
     * The Weka classifier class: any class on the plugin's or the project's classpath, meta classifiers included,
     * e.g. {@code <algorithm>weka.classifiers.meta.FilteredClassifier</algorithm>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ALGORITHM, defaultValue = "weka.classifiers.trees.J48")
    private String algorithm;

    /**
     * The classifier's options exactly as on Weka's command line, nested quotes included, e.g.
     * {@code <options>-F "weka.filters.unsupervised.attribute.StringToWordVector -W 1000" -W
     * weka.classifiers.bayes.NaiveBayesMultinomial</options>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OPTIONS)
    private String options;

    /**
     * The seed of the holdout split and the cross-validation folds, and of the classifier when it is randomizable and
     * the options do not set {@code -S}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SEED, defaultValue = "1")
    private long seed;

    @Override
    protected String goal() {
        return GoalNames.TRAIN;
    }

    @Override
    protected boolean skipGoal() {
        return trainSkip;
    }

    @Override
    protected String goalSkipProperty() {
        return PropertyNames.TRAIN_SKIP;
    }

    @Override
    protected void addParameters(Map<String, Object> parameters) {
        parameters.put("classAttribute", classAttribute);
        parameters.put("positiveClass", positiveClass);
        parameters.put("attributeTypes", attributeTypes);
        parameters.put("attributeTypesProperty", attributeTypesProperty);
        parameters.put("algorithm", algorithm);
        parameters.put("options", options);
        parameters.put("seed", seed);
        parameters.put("force", force);
    }
}
