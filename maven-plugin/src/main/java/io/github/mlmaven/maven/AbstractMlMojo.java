package io.github.mlmaven.maven;

import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.evaluation.EvaluationMethod;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.classworlds.realm.ClassRealm;

/**
 * What every goal shares: the parameters of a model, the two skip levels, and the one place where the core's
 * exceptions become Maven's. A verdict (gate failed) is a {@link MojoFailureException}; broken input or configuration
 * a {@link MojoExecutionException}.
 */
public abstract class AbstractMlMojo extends AbstractMojo {

    /** The Maven project. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /**
     * Skips every goal of this plugin, e.g. {@code -Dml.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    protected boolean skip;

    /**
     * Names the model, its output folder {@code target/ml/<modelName>/} (under {@code outputDirectory}) and its file
     * {@code <modelName>.model}, e.g. {@code <modelName>credit-risk</modelName>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MODEL_NAME, defaultValue = "${project.artifactId}", required = true)
    protected String modelName;

    /**
     * Where models are written, one folder per model.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = PropertyNames.OUTPUT_DIRECTORY,
            defaultValue = "${project.build.directory}/ml",
            required = true)
    protected File outputDirectory;

    /**
     * Training data: CSV files (with a header row) or ARFF files, chosen by extension; paths or glob patterns relative
     * to the project directory. Several files are read as one data set after checking that their columns agree, e.g.
     * {@code <trainingData><file>data/labelled-*.csv</file></trainingData>}, or {@code -Dml.trainingData=a.csv,b.csv}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TRAINING_DATA)
    protected List<String> trainingData;

    /**
     * Test data in the same form as {@code trainingData}, read against the training data's schema. When given, the
     * default evaluation is {@code test}, e.g. {@code <testData><file>data/test.arff</file></testData>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TEST_DATA)
    protected List<String> testData;

    /**
     * How validate measures the model: {@code test} (the default when {@code testData} is given), {@code holdout}
     * (a stratified split of the training data; train then fits the model on the training part only) or {@code cv}
     * (k-fold cross-validation; the default otherwise).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.EVALUATION)
    protected String evaluation;

    /**
     * The share of training rows held out by {@code holdout} evaluation, in percent.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.HOLDOUT_PERCENT, defaultValue = "20")
    protected int holdoutPercent;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping ml:" + goal() + " (" + PropertyNames.SKIP + " is true)");
            return;
        }
        if (skipGoal()) {
            getLog().info("Skipping ml:" + goal() + " (" + goalSkipProperty() + " is true)");
            return;
        }
        try {
            run(new MavenMlLog(getLog()));
        } catch (GateFailedException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (InvalidConfigurationException e) {
            String where = element(e.parameter());
            boolean named = where.isEmpty()
                    || e.getMessage().contains(where.replace("(", "").replace(")", ""));
            throw new MojoExecutionException(
                    "Invalid configuration of ml:" + goal() + (named ? "" : " " + where) + ": " + e.getMessage(), e);
        } catch (InvalidInputException | UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    protected abstract String goal();

    protected abstract boolean skipGoal();

    protected abstract String goalSkipProperty();

    protected abstract void run(MlLog log) throws MojoExecutionException, MojoFailureException;

    protected Path basedir() {
        return project.getBasedir().toPath();
    }

    protected EvaluationMethod evaluationMethod() {
        if (evaluation == null || evaluation.isBlank()) {
            return null;
        }
        EvaluationMethod method = EvaluationMethod.parse(evaluation);
        if (method == null) {
            throw new InvalidConfigurationException(
                    "evaluation", "'" + evaluation + "' is not an evaluation method; use test, holdout or cv");
        }
        return method;
    }

    /**
     * The project's runtime classpath (its classes and runtime dependencies). Weka resolves class names given in
     * options through its own class loader, so these entries are added to the plugin's class realm: that way a
     * project's custom filter can be named inside a meta classifier's options.
     */
    protected List<Path> projectClasspath() throws MojoExecutionException {
        try {
            List<Path> elements = new ArrayList<>();
            for (String element : project.getRuntimeClasspathElements()) {
                elements.add(Path.of(element));
            }
            return elements;
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the project's runtime classpath is not resolved: " + e.getMessage(), e);
        }
    }

    protected ClassLoader classLoaderWith(List<Path> classpath) throws MojoExecutionException {
        ClassLoader loader = getClass().getClassLoader();
        if (loader instanceof ClassRealm realm) {
            Set<String> present =
                    java.util.Arrays.stream(realm.getURLs()).map(URL::toString).collect(Collectors.toSet());
            for (Path element : classpath) {
                try {
                    URL url = element.toUri().toURL();
                    if (!present.contains(url.toString()) && !isWekaJar(element)) {
                        realm.addURL(url);
                    }
                } catch (MalformedURLException e) {
                    throw new MojoExecutionException("invalid classpath element " + element, e);
                }
            }
        }
        return loader;
    }

    /** Classes from the project's own classpath may appear in a model (custom filters, for instance). */
    protected static Predicate<Class<?>> fromClasspath(List<Path> classpath) {
        Set<Path> roots =
                classpath.stream().map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toSet());
        return type -> {
            try {
                var source = type.getProtectionDomain().getCodeSource();
                return source != null
                        && roots.contains(Path.of(source.getLocation().toURI())
                                .toAbsolutePath()
                                .normalize());
            } catch (Exception e) {
                return false;
            }
        };
    }

    private static boolean isWekaJar(Path element) {
        String name = element.getFileName().toString();
        return name.startsWith("weka-stable-") || name.startsWith("weka-dev-");
    }

    private static String element(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return "";
        }
        if (parameter.startsWith("ml.")) {
            return "(-D" + parameter + ")";
        }
        StringBuilder xml = new StringBuilder();
        for (String part : parameter.split("/")) {
            xml.append('<').append(part).append('>');
        }
        return xml.toString();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    protected String pluginVersion() {
        Package p = getClass().getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return version != null ? version : PluginVersion.get();
    }
}
