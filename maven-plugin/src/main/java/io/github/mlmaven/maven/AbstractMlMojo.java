package io.github.mlmaven.maven;

import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.api.Outcome;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * What every goal shares: the parameters of a model, the two skip levels, and the one place where the core's
 * exceptions become Maven's. A verdict (gate failed) is a {@link MojoFailureException}; broken input or configuration
 * a {@link MojoExecutionException}.
 */
public abstract class AbstractMlMojo extends AbstractMojo {

    /** The Maven project. */
    /** The build, so that its goals can share the core's class loader (see IsolatedCore). */
    @Parameter(defaultValue = "${session}", readonly = true)
    private org.apache.maven.execution.MavenSession buildSession;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** This goal's execution: its plugin descriptor names every goal's parameters, for the configuration check. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private org.apache.maven.plugin.MojoExecution mojoExecution;

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
     * Training data: CSV, ARFF or Parquet files (chosen by extension), or one database query. Files are paths or glob
     * patterns relative to the project directory; several files are read as one data set after checking that their
     * columns agree, e.g. {@code <trainingData><file>data/labelled-*.csv</file></trainingData>}, or
     * {@code -Dml.trainingData=a.csv,b.csv}. A {@code <jdbc>} entry instead extracts the rows of a query into snapshot
     * files and trains on them, e.g. {@code <trainingData><jdbc><url>jdbc:postgresql://localhost:5432/labels</url>}
     * {@code <query>SELECT * FROM labelled_events</query><serverId>labels-db</serverId></jdbc></trainingData>}; its
     * elements: {@code url}, {@code query} or {@code table}, {@code serverId} (a settings.xml server's username and
     * password), {@code usernameEnv} and {@code passwordEnv} (names of environment variables, which win over the
     * server when set), {@code fetchSize} (default 10000), {@code properties} (driver properties), {@code watermark}
     * ({@code column}, {@code tieBreaker}, {@code delay}: extract only new rows), {@code snapshotDirectory} (default
     * {@code target/ml/<modelName>/data}) and {@code format} ({@code csv}, the only one). See docs/data-sources.md.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TRAINING_DATA)
    protected List<PlexusConfiguration> trainingData;

    /**
     * Test data in the same form as {@code trainingData}, read against the training data's schema. When given, the
     * default evaluation is {@code test}, e.g. {@code <testData><file>data/test.arff</file></testData>}. The snapshot
     * folder of a {@code <jdbc>} source is {@code target/ml/<modelName>/test-data} by default.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TEST_DATA)
    protected List<PlexusConfiguration> testData;

    /**
     * Columns dropped from every data source before anything else sees them (ids, audit timestamps), files and
     * databases alike, e.g. {@code <exclude><column>id</column><column>created_at</column></exclude>} or
     * {@code -Dml.exclude=id,created_at}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.EXCLUDE)
    protected List<String> exclude;

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

    /**
     * The git branch that holds the model registry (one JSON file per model, a commit per event).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.REGISTRY_BRANCH, defaultValue = "ml-registry")
    protected String registryBranch;

    /**
     * The git remote the registry branch and promotion tags are pushed to; without it the registry is local.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.REGISTRY_REMOTE, defaultValue = "origin")
    protected String registryRemote;

    /**
     * The settings.xml server whose username and password (or token) push the registry, e.g. {@code github}; when
     * not set, the {@code GITHUB_TOKEN} environment variable is used if present.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.REGISTRY_SERVER_ID)
    protected String registryServerId;

    /**
     * The release repository as {@code id::url}, e.g. {@code -Dml.promote.repository=releases::file:///srv/repo};
     * by default the POM's {@code <distributionManagement><repository>}. Credentials come from the settings.xml
     * server with the same id. ml:validate resolves the production model from it too.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_REPOSITORY)
    protected String promoteRepository;

    /**
     * Tracks each train+validate as an MLflow run and registers promoted versions in MLflow's model registry, e.g.
     * {@code <mlflow><trackingUri>http://mlflow:5000</trackingUri><experiment>credit-risk</experiment>}
     * {@code <serverId>mlflow</serverId></mlflow>}. Off unless a tracking URI is set here, by
     * {@code -Dml.mlflow.trackingUri} or by the {@code MLFLOW_TRACKING_URI} environment variable. See docs/mlflow.md.
     *
     * @since 0.1.0
     */
    @Parameter
    protected MlflowConfiguration mlflow;

    /**
     * The MLflow tracking URI, overriding {@code <mlflow><trackingUri>}, e.g.
     * {@code -Dml.mlflow.trackingUri=http://localhost:5000}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MLFLOW_TRACKING_URI)
    protected String mlflowTrackingUri;

    /**
     * The MLflow experiment, overriding {@code <mlflow><experiment>}, e.g. {@code -Dml.mlflow.experiment=nightly}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MLFLOW_EXPERIMENT)
    protected String mlflowExperiment;

    /** Maven's settings, for server credentials. */
    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    /** Decrypts passwords in settings.xml. */
    @Component
    protected SettingsDecrypter settingsDecrypter;

    /**
     * Where ml:validate pushes the model's gauges (metrics, thresholds, rows, verdict, last success, version), e.g.
     * {@code <prometheus><pushgateway>http://pushgateway:9091</pushgateway><job>ml-maven-plugin</job></prometheus>};
     * see docs/monitoring.md.
     *
     * @since 0.1.0
     */
    @Parameter
    protected PrometheusConfiguration prometheus;

    /**
     * The Pushgateway's URL in property form, e.g. {@code -Dml.prometheus.pushgateway=http://pushgateway:9091};
     * overrides {@code <prometheus><pushgateway>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMETHEUS_PUSHGATEWAY)
    protected String prometheusPushgateway;

    /**
     * The {@code job} of the pushed group in property form, e.g. {@code -Dml.prometheus.job=nightly}; overrides
     * {@code <prometheus><job>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMETHEUS_JOB)
    protected String prometheusJob;

    /**
     * The settings.xml server whose username and password the Pushgateway asks for (basic auth), e.g.
     * {@code -Dml.prometheus.serverId=pushgateway}; overrides {@code <prometheus><serverId>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMETHEUS_SERVER_ID)
    protected String prometheusServerId;

    /**
     * Makes a monitoring endpoint that cannot be reached (after retries) or refuses a push a build error; by default
     * it is a warning and the build's verdict stands, e.g. {@code -Dml.monitoring.failOnError=true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MONITORING_FAIL_ON_ERROR, defaultValue = "false")
    protected boolean failOnMonitoringError;

    /** The Pushgateway, its job and credentials: each property overrides its {@code <prometheus>} element. */
    private GoalContext.Prometheus prometheusSettings(ServerCredentials servers) throws MojoExecutionException {
        String address = isSet(prometheusPushgateway)
                ? prometheusPushgateway
                : prometheus == null ? null : prometheus.getPushgateway();
        String job = isSet(prometheusJob) ? prometheusJob : prometheus == null ? null : prometheus.getJob();
        String serverId =
                isSet(prometheusServerId) ? prometheusServerId : prometheus == null ? null : prometheus.getServerId();
        GoalContext.Credentials credentials = address != null && isSet(serverId)
                ? servers.read(
                        serverId,
                        "<prometheus><serverId>" + serverId + "</serverId>",
                        "settings.xml server " + serverId)
                : null;
        return new GoalContext.Prometheus(address, job, credentials);
    }

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
        List<Path> classpath = projectClasspath();
        Core core = new Core(classpath);
        // before any work: nothing the user wrote may be ignored, nor refused only after training
        ConfigurationGuard.check(goal(), project, buildSession, mojoExecution, core, getLog());
        GoalContext context = context(classpath, System::getenv);
        core.call(goal(), goals -> run(goals, context, coreLog()));
    }

    /** What every goal passes to the core: the model, its data, the registry and the monitoring endpoints. */
    GoalContext context(List<Path> classpath, Function<String, String> env) throws MojoExecutionException {
        ServerCredentials servers = new ServerCredentials(settings, settingsDecrypter);
        Path basedir = project.getBasedir().toPath().toAbsolutePath();
        Path output = outputDirectory.toPath().toAbsolutePath();
        DataConfiguration.Entries training = entries("trainingData", trainingData);
        DataConfiguration.Entries test = entries("testData", testData);
        return new GoalContext(
                basedir,
                output,
                modelName,
                training.files(),
                test.files(),
                evaluation,
                holdoutPercent,
                PluginVersion.get(),
                project.getVersion(),
                classpath,
                new GoalContext.Registry(registryBranch, registryRemote, registryCredentials(servers, env)),
                MlflowParameters.read(mlflow, mlflowTrackingUri, mlflowExperiment, servers, env),
                prometheusSettings(servers),
                failOnMonitoringError,
                jdbc("trainingData", training, servers, env, basedir, output),
                jdbc("testData", test, servers, env, basedir, output),
                exclude == null
                        ? List.of()
                        : exclude.stream()
                                .filter(AbstractMlMojo::isSet)
                                .map(String::strip)
                                .toList());
    }

    /** A data parameter's entries: file paths, or one JDBC source. */
    private DataConfiguration.Entries entries(String parameter, List<PlexusConfiguration> configured)
            throws MojoExecutionException {
        try {
            return DataConfiguration.parse(
                    parameter,
                    configured == null
                            ? null
                            : configured.stream()
                                    .map(DataConfiguration.Node::of)
                                    .toList(),
                    expressions());
        } catch (DataConfiguration.ConfigurationError e) {
            throw e.forGoal(goal());
        }
    }

    private JdbcSourceParameters jdbc(
            String parameter,
            DataConfiguration.Entries entries,
            ServerCredentials servers,
            Function<String, String> env,
            Path basedir,
            Path output)
            throws MojoExecutionException {
        return entries.jdbc() == null
                ? null
                : DataConfiguration.resolve(
                        parameter, entries.jdbc(), servers, env, basedir, output.resolve(modelName));
    }

    /**
     * Evaluates the {@code ${...}} expressions of a value as Maven does for a parameter; the data parameters reach the
     * Mojo unconverted, so Maven has not. Values pass unchanged when the goal runs outside a build (a test).
     */
    private UnaryOperator<String> expressions() {
        if (buildSession == null || mojoExecution == null) {
            return UnaryOperator.identity();
        }
        PluginParameterExpressionEvaluator evaluator =
                new PluginParameterExpressionEvaluator(buildSession, mojoExecution);
        return value -> {
            if (value == null || !value.contains("${")) {
                return value;
            }
            try {
                Object evaluated = evaluator.evaluate(value);
                return evaluated == null ? null : evaluated.toString();
            } catch (ExpressionEvaluationException e) {
                return value;
            }
        };
    }

    /** Runs the goal in the core: builds its parameters record from {@code context} and calls its method. */
    protected abstract Outcome<?> run(CoreGoals goals, GoalContext context, CoreLog log);

    /** The Maven log as the core's log. */
    CoreLog coreLog() {
        Log log = getLog();
        return new CoreLog() {
            @Override
            public void info(String message) {
                log.info(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void error(String message) {
                log.error(message);
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }
        };
    }

    /** The core, run in its isolated class loader, its outcomes translated. */
    protected final class Core {
        private final List<Path> classpath;

        private Core(List<Path> classpath) {
            this.classpath = classpath;
        }

        /** Runs a step and returns its value; a failed step ends the goal with the translated exception. */
        <T> T call(String step, Function<CoreGoals, Outcome<T>> call)
                throws MojoExecutionException, MojoFailureException {
            Outcome<T> outcome = new IsolatedCore(AbstractMlMojo.this.getClass().getClassLoader())
                    .run(step, call, classpath, buildSession);
            translate(goal(), outcome);
            return outcome.value();
        }
    }

    /**
     * Credentials for pushing the registry branch: the settings.xml server named by {@code ml.registry.serverId}, else
     * the {@code GITHUB_TOKEN} environment variable (JGit does not read the http.extraheader that CI checkouts set).
     */
    private GoalContext.Credentials registryCredentials(ServerCredentials servers, Function<String, String> env)
            throws MojoExecutionException {
        if (isSet(registryServerId)) {
            return servers.read(
                    registryServerId,
                    "-D" + PropertyNames.REGISTRY_SERVER_ID + "=" + registryServerId,
                    "settings.xml server " + registryServerId);
        }
        String token = env.apply("GITHUB_TOKEN");
        if (isSet(token)) {
            return new GoalContext.Credentials("x-access-token", token, "the GITHUB_TOKEN environment variable");
        }
        return null;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    protected abstract String goal();

    protected abstract boolean skipGoal();

    protected abstract String goalSkipProperty();

    /**
     * The one place where the core's outcome becomes Maven's: a verdict (a failed gate, a refusal) fails the build,
     * anything else errors it.
     */
    static void translate(String goal, Outcome<?> outcome) throws MojoExecutionException, MojoFailureException {
        String message = outcome.message();
        switch (outcome.kind()) {
            case OK -> {}
            case GATE_FAILED, REFUSED -> throw new MojoFailureException(message);
            case INVALID_CONFIGURATION -> {
                String where = element(outcome.parameter());
                boolean named = where.isEmpty()
                        || message.contains(where.replace("(", "").replace(")", ""));
                throw new MojoExecutionException(
                        "Invalid configuration of ml:" + goal + (named ? "" : " " + where) + ": " + message);
            }
            case INVALID_INPUT -> throw new MojoExecutionException(message);
        }
    }

    /** The project's runtime classpath: its compiled classes and runtime dependencies. */
    private List<Path> projectClasspath() throws MojoExecutionException {
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
}
