package io.github.mlmaven.ci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.evaluation.ChampionGate;
import io.github.mlmaven.evaluation.Verdict;
import io.github.mlmaven.report.PromotionReport;
import io.github.mlmaven.report.SliceSection;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * ml:ci-report: tells the CI system what the build's goals found. On GitHub Actions it appends every model's summary
 * to the job summary, annotates breached thresholds and promotions, sets the step outputs, and on pull requests keeps
 * one comment per model up to date. Elsewhere it logs the summaries. Then, if asked, it fails on a breached gate.
 */
public final class CiReport {
    public static final String SKIP_COMMENTS_HINT =
            "-Dml.ciReport.commentOnPr=false (the action's comment-on-pr: false)";

    private final MlLog log;
    private final Consumer<String> stdout;
    private final RetryPolicy retry;

    /**
     * @param stdout receives workflow command lines ({@code ::error ...}), which must reach the step's standard output
     *     unprefixed
     */
    public CiReport(MlLog log, Consumer<String> stdout, RetryPolicy retry) {
        this.log = log;
        this.stdout = stdout;
        this.retry = retry;
    }

    /**
     * What to report on, and how.
     *
     * @param pom the project's POM, which annotations point at
     * @param buildOutcome {@code success}, {@code failure} (also {@code cancelled}), or null when unknown: the
     *     outcome of the Maven step before this one
     * @param reactorSize projects in the build; in a multi-module build a module without model outputs is skipped
     */
    public record Request(
            Path basedir,
            Path pom,
            Path outputDirectory,
            boolean commentOnPr,
            boolean failOnGate,
            String buildOutcome,
            int reactorSize,
            String pluginVersion,
            GitHubEnvironment github) {}

    /**
     * What was reported: the step outputs' values, and the comments made.
     *
     * @param modelVersion the promoted version(s), empty when none
     * @param metrics single-line JSON, model name to metrics
     */
    public record Outcome(
            boolean passed,
            String modelVersion,
            String metrics,
            String summary,
            List<PullRequestComments.Result> comments) {}

    public Outcome run(Request request) {
        Boolean buildSucceeded = buildOutcome(request.buildOutcome());
        boolean buildFailed = Boolean.FALSE.equals(buildSucceeded);
        List<ModelOutputs.Model> models = ModelOutputs.scan(request.outputDirectory(), log);
        if (models.isEmpty()) {
            String where = display(request.basedir(), request.outputDirectory());
            if (request.reactorSize() > 1) {
                log.info("No model outputs in " + where + ": nothing to report for this module");
                return new Outcome(false, "", "{}", "", List.of());
            }
            if (!buildFailed) {
                throw new InvalidInputException("no model outputs in " + where + ": is ml-maven-plugin configured in"
                        + " this project, and did ml:validate run?");
            }
        }
        boolean noValidation = models.stream().noneMatch(ModelOutputs.Model::validated);
        boolean failedBeforeValidation = buildFailed && noValidation;
        List<ModelOutputs.Model> failed =
                models.stream().filter(m -> m.validated() && !m.passed()).toList();
        boolean passed = !buildFailed && !models.isEmpty() && models.stream().allMatch(ModelOutputs.Model::passed);

        Map<String, String> markdown = new LinkedHashMap<>();
        for (ModelOutputs.Model model : models) {
            markdown.put(model.name(), markdown(model));
        }
        StringBuilder summary = new StringBuilder();
        if (failedBeforeValidation) {
            summary.append("### ❌ Build failed before validation\n\nThe Maven build failed before ml:validate wrote a"
                    + " report; see the log of the build step.\n");
        } else if (buildFailed && failed.isEmpty()) {
            // a breached gate explains a failed build; anything else is worth saying
            summary.append(
                    "> ⚠️ The Maven build failed, though not on a model's gate: see the log of the build" + " step.\n");
        }
        for (String md : markdown.values()) {
            summary.append(summary.isEmpty() ? "" : "\n").append(md);
        }
        String metrics = metricsJson(models);
        String modelVersion = modelVersion(models);
        List<PullRequestComments.Result> comments = new ArrayList<>();
        RuntimeException commentFailure = null;

        GitHubEnvironment github = request.github();
        if (github == null || !github.actions()) {
            log.info("Not on GitHub Actions (GITHUB_ACTIONS is not true): logging the summaries only");
            summary.toString().lines().forEach(log::info);
        } else {
            for (ModelOutputs.Model model : models) {
                log.info("Model " + model.name() + ": " + status(model));
            }
            if (github.stepSummary() != null) {
                GitHubOutputs.appendStepSummary(github.stepSummary(), summary.toString());
                log.info("Appended the summary to the job summary (GITHUB_STEP_SUMMARY)");
            } else {
                log.debug("GITHUB_STEP_SUMMARY is not set: no job summary written");
            }
            annotate(request, github, models, failedBeforeValidation);
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("passed", String.valueOf(passed));
            outputs.put("model-version", modelVersion);
            outputs.put("metrics", metrics);
            outputs.put("summary", summary.toString());
            if (github.output() != null) {
                GitHubOutputs.appendOutputs(github.output(), outputs);
                log.info("Set the step outputs passed=" + passed + ", model-version=" + modelVersion
                        + ", metrics and summary (GITHUB_OUTPUT)");
            } else {
                log.warn("GITHUB_OUTPUT is not set: the step outputs (passed, model-version, metrics, summary) are not"
                        + " written");
            }
            if (github.pullRequestEvent() && request.commentOnPr() && !models.isEmpty()) {
                try {
                    comment(request, github, models, markdown, comments);
                } catch (InvalidInputException e) {
                    commentFailure = e;
                }
            } else if (github.pullRequestEvent() && !request.commentOnPr()) {
                log.info("Not commenting on the pull request (ml.ciReport.commentOnPr is false)");
            }
        }

        if (request.failOnGate() && (!failed.isEmpty() || failedBeforeValidation)) {
            if (commentFailure != null) {
                log.warn("Could not comment on the pull request: " + commentFailure.getMessage());
            }
            throw new GateFailedException(gateMessage(failed, failedBeforeValidation)
                    + "; set -Dml.ciReport.failOnGate=false (the action's fail-on-gate: false) to report without"
                    + " failing");
        }
        if (!failed.isEmpty()) {
            log.warn(gateMessage(failed, false) + " (not failing the build: ml.ciReport.failOnGate is false)");
        }
        if (commentFailure != null) {
            throw commentFailure;
        }
        return new Outcome(passed, modelVersion, metrics, summary.toString(), comments);
    }

    private void comment(
            Request request,
            GitHubEnvironment github,
            List<ModelOutputs.Model> models,
            Map<String, String> markdown,
            List<PullRequestComments.Result> results) {
        String repository = github.requireRepository();
        int number = PullRequestEvent.number(github.eventPath(), github.eventName());
        String footer = github.runUrl() == null
                ? ""
                : "\n<sub>Reported by ml-maven-plugin in [run " + github.runId() + "](" + github.runUrl()
                        + ").</sub>\n";
        try (GitHubClient client = GitHubClient.forEnvironment(
                github,
                "comment on pull request #" + number,
                "set " + SKIP_COMMENTS_HINT,
                request.pluginVersion(),
                retry,
                log)) {
            PullRequestComments prComments = new PullRequestComments(client, retry, log);
            for (ModelOutputs.Model model : models) {
                PullRequestComments.Result result =
                        prComments.upsert(repository, number, model.name(), markdown.get(model.name()) + footer);
                results.add(result);
                log.info((result.created() ? "Commented" : "Updated the comment") + " on pull request #" + number
                        + " for model " + model.name()
                        + (result.htmlUrl() == null ? "" : ": " + result.htmlUrl()));
            }
        }
    }

    private void annotate(
            Request request,
            GitHubEnvironment github,
            List<ModelOutputs.Model> models,
            boolean failedBeforeValidation) {
        String file = pomPath(request, github);
        if (failedBeforeValidation) {
            stdout.accept(WorkflowCommands.error(
                    file,
                    "Build failed before validation",
                    "the Maven build failed before ml:validate wrote a report; see the log of the build step"));
        }
        for (ModelOutputs.Model model : models) {
            String title = "Model " + model.name() + " failed its gate";
            if (model.validated() && !model.passed()) {
                List<String> reasons = reasons(model.validation());
                if (reasons.isEmpty()) {
                    stdout.accept(WorkflowCommands.error(file, title, "validation did not pass; see the job summary"));
                }
                for (String reason : reasons) {
                    stdout.accept(WorkflowCommands.error(file, title, reason));
                }
            } else if (!model.validated()) {
                stdout.accept(WorkflowCommands.warning("Model " + model.name() + " not validated", model.note()));
            }
            PromotionReport promotion = model.promotion();
            if (promotion != null) {
                stdout.accept(WorkflowCommands.notice(
                        "Model " + model.name() + " promoted",
                        promotion.coordinates()
                                + (promotion.approver() == null
                                        ? " without a recorded approver"
                                        : " approved by " + promotion.approver())));
            }
        }
    }

    /** One line per breached threshold, failed champion rule and failed slice rule. */
    static List<String> reasons(ValidationReport validation) {
        List<String> reasons = new ArrayList<>();
        for (Verdict.ThresholdResult t : validation.thresholds()) {
            if (!t.passed()) {
                reasons.add(t.metric() + " = " + number(t.actual()) + " (required " + t.comparator() + " " + t.bound()
                        + ")");
            }
        }
        ValidationReport.ChampionSection champion = validation.champion();
        if (champion != null && champion.rules() != null) {
            for (ChampionGate.RuleResult r : champion.rules()) {
                if (r.passed()) {
                    continue;
                }
                if ("significance".equals(r.rule())) {
                    reasons.add("mcnemar p = " + number(r.actual()) + " against production " + champion.version()
                            + " (required >= " + r.bound() + " while production is right more often)");
                } else {
                    reasons.add(r.metric() + " drop = " + number(r.actual()) + " against production "
                            + champion.version() + " (required <= " + r.bound() + ")");
                }
            }
        }
        if (validation.slices() != null) {
            validation.slices().breaches().forEach(r -> reasons.add(SliceSection.describe(r)));
        }
        return reasons;
    }

    private static String markdown(ModelOutputs.Model model) {
        StringBuilder md = new StringBuilder();
        if (model.validated()) {
            md.append(model.summary());
        } else {
            md.append("### Model `").append(model.name()).append("`: not validated\n\n");
            md.append(capitalize(model.note())).append(".\n");
        }
        if (md.charAt(md.length() - 1) != '\n') {
            md.append('\n');
        }
        PromotionReport promotion = model.promotion();
        if (promotion != null) {
            md.append("\n🚀 Promoted as `").append(promotion.coordinates()).append('`');
            if (promotion.approver() != null) {
                md.append(", approved by ").append(promotion.approver());
            }
            if (promotion.reason() != null) {
                md.append(": ").append(promotion.reason().replace("\n", " "));
            }
            md.append(".\n");
        }
        return md.toString();
    }

    private static String status(ModelOutputs.Model model) {
        String promoted = model.promotion() == null
                ? ""
                : "; promoted as " + model.promotion().coordinates();
        if (!model.validated()) {
            return "not validated (" + model.note() + ")" + promoted;
        }
        if (model.passed()) {
            return (model.validation().gateConfigured() ? "passed its gate" : "validated, no gate configured")
                    + promoted;
        }
        return "failed its gate: " + String.join("; ", reasons(model.validation())) + promoted;
    }

    private static String gateMessage(List<ModelOutputs.Model> failed, boolean failedBeforeValidation) {
        if (failed.isEmpty() && failedBeforeValidation) {
            return "the build failed before ml:validate wrote a report for any model; see the log of the build step";
        }
        String list = failed.stream()
                .map(m -> {
                    List<String> reasons = reasons(m.validation());
                    return m.name() + (reasons.isEmpty() ? "" : ": " + String.join(", ", reasons));
                })
                .collect(Collectors.joining("; "));
        return (failed.size() == 1 ? "1 model failed its gate: " : failed.size() + " models failed their gate: ")
                + list;
    }

    private static String metricsJson(List<ModelOutputs.Model> models) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        for (ModelOutputs.Model model : models) {
            if (model.validated()) {
                metrics.put(model.name(), model.validation().metrics());
            }
        }
        try {
            return Json.MAPPER
                    .writer()
                    .without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(metrics);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The promoted version; with several models, {@code model=version} for each promoted one, comma-separated. */
    private static String modelVersion(List<ModelOutputs.Model> models) {
        List<ModelOutputs.Model> promoted =
                models.stream().filter(m -> m.promotion() != null).toList();
        if (models.size() == 1 && promoted.size() == 1) {
            return promoted.get(0).promotion().version();
        }
        return promoted.stream()
                .map(m -> m.name() + "=" + m.promotion().version())
                .collect(Collectors.joining(","));
    }

    /** The POM relative to GITHUB_WORKSPACE when it lies inside, else relative to the project: what GitHub links. */
    static String pomPath(Request request, GitHubEnvironment github) {
        Path pom = request.pom().toAbsolutePath().normalize();
        Path root = github.workspace() == null
                ? null
                : github.workspace().toAbsolutePath().normalize();
        Path relative = root != null && pom.startsWith(root)
                ? root.relativize(pom)
                : request.basedir().toAbsolutePath().normalize().relativize(pom);
        return relative.toString().replace('\\', '/');
    }

    /** True for success, false for failure or cancelled, null when not given (or skipped). */
    static Boolean buildOutcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "success" -> Boolean.TRUE;
            case "failure", "cancelled" -> Boolean.FALSE;
            case "skipped" -> null;
            default ->
                throw new InvalidConfigurationException(
                        "ml.ciReport.buildOutcome",
                        "ml.ciReport.buildOutcome must be success or failure (the outcome of the Maven step), not "
                                + value);
        };
    }

    private static String number(Double value) {
        return value == null ? "undefined" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String display(Path basedir, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path base = basedir.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace('\\', '/');
    }

    private static String capitalize(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
