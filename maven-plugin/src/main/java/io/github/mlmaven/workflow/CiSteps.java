package io.github.mlmaven.workflow;

import io.github.mlmaven.api.CiReportParameters;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.ci.CiReport;
import io.github.mlmaven.ci.GitHubApprovals;
import io.github.mlmaven.ci.GitHubClient;
import io.github.mlmaven.ci.GitHubEnvironment;
import io.github.mlmaven.ci.RetryPolicy;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.common.RefusedException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The CI steps: ml:ci-report, and the approvals ml:promote and ml:rollback read on GitHub Actions. The Maven layer
 * passes the runner's variables in the goal's parameters, so the core never reads the process environment.
 */
final class CiSteps {
    private CiSteps() {}

    /** ml:ci-report; workflow commands go to standard output, where the runner reads them. */
    static CiReportParameters.Result ciReport(CiReportParameters p, MlLog log) {
        GoalContext context = p.context();
        Path basedir = context.basedir();
        CiReport.Outcome outcome = new CiReport(
                        log,
                        line -> {
                            System.out.println(line);
                            System.out.flush();
                        },
                        RetryPolicy.standard())
                .run(new CiReport.Request(
                        basedir,
                        p.pom() == null ? basedir.resolve("pom.xml") : p.pom(),
                        context.outputDirectory(),
                        p.commentOnPr(),
                        p.failOnGate(),
                        p.buildOutcome(),
                        p.reactorSize(),
                        context.pluginVersion(),
                        GitHubEnvironment.from(p.github())));
        return new CiReportParameters.Result(outcome.passed(), outcome.modelVersion());
    }

    /** The approver and reason a promotion records. */
    record Approval(String approver, String reason) {}

    /**
     * On GitHub Actions, when no approver was given, the users who approved the current run (its deployment to a
     * protected environment) and, when no reason was given, their comments. No approval while one is required is a
     * refusal.
     */
    static Approval approval(
            Map<String, String> variables,
            boolean required,
            String pluginVersion,
            String approver,
            String reason,
            MlLog log) {
        GitHubEnvironment github = GitHubEnvironment.from(variables);
        if (approver != null || !github.actions()) {
            return new Approval(approver, reason);
        }
        GitHubApprovals.Approvals approvals;
        String runId;
        try {
            runId = github.requireRunId();
            String repository = github.requireRepository();
            try (GitHubClient client = GitHubClient.forEnvironment(
                    github,
                    "read the approvals of run " + runId,
                    "pass -Dml.promote.approver=<who approved it>",
                    pluginVersion,
                    RetryPolicy.standard(),
                    log)) {
                approvals = GitHubApprovals.read(client, repository, runId);
            }
        } catch (InvalidInputException e) {
            if (required) {
                throw e;
            }
            log.warn("Could not read who approved this run, so the promotion records no approver: " + e.getMessage());
            return new Approval(null, reason);
        }
        if (!approvals.any()) {
            if (required) {
                throw new RefusedException("no approval found for run " + runId + ": run ml:promote in a job bound to"
                        + " a protected environment with required reviewers");
            }
            log.info("No approval recorded for run " + runId + ": promoting without an approver");
            return new Approval(null, reason);
        }
        log.info("Approved by " + approvals.approver() + " in run " + runId
                + (approvals.environments().isEmpty()
                        ? ""
                        : " (environment " + String.join(", ", approvals.environments()) + ")"));
        return new Approval(approvals.approver(), reason != null ? reason : approvals.reason());
    }
}
