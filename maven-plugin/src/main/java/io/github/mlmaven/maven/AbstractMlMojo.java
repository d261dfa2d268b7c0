package io.github.mlmaven.maven;

import io.github.mlmaven.workflow.GoalLauncher;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;

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

    // ---- monitoring: Prometheus Pushgateway ----

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

    /** The Prometheus parameters of the core: the Pushgateway, job, credentials and failOnMonitoringError. */
    private Map<String, Object> prometheusParameters() throws MojoExecutionException {
        Map<String, Object> p = new HashMap<>();
        String address = prometheusPushgateway != null && !prometheusPushgateway.isBlank()
                ? prometheusPushgateway
                : prometheus == null ? null : prometheus.getPushgateway();
        p.put("prometheusPushgateway", address);
        p.put(
                "prometheusJob",
                prometheusJob != null && !prometheusJob.isBlank()
                        ? prometheusJob
                        : prometheus == null ? null : prometheus.getJob());
        p.put("failOnMonitoringError", failOnMonitoringError);
        p.put("projectVersion", project.getVersion());
        String serverId = prometheusServerId != null && !prometheusServerId.isBlank()
                ? prometheusServerId
                : prometheus == null ? null : prometheus.getServerId();
        if (address != null && serverId != null && !serverId.isBlank()) {
            Server server = settings == null ? null : settings.getServer(serverId);
            if (server == null) {
                throw new MojoExecutionException("<prometheus><serverId>" + serverId
                        + "</serverId> names no <server> in settings.xml; add <server><id>" + serverId
                        + "</id><username>...</username><password>...</password></server>");
            }
            Server decrypted = settingsDecrypter == null
                    ? server
                    : settingsDecrypter
                            .decrypt(new DefaultSettingsDecryptionRequest(server))
                            .getServer();
            p.put("prometheusUsername", decrypted.getUsername());
            p.put("prometheusPassword", decrypted.getPassword());
        }
        return p;
    }

    // ---- end of monitoring: Prometheus Pushgateway ----

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
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("basedir", project.getBasedir().getAbsolutePath());
        parameters.put("outputDirectory", outputDirectory.getAbsolutePath());
        parameters.put("modelName", modelName);
        parameters.put("trainingData", trainingData);
        parameters.put("testData", testData);
        parameters.put("evaluation", evaluation);
        parameters.put("holdoutPercent", holdoutPercent);
        parameters.put("pluginVersion", PluginVersion.get());
        parameters.put("classpath", classpath.stream().map(Path::toString).toList());
        parameters.put("registryBranch", registryBranch);
        parameters.put("registryRemote", registryRemote);
        parameters.putAll(registryCredentials());
        parameters.putAll(MlflowParameters.read(
                mlflow,
                mlflowTrackingUri,
                mlflowExperiment,
                failOnMonitoringError,
                settings,
                settingsDecrypter,
                System::getenv)); // issue 5: MLflow
        parameters.putAll(prometheusParameters());
        addParameters(parameters);
        run(parameters, core);
    }

    /** Runs the goal: by default one step of the core named after the goal. */
    protected void run(Map<String, Object> parameters, Core core) throws MojoExecutionException, MojoFailureException {
        core.launch(goal(), parameters);
    }

    /** Steps of the core, each run in its own isolated class loader, their outcomes translated. */
    protected final class Core {
        private final List<Path> classpath;

        private Core(List<Path> classpath) {
            this.classpath = classpath;
        }

        /** Runs a step and returns its outcome map; a failed step ends the goal with the translated exception. */
        public Map<String, String> launch(String step, Map<String, Object> parameters)
                throws MojoExecutionException, MojoFailureException {
            Map<String, String> outcome = new IsolatedCore(
                            AbstractMlMojo.this.getClass().getClassLoader(), getLog())
                    .launch(step, parameters, classpath, buildSession);
            translate(outcome);
            return outcome;
        }
    }

    /**
     * Credentials for pushing the registry branch: the settings.xml server named by {@code ml.registry.serverId}, else
     * the {@code GITHUB_TOKEN} environment variable (JGit does not read the http.extraheader that CI checkouts set).
     */
    private Map<String, Object> registryCredentials() throws MojoExecutionException {
        Map<String, Object> credentials = new HashMap<>();
        if (registryServerId != null && !registryServerId.isBlank()) {
            Server server = settings == null ? null : settings.getServer(registryServerId);
            if (server == null) {
                throw new MojoExecutionException("-D" + PropertyNames.REGISTRY_SERVER_ID + "=" + registryServerId
                        + " names no <server> in settings.xml; add <server><id>" + registryServerId
                        + "</id><username>...</username><password>...</password></server>");
            }
            Server decrypted = settingsDecrypter == null
                    ? server
                    : settingsDecrypter
                            .decrypt(new DefaultSettingsDecryptionRequest(server))
                            .getServer();
            credentials.put("registryUsername", decrypted.getUsername());
            credentials.put("registryPassword", decrypted.getPassword());
            credentials.put("registryCredentialsSource", "settings.xml server " + registryServerId);
        } else if (System.getenv("GITHUB_TOKEN") != null
                && !System.getenv("GITHUB_TOKEN").isBlank()) {
            credentials.put("registryUsername", "x-access-token");
            credentials.put("registryPassword", System.getenv("GITHUB_TOKEN"));
            credentials.put("registryCredentialsSource", "the GITHUB_TOKEN environment variable");
        }
        return credentials;
    }

    protected abstract String goal();

    protected abstract boolean skipGoal();

    protected abstract String goalSkipProperty();

    /** Adds the goal's own parameters, as plain Java values, to those every goal passes to the core. */
    protected abstract void addParameters(Map<String, Object> parameters);

    /** The one place where the core's outcome becomes Maven's: a verdict fails the build, breakage errors it. */
    private void translate(Map<String, String> outcome) throws MojoExecutionException, MojoFailureException {
        String message = outcome.get(GoalLauncher.MESSAGE);
        switch (outcome.get(GoalLauncher.OUTCOME)) {
            case GoalLauncher.OK -> {}
            case GoalLauncher.GATE_FAILED, GoalLauncher.REFUSED -> throw new MojoFailureException(message);
            case GoalLauncher.INVALID_CONFIGURATION -> {
                String where = element(outcome.get(GoalLauncher.PARAMETER));
                boolean named = where.isEmpty()
                        || message.contains(where.replace("(", "").replace(")", ""));
                throw new MojoExecutionException(
                        "Invalid configuration of ml:" + goal() + (named ? "" : " " + where) + ": " + message);
            }
            default -> throw new MojoExecutionException(message);
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
