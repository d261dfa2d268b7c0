package io.github.mlmaven.maven;

import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.ValidateParameters;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

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

    /** ml:validate's settings as the POM and the properties give them. */
    ValidateParameters parameters(GoalContext context) {
        return new ValidateParameters(
                context,
                folds,
                thresholds,
                thresholdsProperty,
                champion == null ? null : champion.getMaxDrop(),
                champion == null ? null : champion.getSignificance(),
                championSkip,
                reportSkip);
    }

    @Override
    protected Outcome<?> run(CoreGoals goals, GoalContext context, CoreLog log) {
        return goals.validate(
                parameters(context), new MavenRepositories(repositorySystem, session, project, promoteRepository), log);
    }
}
