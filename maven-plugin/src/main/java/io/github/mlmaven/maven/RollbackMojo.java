package io.github.mlmaven.maven;

import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.RollbackParameters;
import java.util.Map;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Points production back at an earlier promoted version, recorded in the registry as an event of its own with who
 * approved it and why. Nothing is deleted or deployed again, e.g.
 * {@code mvn ml:rollback -Dml.rollback.version=1.3.1 -Dml.promote.approver=alice -Dml.promote.reason="recall dropped"}.
 *
 * @since 0.1.0
 */
@Mojo(name = GoalNames.ROLLBACK, requiresProject = true, threadSafe = true)
public class RollbackMojo extends AbstractMlMojo {

    /**
     * The promoted version to put back in production, e.g. {@code -Dml.rollback.version=1.3.1}. Not marked required,
     * so that without it the goal can list the promoted versions instead of Maven's generic message.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ROLLBACK_VERSION)
    private String rollbackVersion;

    /**
     * Who approved the rollback; recorded.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_APPROVER)
    private String approver;

    /**
     * Why; recorded.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_REASON)
    private String reason;

    /**
     * Refuses a rollback that names no approver.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PROMOTE_REQUIRE_APPROVAL, defaultValue = "false")
    private boolean requireApproval;

    /**
     * Skips ml:rollback only.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ROLLBACK_SKIP, defaultValue = "false")
    private boolean rollbackSkip;

    @Override
    protected String goal() {
        return GoalNames.ROLLBACK;
    }

    @Override
    protected boolean skipGoal() {
        return rollbackSkip;
    }

    @Override
    protected String goalSkipProperty() {
        return PropertyNames.ROLLBACK_SKIP;
    }

    /** ml:rollback's settings as the POM and the properties give them, and the runner's GitHub variables. */
    RollbackParameters parameters(GoalContext context, Map<String, String> github) {
        return new RollbackParameters(context, rollbackVersion, approver, reason, requireApproval, github);
    }

    @Override
    protected Outcome<?> run(CoreGoals goals, GoalContext context, CoreLog log) {
        return goals.rollback(parameters(context, GitHubVariables.read()), log);
    }
}
