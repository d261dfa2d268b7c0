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
 * Evaluates the model that ml:train wrote (on test data, a holdout split, or by cross-validation), compares its
 * metrics with the thresholds, writes {@code validation.json}, {@code summary.md} and {@code TEST-ml-<modelName>.xml}
 * beside the model, and fails the build when a threshold is breached.
 *
 * @since 0.1.0
 */
@Mojo(
        name = GoalNames.VALIDATE,
        defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class ValidateMojo extends AbstractMlMojo {

    /**
     * Skips ml:validate only, e.g. {@code -Dml.validate.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.VALIDATE_SKIP, defaultValue = "false")
    private boolean validateSkip;

    /**
     * The number of folds of {@code cv} evaluation.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FOLDS, defaultValue = "10")
    private int folds;

    /**
     * The gate: a minimum for each metric where higher is better, a maximum for rmse and mae, e.g.
     * {@code <thresholds><recall>0.80</recall><f1>0.70</f1></thresholds>}. Metric names: accuracy, precision, recall,
     * f1, rocAuc, prAuc, mcc, kappa (nominal class); rmse, mae, r2, correlation (numeric class).
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> thresholds;

    /**
     * Thresholds in property form, e.g. {@code -Dml.thresholds="recall>=0.8,f1>=0.7"}; a metric named here overrides
     * the same metric in {@code <thresholds>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.THRESHOLDS)
    private String thresholdsProperty;

    /**
     * How the candidate must compare with the model in production (found through the registry branch), e.g.
     * {@code <champion><maxDrop><recall>0.02</recall></maxDrop><significance>0.05</significance></champion>}. With
     * no production version yet, validation gates on the thresholds alone.
     *
     * @since 0.1.0
     */
    @Parameter
    private ChampionConfiguration champion;

    /**
     * Skips the comparison with the production model, e.g. {@code -Dml.champion.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CHAMPION_SKIP, defaultValue = "false")
    private boolean championSkip;

    /**
     * Skips the model report ({@code report.html}) that ml:validate writes after its other outputs, e.g.
     * {@code -Dml.report.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.REPORT_SKIP, defaultValue = "false")
    private boolean reportSkip;

    /** The Maven session, for the repository session. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** Maven Resolver, to resolve the production model's artifact. */
    @Component
    private RepositorySystem repositorySystem;

    @Override
    protected String goal() {
        return GoalNames.VALIDATE;
    }

    @Override
    protected boolean skipGoal() {
        return validateSkip;
    }

    @Override
    protected String goalSkipProperty() {
        return PropertyNames.VALIDATE_SKIP;
    }

    @Override
    protected void addParameters(Map<String, Object> parameters) {
        parameters.put("folds", folds);
        parameters.put("thresholds", thresholds);
        parameters.put("thresholdsProperty", thresholdsProperty);
        parameters.put("championMaxDrop", champion == null ? null : champion.getMaxDrop());
        parameters.put("championSignificance", champion == null ? null : champion.getSignificance());
    }

    @Override
    protected void run(Map<String, Object> parameters, Core core) throws MojoExecutionException, MojoFailureException {
        Map<String, String> decision = core.launch("retrain-check", parameters);
        if ("false".equals(decision.get("retrain"))) {
            getLog().info("Skipping ml:validate: ml:train skipped training (" + decision.get("reason") + ")");
            return;
        }
        if (championSkip) {
            getLog().info("Not comparing with the production model (" + PropertyNames.CHAMPION_SKIP + " is true)");
        } else {
            Map<String, String> lookup = core.launch("champion-lookup", parameters);
            String status = lookup.getOrDefault("championStatus", "unknown");
            parameters.put("championStatus", status);
            if ("found".equals(status)) {
                String coordinates =
                        lookup.get("groupId") + ":" + lookup.get("artifactId") + ":" + lookup.get("championVersion");
                MavenRepositories repositories = new MavenRepositories(repositorySystem, session, project);
                try {
                    Path jar = ProductionArtifact.resolve(
                            repositories,
                            project,
                            promoteRepository,
                            lookup.get("groupId"),
                            lookup.get("artifactId"),
                            lookup.get("championVersion"));
                    getLog().info("Production model: " + coordinates + " (" + jar + ")");
                    parameters.put("championJar", jar.toString());
                    parameters.put("championVersion", lookup.get("championVersion"));
                    parameters.put("championSha256", lookup.get("modelSha256"));
                } catch (ArtifactResolutionException e) {
                    throw new MojoExecutionException(
                            "the registry names " + coordinates
                                    + " as the production model, but it cannot be resolved: " + e.getMessage()
                                    + "; check the repositories, or skip the comparison with -D"
                                    + PropertyNames.CHAMPION_SKIP,
                            e);
                }
            }
        }
        // issue 5: the run is logged to MLflow whether the gate passed or not; a gate failure stays the verdict
        try {
            core.launch(goal(), parameters);
        } catch (MojoFailureException verdict) {
            writeReport(parameters, core); // issue 5 §5: the report shows a failed gate too
            try {
                trackInMlflow(parameters, core);
            } catch (MojoExecutionException e) {
                getLog().error(e.getMessage());
            }
            throw verdict;
        }
        writeReport(parameters, core); // issue 5 §5
        trackInMlflow(parameters, core);
    }

    /** ml:report after validation unless {@code ml.report.skip}; a report that cannot be written is only logged. */
    private void writeReport(Map<String, Object> parameters, Core core) {
        if (reportSkip) {
            getLog().info("Not writing the model report (" + PropertyNames.REPORT_SKIP + " is true)");
            return;
        }
        try {
            core.launch(GoalNames.REPORT, parameters);
        } catch (MojoExecutionException | MojoFailureException e) {
            getLog().warn("The model report could not be written: " + e.getMessage());
        }
    }

    private void trackInMlflow(Map<String, Object> parameters, Core core)
            throws MojoExecutionException, MojoFailureException {
        if (parameters.get("mlflowTrackingUri") != null) {
            core.launch("mlflow-validate", parameters);
        }
    }
}
