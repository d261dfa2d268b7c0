package io.github.mlmaven.maven;

import io.github.mlmaven.api.CiReportParameters;
import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.CoreLog;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.Outcome;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reports what ml:validate and ml:promote left in {@code target/ml/} to the CI system. On GitHub Actions
 * ({@code GITHUB_ACTIONS=true}): appends each model's summary.md to the job summary, annotates breached thresholds
 * ({@code ::error}) and promotions ({@code ::notice}), sets the step outputs {@code passed}, {@code model-version},
 * {@code metrics} and {@code summary}, and on pull requests keeps one comment per model up to date. Elsewhere it logs
 * the summaries. Then it fails the build when a model failed its gate, unless told not to. Run it after the build,
 * e.g. {@code mvn ml:ci-report -Dml.ciReport.buildOutcome=failure}; see docs/ci-report.md.
 *
 * @since 0.1.0
 */
@Mojo(name = GoalNames.CI_REPORT, requiresProject = true, threadSafe = true)
public class CiReportMojo extends AbstractMlMojo {

    /**
     * Skips ml:ci-report only, e.g. {@code -Dml.ciReport.skip}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CI_REPORT_SKIP, defaultValue = "false")
    private boolean ciReportSkip;

    /**
     * On a {@code pull_request} or {@code pull_request_target} event, creates one comment per model on the pull
     * request, or updates the one made before; e.g. {@code -Dml.ciReport.commentOnPr=false} for pull requests from
     * forks, whose token cannot comment. Needs the {@code GITHUB_TOKEN} environment variable and
     * {@code permissions: pull-requests: write}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CI_REPORT_COMMENT_ON_PR, defaultValue = "true")
    private boolean commentOnPr;

    /**
     * After reporting, fails the build when a model's validation.json says it did not pass its gate (or when the
     * build failed before any validation), e.g. {@code -Dml.ciReport.failOnGate=false} to report only.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CI_REPORT_FAIL_ON_GATE, defaultValue = "true")
    private boolean failOnGate;

    /**
     * How the Maven step before this one ended, {@code success} or {@code failure}, e.g.
     * {@code -Dml.ciReport.buildOutcome=${{ steps.build.outcome }}}; with {@code failure} and no validation.json the
     * report says the build failed before validation.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.CI_REPORT_BUILD_OUTCOME)
    private String buildOutcome;

    /** The Maven session, for the size of the reactor. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Override
    protected String goal() {
        return GoalNames.CI_REPORT;
    }

    @Override
    protected boolean skipGoal() {
        return ciReportSkip;
    }

    @Override
    protected String goalSkipProperty() {
        return PropertyNames.CI_REPORT_SKIP;
    }

    /** ml:ci-report's settings as the POM and the properties give them, and the runner's GitHub variables. */
    CiReportParameters parameters(GoalContext context, Map<String, String> github) {
        return new CiReportParameters(
                context,
                project.getFile() == null ? null : project.getFile().toPath().toAbsolutePath(),
                commentOnPr,
                failOnGate,
                buildOutcome,
                session == null || session.getProjects() == null
                        ? 1
                        : session.getProjects().size(),
                github);
    }

    @Override
    protected Outcome<?> run(CoreGoals goals, GoalContext context, CoreLog log) {
        return goals.ciReport(parameters(context, GitHubVariables.read()), log);
    }
}
