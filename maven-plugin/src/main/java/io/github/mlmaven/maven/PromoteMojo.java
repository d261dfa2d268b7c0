package io.github.mlmaven.maven;

import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.PromoteParameters;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Publishes exactly the model that ml:validate passed as a versioned Maven artifact, records who approved it and why
 * in the registry branch, moves the production pointer to it and tags the source commit. It never retrains: the model,
 * its card and a passing validation.json with the same SHA-256 must be in {@code target/ml/<modelName>/}.
 *
 * <p>Order, so that nothing is half-recorded: the version is reserved in the registry (compare-and-swap, so two
 * promotions never share one), the artifact is deployed, and only then is the promotion recorded.
 *
 * @since 0.1.0
 */
@Mojo(name = GoalNames.PROMOTE, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class PromoteMojo extends AbstractMlMojo {

    /**
     * Skips ml:promote only, e.g. {@code -Dml.promote.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_SKIP, defaultValue = "false")
    private boolean promoteSkip;

    /**
     * The version to promote as, e.g. {@code -Dml.promote.version=1.3.0}; by default the next free
     * {@code <major>.<minor>.<n>} with major.minor from the project version. An existing version is refused.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_VERSION)
    private String version;

    /**
     * The artifactId of the model artifact (its groupId is the project's), e.g. {@code credit-risk-model}; by default
     * the model name followed by {@code -model}, so that the model never takes the coordinates a release of the project
     * would take. Coordinates equal to the project's own are refused.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_ARTIFACT_ID)
    private String modelArtifactId;

    /**
     * Promotes a model trained from a working tree with uncommitted changes, which is refused by default (its source
     * commit does not name the code that made it); the registry entry and the tag say that it was, e.g. {@code
     * -Dml.promote.allowDirty=true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_ALLOW_DIRTY, defaultValue = "false")
    private boolean allowDirty;

    /**
     * Who approved the promotion, e.g. {@code -Dml.promote.approver=alice}; recorded in the registry.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_APPROVER)
    private String approver;

    /**
     * Why, in free text, e.g. {@code -Dml.promote.reason="retrained on March data"}; recorded in the registry.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_REASON)
    private String reason;

    /**
     * Refuses a promotion that names no approver.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_REQUIRE_APPROVAL, defaultValue = "false")
    private boolean requireApproval;

    /**
     * Finishes a promotion that stopped part-way, whatever the state it left (the error message, ml:promote and
     * ml:history give this command), e.g. {@code -Dml.promote.finish=1.3.2}: a version reserved but not deployed is
     * deployed when target/ml still holds its model, and recorded as failed when it does not; a deployed one is checked
     * against the SHA-256 it was reserved for; then the promotion is recorded and the source commit tagged, each only
     * if not done already.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_FINISH)
    private String finish;

    /** The Maven session, for the repository session. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** Maven Resolver, to deploy and resolve artifacts. */
    @Component
    private RepositorySystem repositorySystem;

    @Override
    protected String goal() {
        return GoalNames.PROMOTE;
    }

    @Override
    protected boolean skipGoal() {
        return promoteSkip;
    }

    @Override
    protected String goalSkipProperty() {
        return PropertyNames.PROMOTE_SKIP;
    }

    /** ml:promote's settings as the POM and the properties give them, and the runner's GitHub variables. */
    PromoteParameters parameters(GoalContext context, Map<String, String> github) {
        return new PromoteParameters(
                context,
                project.getGroupId(),
                project.getArtifactId(),
                artifactId(),
                isConfigured(modelArtifactId),
                allowDirty,
                version,
                approver,
                reason,
                requireApproval,
                finish,
                github);
    }

    /** The model artifact's artifactId: the one configured, else the model name followed by {@code -model}. */
    private String artifactId() {
        return isConfigured(modelArtifactId) ? modelArtifactId.strip() : modelName + DEFAULT_ARTIFACT_SUFFIX;
    }

    /** What the default artifactId appends to the model name. */
    static final String DEFAULT_ARTIFACT_SUFFIX = "-model";

    private static boolean isConfigured(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    protected Outcome<?> run(CoreGoals goals, GoalContext context, CoreLog log) {
        return goals.promote(
                parameters(context, GitHubVariables.read()),
                new MavenRepositories(repositorySystem, session, project, promoteRepository),
                log);
    }
}
