package io.github.mlmaven.maven;

import java.nio.file.Path;
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

    @Override
    protected void addParameters(Map<String, Object> parameters) {
        parameters.put("groupId", project.getGroupId());
        parameters.put("artifactId", artifactId());
        parameters.put("artifactIdConfigured", isConfigured(modelArtifactId));
        parameters.put("allowDirty", allowDirty);
        parameters.put("projectVersion", project.getVersion());
        parameters.put("version", version);
        parameters.put("approver", approver);
        parameters.put("reason", reason);
        parameters.put("requireApproval", requireApproval);
        parameters.put("github", GitHubVariables.read()); // approvals of the run, on GitHub Actions
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
    protected void run(Map<String, Object> parameters, Core core) throws MojoExecutionException, MojoFailureException {
        MavenRepositories repositories = new MavenRepositories(repositorySystem, session, project);
        // fail on a missing repository before anything is reserved
        RemoteRepository release = repositories.releaseRepository(promoteRepository);
        if (isConfigured(finish)) {
            finish(finish.strip(), parameters, core, repositories, release);
            return;
        }
        String artifactId = artifactId();
        if (project.getArtifactId().equals(artifactId)) {
            throw new MojoFailureException("the model " + modelName + " would be published as " + project.getGroupId()
                    + ":" + artifactId + ", the coordinates of the project itself (a release of the project would take"
                    + " them too); set another artifactId, e.g. <modelArtifactId>" + artifactId
                    + DEFAULT_ARTIFACT_SUFFIX + "</modelArtifactId> or -D" + PropertyNames.PROMOTE_ARTIFACT_ID + "="
                    + artifactId + DEFAULT_ARTIFACT_SUFFIX);
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
                    Path.of(prepared.get("jar")),
                    Path.of(prepared.get("pom")),
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

    /**
     * Completes the promotion of a version from whatever state a stopped run left it in: reserved and not deployed,
     * reserved and deployed, promoted without a tag. The coordinates are the ones the registry recorded.
     */
    private void finish(
            String version,
            Map<String, Object> parameters,
            Core core,
            MavenRepositories repositories,
            RemoteRepository release)
            throws MojoExecutionException, MojoFailureException {
        Map<String, Object> asked = new HashMap<>(parameters);
        asked.put("version", version);
        Map<String, String> state = core.launch("promote-state", asked);
        String groupId = state.get("groupId");
        String artifactId = state.get("artifactId");
        String coordinates = groupId + ":" + artifactId + ":" + version;
        String where = release.getId() + " (" + release.getUrl() + ")";
        switch (state.get("status")) {
            case "failed" ->
                throw new MojoFailureException("version " + version + " of " + modelName + " was recorded as failed;"
                        + " there is nothing to finish (its number stays taken). Run ml:promote without "
                        + PropertyNames.PROMOTE_FINISH + " to promote under a new version");
            case "promoted" -> {
                getLog().info(coordinates + " is recorded as promoted already; checking its tag");
                core.launch("promote-complete", asked);
                return;
            }
            default -> {
                // reserved: deployed or not
            }
        }
        if (repositories.exists(groupId, artifactId, version, release)) {
            Path jar;
            try {
                jar = repositories.resolve(groupId, artifactId, version, "jar", java.util.List.of(release));
            } catch (org.eclipse.aether.resolution.ArtifactResolutionException e) {
                throw new MojoExecutionException(
                        "the POM of " + coordinates + " is in " + where + " but its jar cannot be resolved: "
                                + e.getMessage() + "; deploy it again by hand or run " + "mvn ml:promote -D"
                                + PropertyNames.PROMOTE_FINISH + "=" + version + " once the repository answers",
                        e);
            }
            Map<String, Object> verify = new HashMap<>(asked);
            verify.put("jar", jar.toString());
            core.launch("promote-verify", verify);
            getLog().info(coordinates + " is deployed to " + where + " and holds the reserved model; recording it");
        } else if (Boolean.parseBoolean(state.get("localModelMatches"))) {
            Map<String, String> packaged = core.launch("promote-package", asked);
            repositories.deploy(
                    groupId, artifactId, version, Path.of(packaged.get("jar")), Path.of(packaged.get("pom")), release);
            getLog().info("Deployed " + coordinates + " to " + where + ", which its stopped promotion had not");
        } else {
            asked.put(
                    "failure",
                    "abandoned by " + PropertyNames.PROMOTE_FINISH + ": never deployed to " + where + ", and "
                            + "target/ml holds another model than the one reserved (SHA-256 " + state.get("modelSha256")
                            + ")");
            asked.put("mustRecord", true);
            core.launch("promote-abort", asked);
            getLog().warn("Version " + version + " of " + modelName + " was never deployed and its model is no"
                    + " longer in target/ml, so it cannot be finished: it is recorded as failed (its number stays"
                    + " taken). Run ml:promote to promote the current model under a new version");
            return;
        }
        asked.put("deployedTo", where);
        core.launch("promote-complete", asked);
    }
}
