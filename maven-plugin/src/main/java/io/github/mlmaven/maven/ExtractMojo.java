package io.github.mlmaven.maven;

import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.ExtractParameters;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.Outcome;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Extracts the rows of the {@code <jdbc>} sources of {@code <trainingData>} and {@code <testData>} into new snapshot
 * parts, and does nothing else: for a scheduled job that collects data often and trains seldom (ml:train extracts
 * too, before it decides whether to train). Logs each new part (rows, watermark range, file, SHA-256); with no
 * {@code <jdbc>} source it says so and succeeds. In a fresh checkout with a production version, the snapshot parts
 * published with that version are restored first, so only the rows production has not seen are extracted.
 *
 * @since 0.1.0
 */
@Mojo(
        name = GoalNames.EXTRACT,
        defaultPhase = LifecyclePhase.GENERATE_RESOURCES,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class ExtractMojo extends AbstractMlMojo {

    /**
     * Skips ml:extract only, e.g. {@code -Dml.extract.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.EXTRACT_SKIP, defaultValue = "false")
    private boolean extractSkip;

    /** The Maven session, for the repository session. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** Maven Resolver, to resolve the snapshot parts published with the production version. */
    @Component
    private RepositorySystem repositorySystem;

    @Override
    protected String goal() {
        return GoalNames.EXTRACT;
    }

    @Override
    protected boolean skipGoal() {
        return extractSkip;
    }

    @Override
    protected String goalSkipProperty() {
        return PropertyNames.EXTRACT_SKIP;
    }

    /** ml:extract has the settings every goal has: the sources are in the context. */
    ExtractParameters parameters(GoalContext context) {
        return new ExtractParameters(context);
    }

    @Override
    protected Outcome<?> run(CoreGoals goals, GoalContext context, CoreLog log) {
        return goals.extract(
                parameters(context), new MavenRepositories(repositorySystem, session, project, promoteRepository), log);
    }
}
