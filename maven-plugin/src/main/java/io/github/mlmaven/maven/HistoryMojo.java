package io.github.mlmaven.maven;

import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.HistoryParameters;
import io.github.mlmaven.api.Outcome;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the promotion history of the model from the registry branch: versions, time, approver, source commit, key
 * metrics, and which version is in production. Works in a fresh clone (the registry branch is fetched).
 *
 * @since 0.1.0
 */
@Mojo(name = GoalNames.HISTORY, requiresProject = true, threadSafe = true)
public class HistoryMojo extends AbstractMlMojo {

    /**
     * Skips ml:history only.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.HISTORY_SKIP, defaultValue = "false")
    private boolean historySkip;

    @Override
    protected String goal() {
        return GoalNames.HISTORY;
    }

    @Override
    protected boolean skipGoal() {
        return historySkip;
    }

    @Override
    protected String goalSkipProperty() {
        return PropertyNames.HISTORY_SKIP;
    }

    /** ml:history has the settings every goal has. */
    HistoryParameters parameters(GoalContext context) {
        return new HistoryParameters(context);
    }

    @Override
    protected Outcome<?> run(CoreGoals goals, GoalContext context, CoreLog log) {
        return goals.history(parameters(context), log);
    }
}
