package io.github.mlmaven.maven;

import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.SparkParameters;
import io.github.mlmaven.api.TrainParameters;
import io.github.mlmaven.common.InvalidConfigurationException;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Trains a Weka model from the project's data and writes {@code <modelName>.model} and {@code model-card.json} (data
 * fingerprints, schema, algorithm and options, Weka version, git commit, timings) to
 * {@code target/ml/<modelName>/} (under {@code outputDirectory}). Skips training when nothing that affects the model changed.
 * The card also counts the new labelled rows since the production model (from its promoted card); with
 * {@code <retrainWhen>}, training and the steps after it are skipped unless a retrain condition holds.
 *
 * @since 0.1.0
 */
@Mojo(
        name = GoalNames.TRAIN,
        defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class TrainMojo extends AbstractEngineMojo {

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
     * Types for CSV columns that override the inferred ones: {@code numeric}, {@code nominal}, {@code string} or
     * {@code date}, a date optionally followed by its pattern, e.g.
     * {@code <attributeTypes><zip>nominal</zip><text>string</text><booked>date dd.MM.yyyy HH:mm</booked></attributeTypes>}.
     * Ignored for ARFF, whose header declares the types.
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

    /**
     * The retrain policy: with a production version in the registry, train only when at least one condition holds,
     * and otherwise skip training, validation and promotion in this build, e.g.
     * {@code <retrainWhen><newRows>500</newRows><codeChanged>true</codeChanged><maxAgeDays>30</maxAgeDays></retrainWhen>}.
     * {@code <degraded/>} and {@code <drift/>} retrain when ml:monitor's latest pass over the production version (in the
     * registry's monitoring history) found it degraded or the data drifted. Without it, training runs whenever the
     * inputs changed.
     *
     * @since 0.1.0
     */
    @Parameter
    private RetrainWhenConfiguration retrainWhen;

    /**
     * {@code <retrainWhen><newRows>} in property form, e.g. {@code -Dml.retrainWhen.newRows=500}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.RETRAIN_WHEN_NEW_ROWS)
    private Long retrainWhenNewRows;

    /**
     * {@code <retrainWhen><codeChanged>} in property form, e.g. {@code -Dml.retrainWhen.codeChanged=true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.RETRAIN_WHEN_CODE_CHANGED)
    private Boolean retrainWhenCodeChanged;

    /**
     * {@code <retrainWhen><maxAgeDays>} in property form, e.g. {@code -Dml.retrainWhen.maxAgeDays=30}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.RETRAIN_WHEN_MAX_AGE_DAYS)
    private Integer retrainWhenMaxAgeDays;

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

    /** ml:train's settings as the POM and the properties give them; a property wins over its element. */
    TrainParameters parameters(GoalContext context) {
        return new TrainParameters(
                context,
                classAttribute,
                positiveClass,
                attributeTypes,
                attributeTypesProperty,
                algorithm,
                options,
                seed,
                force,
                retrainWhenNewRows != null ? retrainWhenNewRows : retrainWhen == null ? null : retrainWhen.getNewRows(),
                retrainWhenCodeChanged != null
                        ? retrainWhenCodeChanged
                        : retrainWhen == null ? null : retrainWhen.getCodeChanged(),
                retrainWhenMaxAgeDays != null
                        ? retrainWhenMaxAgeDays
                        : retrainWhen == null ? null : retrainWhen.getMaxAgeDays(),
                retrainWhen == null || retrainWhen.getDegraded() == null
                        ? null
                        : retrainWhen.getDegraded().text(),
                retrainWhen == null || retrainWhen.getDrift() == null
                        ? null
                        : retrainWhen.getDrift().text(),
                engine(),
                sparkParameters());
    }

    @Override
    protected Outcome<?> run(CoreGoals goals, GoalContext context, CoreLog log) {
        TrainParameters parameters = parameters(context);
        if (sparkEngine()) {
            try {
                parameters = withSparkClasspath(parameters, context);
            } catch (MojoExecutionException | InvalidConfigurationException e) {
                return sparkClasspathFailure(e);
            }
        }
        return goals.train(parameters, repositories(), log);
    }

    /** The parameters with the Spark driver's class path and the jars its executors are sent. */
    private TrainParameters withSparkClasspath(TrainParameters p, GoalContext context) throws MojoExecutionException {
        SparkParameters spark = withSparkClasspath(p.spark(), context);
        return new TrainParameters(
                p.context(),
                p.classAttribute(),
                p.positiveClass(),
                p.attributeTypes(),
                p.attributeTypesProperty(),
                p.algorithm(),
                p.options(),
                p.seed(),
                p.force(),
                p.retrainNewRows(),
                p.retrainCodeChanged(),
                p.retrainMaxAgeDays(),
                p.retrainDegraded(),
                p.retrainDrift(),
                p.engine(),
                spark);
    }
}
