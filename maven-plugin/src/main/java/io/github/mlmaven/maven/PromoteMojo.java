package io.github.mlmaven.maven;

import java.util.HashMap;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.RemoteRepository;

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
     * The artifactId of the model artifact (its groupId is the project's), e.g. {@code credit-risk-model}; the
     * model name when not set.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_ARTIFACT_ID)
    private String modelArtifactId;

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
     * Finishes a promotion whose artifact was deployed but whose registry record failed (the error message gives this
     * command), e.g. {@code -Dml.promote.finish=1.3.2}: checks that the artifact is in the repository, then records
     * the promotion and tags the source commit.
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

    @Override
    protected void addParameters(Map<String, Object> parameters) {
        parameters.put("groupId", project.getGroupId());
        parameters.put(
                "artifactId", modelArtifactId == null || modelArtifactId.isBlank() ? modelName : modelArtifactId);
        parameters.put("projectVersion", project.getVersion());
        parameters.put("version", version);
        parameters.put("approver", approver);
        parameters.put("reason", reason);
        parameters.put("requireApproval", requireApproval);
        parameters.put("github", GitHubVariables.read()); // approvals of the run, on GitHub Actions
    }

    @Override
    protected void run(Map<String, Object> parameters, Core core) throws MojoExecutionException, MojoFailureException {
        MavenRepositories repositories = new MavenRepositories(repositorySystem, session, project);
        // fail on a missing repository before anything is reserved
        RemoteRepository release = repositories.releaseRepository(promoteRepository);
        String artifactId = modelArtifactId == null || modelArtifactId.isBlank() ? modelName : modelArtifactId;
        if (finish != null && !finish.isBlank()) {
            if (!repositories.exists(project.getGroupId(), artifactId, finish.strip(), release)) {
                throw new MojoFailureException(project.getGroupId() + ":" + artifactId + ":" + finish.strip()
                        + " is not in " + release.getId() + " (" + release.getUrl()
                        + "), so there is no deployed promotion to finish");
            }
            Map<String, Object> finishing = new HashMap<>(parameters);
            finishing.put("version", finish.strip());
            core.launch("promote-complete", finishing);
            return;
        }
        Map<String, String> prepared = core.launch("promote-prepare", parameters);
        String groupId = prepared.get("groupId");
        String promotedVersion = prepared.get("version");
        Map<String, Object> next = new HashMap<>(parameters);
        next.put("version", promotedVersion);
        try {
            if (repositories.exists(groupId, artifactId, promotedVersion, release)) {
                throw new MojoFailureException(groupId + ":" + artifactId + ":" + promotedVersion
                        + " already exists in " + release.getId() + " (" + release.getUrl()
                        + "); releases are immutable, so it was not overwritten");
            }
            repositories.deploy(
                    groupId,
                    artifactId,
                    promotedVersion,
                    java.nio.file.Path.of(prepared.get("jar")),
                    java.nio.file.Path.of(prepared.get("pom")),
                    release);
            getLog().info("Deployed " + groupId + ":" + artifactId + ":" + promotedVersion + " to " + release.getId()
                    + " (" + release.getUrl() + ")");
        } catch (MojoExecutionException | MojoFailureException | RuntimeException e) {
            next.put("failure", e.getMessage());
            core.launch("promote-abort", next);
            throw e;
        }
        next.put("deployedTo", release.getId() + " (" + release.getUrl() + ")");
        core.launch("promote-complete", next);
    }
}
