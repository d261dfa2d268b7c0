package io.github.mlmaven.maven;

import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.resolution.ArtifactResolutionException;

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

    /**
     * The retrain policy: with a production version in the registry, train only when at least one condition holds,
     * and otherwise skip training, validation and promotion in this build, e.g.
     * {@code <retrainWhen><newRows>500</newRows><codeChanged>true</codeChanged><maxAgeDays>30</maxAgeDays></retrainWhen>}.
     * Without it, training runs whenever the inputs changed.
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

    /** The Maven session, for the repository session. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** Maven Resolver, to resolve the production model's artifact. */
    @Component
    private RepositorySystem repositorySystem;

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
        parameters.put(
                "retrainNewRows",
                retrainWhenNewRows != null
                        ? retrainWhenNewRows
                        : retrainWhen == null ? null : retrainWhen.getNewRows());
        parameters.put(
                "retrainCodeChanged",
                retrainWhenCodeChanged != null
                        ? retrainWhenCodeChanged
                        : retrainWhen == null ? null : retrainWhen.getCodeChanged());
        parameters.put(
                "retrainMaxAgeDays",
                retrainWhenMaxAgeDays != null
                        ? retrainWhenMaxAgeDays
                        : retrainWhen == null ? null : retrainWhen.getMaxAgeDays());
    }

    /** Looks up the production model (to count new rows against it and apply the policy), then trains. */
    @Override
    protected void run(Map<String, Object> parameters, Core core) throws MojoExecutionException, MojoFailureException {
        Map<String, String> lookup = core.launch("production-lookup", parameters);
        String status = lookup.getOrDefault("championStatus", "unknown");
        parameters.put("productionStatus", status);
        if ("unknown".equals(status)) {
            parameters.put(
                    "productionNote",
                    "no model registry (not a git repository, or its registry branch cannot be read)");
        } else if ("found".equals(status)) {
            String version = lookup.get("championVersion");
            String coordinates = lookup.get("groupId") + ":" + lookup.get("artifactId") + ":" + version;
            parameters.put("productionVersion", version);
            parameters.put("productionSha256", lookup.get("modelSha256"));
            try {
                Path jar = ProductionArtifact.resolve(
                        new MavenRepositories(repositorySystem, session, project),
                        project,
                        promoteRepository,
                        lookup.get("groupId"),
                        lookup.get("artifactId"),
                        version);
                parameters.put("productionJar", jar.toString());
            } catch (ArtifactResolutionException | MojoExecutionException e) {
                getLog().warn("The registry names " + coordinates + " as the production model, but it cannot be"
                        + " resolved (" + e.getMessage() + "); new rows are not counted against it");
                parameters.put("productionStatus", "unknown");
                parameters.put("productionNote", coordinates + " cannot be resolved");
            }
        }
        core.launch(goal(), parameters);
    }
}
