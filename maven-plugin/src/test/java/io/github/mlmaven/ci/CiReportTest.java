package io.github.mlmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.common.GateFailedException;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.testing.RecordingLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ml:ci-report's core as a GitHub runner runs it: files named by the variables, the fake API for comments. */
class CiReportTest {
    private static final int PR = 1347;

    @TempDir
    Path dir;

    private FakeGitHub github;
    private Path workspace;
    private Path project;
    private Path outputs;
    private Path stepSummary;
    private Path event;
    private ModelFolders models;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> stdout = new ArrayList<>();
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void runner() throws IOException {
        github = FakeGitHub.start().pullRequest(PR);
        workspace = dir.resolve("workspace");
        project = workspace.resolve("credit-service");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        models = new ModelFolders(project.resolve("target/ml"));
        Path runnerTemp = Files.createDirectories(dir.resolve("_runner_file_commands"));
        outputs = runnerTemp.resolve("set_output_1");
        stepSummary = runnerTemp.resolve("step_summary_1");
        Files.createFile(outputs);
        Files.createFile(stepSummary);
        event = dir.resolve("event.json");
        try (InputStream in = getClass().getResourceAsStream("/github/pull_request.json")) {
            Files.copy(in, event);
        }
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("GITHUB_OUTPUT", outputs.toString());
        env.put("GITHUB_STEP_SUMMARY", stepSummary.toString());
        env.put("GITHUB_EVENT_NAME", "pull_request");
        env.put("GITHUB_EVENT_PATH", event.toString());
        env.put("GITHUB_API_URL", github.apiUrl());
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_REPOSITORY", FakeGitHub.REPOSITORY);
        env.put("GITHUB_RUN_ID", "1658821493");
        env.put("GITHUB_TOKEN", FakeGitHub.TOKEN);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private CiReport.Outcome report() {
        return report(true, null);
    }

    private CiReport.Outcome report(boolean failOnGate, String buildOutcome) {
        RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofSeconds(60), d -> {});
        return new CiReport(log, stdout::add, retry)
                .run(new CiReport.Request(
                        project,
                        project.resolve("pom.xml"),
                        project.resolve("target/ml"),
                        true,
                        failOnGate,
                        buildOutcome,
                        1,
                        "0.1.0-test",
                        GitHubEnvironment.from(env)));
    }

    /** The outputs file parsed as the runner parses it. */
    private Map<String, String> outputs() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(outputs);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int heredoc = line.indexOf("<<");
            int eq = line.indexOf('=');
            if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
                String delimiter = line.substring(heredoc + 2);
                StringBuilder value = new StringBuilder();
                while (!lines.get(++i).equals(delimiter)) {
                    value.append(value.isEmpty() ? "" : "\n").append(lines.get(i));
                }
                values.put(line.substring(0, heredoc), value.toString());
            } else {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    @Test
    void firstRunCreatesOneCommentPerModelAndTheSecondUpdatesThem() {
        // given
        models.passing("churn").passing("credit");

        // when
        CiReport.Outcome first = report();
        models.breaching("credit");
        assertThatThrownBy(this::report).isInstanceOf(GateFailedException.class);

        // then
        assertThat(first.comments())
                .allMatch(PullRequestComments.Result::created)
                .hasSize(2);
        assertThat(github.count("POST")).isEqualTo(2);
        assertThat(github.count("PATCH")).isEqualTo(2);
        assertThat(github.comments(PR))
                .extracting(c -> c.get("id").asLong())
                .containsExactlyElementsOf(first.comments().stream()
                        .map(PullRequestComments.Result::id)
                        .toList());
        String credit = github.comments(PR).get(1).get("body").asText();
        assertThat(credit)
                .startsWith("<!-- ml-maven-plugin:model=credit -->\n### Model `credit`: ❌ failed")
                .contains("| recall | 0.4219 | ≥ 0.8000 | ❌ **breach** |")
                .endsWith("<sub>Reported by ml-maven-plugin in [run 1658821493]"
                        + "(https://github.com/octocat/Hello-World/actions/runs/1658821493).</sub>\n");
        assertThat(log.text()).contains("Commented on pull request #1347 for model churn: https://github.com/");
    }

    @Test
    void outputsHoldPassedModelVersionMetricsAndTheSummary() throws IOException {
        // given
        models.passing("credit").promoted("credit", "1.3.0", "alice");

        // when
        report();

        // then
        Map<String, String> values = outputs();
        assertThat(values).containsEntry("passed", "true").containsEntry("model-version", "1.3.0");
        JsonNode metrics = Json.MAPPER.readTree(values.get("metrics"));
        assertThat(metrics.get("credit").get("accuracy").asDouble()).isEqualTo(0.715);
        assertThat(metrics.get("credit").get("precision").isNull()).isTrue();
        assertThat(values.get("metrics")).doesNotContain("\n");
        assertThat(values.get("summary"))
                .startsWith("### Model `credit`: ✅ passed")
                .contains("| accuracy | 0.7150 | ≥ 0.7000 | ✅ pass |")
                .endsWith("🚀 Promoted as `com.example:credit-model:1.3.0`, approved by alice: better recall.");
        assertThat(Files.readString(outputs)).containsPattern("(?m)^summary<<ghadelimiter_[0-9a-f-]{36}$");
    }

    @Test
    void aPasswordInASummaryReachesNeitherTheJobSummaryNorTheOutputsNorTheComment() throws IOException {
        // given a summary.md that quotes a tracking URI with user-info (written by an older plugin, say)
        models.passing("credit");
        Path summary = models.summaryFile("credit");
        Files.writeString(
                summary,
                Files.readString(summary)
                        + "\nMLflow: run [r1](https://alice:pw-51c0@mlflow:5000/#/runs/r1?token=t-9e2).\n");

        // when
        report();

        // then
        assertThat(outputs().get("summary")).contains("https://***@mlflow:5000/#/runs/r1?token=***");
        assertThat(Files.readString(outputs)).doesNotContain("pw-51c0").doesNotContain("t-9e2");
        assertThat(Files.readString(stepSummary)).contains("MLflow: run").doesNotContain("pw-51c0");
        assertThat(github.comments(PR).get(0).get("body").asText())
                .contains("MLflow: run")
                .doesNotContain("pw-51c0");
        assertThat(log.text()).doesNotContain("pw-51c0");
    }

    @Test
    void severalModelsNameTheirPromotedVersions() throws IOException {
        // given
        models.passing("churn")
                .passing("credit")
                .promoted("credit", "1.3.0", "alice")
                .promoted("churn", "2.0.1", "bob");

        // when
        report();

        // then
        assertThat(outputs()).containsEntry("model-version", "churn=2.0.1,credit=1.3.0");
    }

    @Test
    void withoutPromotionModelVersionIsEmpty() throws IOException {
        // given
        models.passing("credit");

        // when
        report();

        // then
        assertThat(outputs()).containsEntry("model-version", "");
    }

    @Test
    void summariesAreAppendedToTheJobSummary() throws IOException {
        // given a job summary an earlier step wrote to
        Files.writeString(stepSummary, "## Tests\n\nall green\n");
        models.passing("churn").passing("credit");

        // when
        report();

        // then
        String summary = Files.readString(stepSummary);
        assertThat(summary).startsWith("## Tests\n\nall green\n### Model `churn`: ✅ passed");
        assertThat(summary.indexOf("### Model `credit`")).isGreaterThan(summary.indexOf("### Model `churn`"));
        assertThat(summary).contains(Files.readString(models.summaryFile("credit")));
    }

    @Test
    void breachedGateIsAnnotatedOnThePomAndFailsTheStep() throws IOException {
        // given
        models.breaching("credit").passing("churn");

        // when
        GateFailedException e = catchThrowableOfType(GateFailedException.class, this::report);

        // then
        assertThat(stdout)
                .containsExactly("::error file=credit-service/pom.xml,title=Model credit failed its gate::recall ="
                        + " 0.4219 (required >= 0.8)");
        assertThat(e.getMessage())
                .isEqualTo("1 model failed its gate: credit: recall = 0.4219 (required >= 0.8); set"
                        + " -Dml.ciReport.failOnGate=false (the action's fail-on-gate: false) to report without"
                        + " failing");
        // reported before failing
        assertThat(outputs()).containsEntry("passed", "false");
        assertThat(Files.readString(stepSummary)).contains("❌ **breach**");
        assertThat(github.comments(PR)).hasSize(2);
    }

    @Test
    void failedChampionRuleIsAnnotatedToo() {
        // given
        models.worseThanProduction("credit");

        // when
        assertThatThrownBy(this::report).isInstanceOf(GateFailedException.class);

        // then
        assertThat(stdout)
                .containsExactly("::error file=credit-service/pom.xml,title=Model credit failed its gate::recall drop ="
                        + " 0.0313 against production 1.0.3 (required <= 0.02)");
    }

    @Test
    void withoutFailOnGateTheBreachIsReportedButTheStepPasses() throws IOException {
        // given
        models.breaching("credit");

        // when
        CiReport.Outcome outcome = report(false, "success");

        // then
        assertThat(outcome.passed()).isFalse();
        assertThat(outputs()).containsEntry("passed", "false");
        assertThat(stdout).hasSize(1);
        assertThat(log.text()).contains("(not failing the build: ml.ciReport.failOnGate is false)");
    }

    @Test
    void promotionIsANotice() {
        // given
        models.passing("credit").promoted("credit", "1.3.0", "alice,bob");

        // when
        report();

        // then
        assertThat(stdout)
                .containsExactly(
                        "::notice title=Model credit promoted::com.example:credit-model:1.3.0 approved by alice,bob");
    }

    @Test
    void annotationPropertiesAreEscaped() {
        // given a model name with characters the runner reads as separators
        models.breaching("a:b,c");

        // when
        assertThatThrownBy(this::report).isInstanceOf(GateFailedException.class);

        // then
        assertThat(stdout)
                .singleElement()
                .asString()
                .startsWith("::error file=credit-service/pom.xml,title=Model" + " a%3Ab%2Cc failed its gate::");
    }

    @Test
    void pomOutsideTheWorkspaceIsNamedRelativeToTheProject() {
        // given
        env.put("GITHUB_WORKSPACE", dir.resolve("elsewhere").toString());
        models.breaching("credit");

        // when
        assertThatThrownBy(this::report).isInstanceOf(GateFailedException.class);

        // then
        assertThat(stdout).singleElement().asString().startsWith("::error file=pom.xml,");
    }

    @Test
    void buildThatFailedBeforeValidationIsReportedAndFails() throws IOException {
        // given nothing under target/ml: the build failed before training
        // when
        GateFailedException e = catchThrowableOfType(GateFailedException.class, () -> report(true, "failure"));

        // then
        assertThat(e.getMessage()).startsWith("the build failed before ml:validate wrote a report for any model");
        assertThat(stdout)
                .singleElement()
                .asString()
                .startsWith("::error file=credit-service/pom.xml,title=Build" + " failed before validation::");
        assertThat(outputs()).containsEntry("passed", "false").containsEntry("metrics", "{}");
        assertThat(Files.readString(stepSummary)).startsWith("### ❌ Build failed before validation");
    }

    @Test
    void buildThatFailedAfterTrainingNamesTheModelThatWasNotValidated() throws IOException {
        // given
        models.trainedOnly("credit");

        // when
        assertThatThrownBy(() -> report(true, "failure")).isInstanceOf(GateFailedException.class);

        // then
        assertThat(stdout).anyMatch(l -> l.startsWith("::warning title=Model credit not validated::trained, but"));
        assertThat(github.comments(PR))
                .singleElement()
                .satisfies(c -> assertThat(c.get("body").asText()).contains("### Model `credit`: not validated"));
    }

    @Test
    void buildFailureWithPassingValidationsIsNotPassedButNotAGateFailure() throws IOException {
        // given
        models.passing("credit");

        // when
        CiReport.Outcome outcome = report(true, "failure");

        // then
        assertThat(outcome.passed()).isFalse();
        assertThat(outputs()).containsEntry("passed", "false");
        assertThat(Files.readString(stepSummary))
                .startsWith("> ⚠️ The Maven build failed, though not on a model's" + " gate");
    }

    @Test
    void buildThatFailedOnTheGateNeedsNoExtraWord() throws IOException {
        // given ml:validate failed the build step on the gate
        models.breaching("credit");

        // when
        assertThatThrownBy(() -> report(true, "failure")).isInstanceOf(GateFailedException.class);

        // then
        assertThat(Files.readString(stepSummary)).startsWith("### Model `credit`: ❌ failed");
    }

    @Test
    void noModelOutputsAskWhetherThePluginIsConfigured() {
        // when / then
        assertThatThrownBy(this::report)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("no model outputs in target/ml: is ml-maven-plugin configured in this project, and did"
                        + " ml:validate run?");
    }

    @Test
    void moduleWithoutModelsInAMultiModuleBuildIsSkipped() {
        // when
        CiReport.Outcome outcome = new CiReport(log, stdout::add, RetryPolicy.standard())
                .run(new CiReport.Request(
                        project,
                        project.resolve("pom.xml"),
                        project.resolve("target/ml"),
                        true,
                        true,
                        null,
                        3,
                        "test",
                        GitHubEnvironment.from(env)));

        // then
        assertThat(outcome.summary()).isEmpty();
        assertThat(log.text()).contains("No model outputs in target/ml: nothing to report for this module");
    }

    @Test
    void unknownBuildOutcomeIsAConfigurationError() {
        // given
        models.passing("credit");

        // when / then
        assertThatThrownBy(() -> report(true, "passed"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ml.ciReport.buildOutcome must be success or failure");
    }

    @Test
    void outsideGitHubActionsTheSummariesAreLogged() throws IOException {
        // given
        env.put("GITHUB_ACTIONS", "false");
        models.passing("credit");

        // when
        report();

        // then
        assertThat(log.lines())
                .contains("INFO ### Model `credit`: ✅ passed", "INFO | accuracy | 0.7150 | ≥ 0.7000 | ✅ pass |");
        assertThat(stdout).isEmpty();
        assertThat(outputs).isEmptyFile();
        assertThat(stepSummary).isEmptyFile();
        assertThat(github.requests()).isEmpty();
    }

    @Test
    void pushEventDoesNotComment() throws IOException {
        // given
        env.put("GITHUB_EVENT_NAME", "push");
        models.passing("credit");

        // when
        report();

        // then
        assertThat(github.requests()).isEmpty();
        assertThat(outputs()).containsEntry("passed", "true");
    }

    @Test
    void pullRequestTargetEventComments() {
        // given
        env.put("GITHUB_EVENT_NAME", "pull_request_target");
        models.passing("credit");

        // when
        report();

        // then
        assertThat(github.comments(PR)).hasSize(1);
    }

    @Test
    void missingTokenSaysWhereToSetItAfterReporting() throws IOException {
        // given
        env.remove("GITHUB_TOKEN");
        models.passing("credit");

        // when
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, this::report);

        // then
        assertThat(e.getMessage())
                .isEqualTo("no GitHub token to comment on pull request #1347: set the action's github-token input,"
                        + " or the GITHUB_TOKEN environment variable of the step (env: GITHUB_TOKEN: ${{ github.token"
                        + " }}); or set -Dml.ciReport.commentOnPr=false (the action's comment-on-pr: false)");
        assertThat(outputs()).containsEntry("passed", "true");
    }

    @Test
    void eventWithoutPullRequestNumberIsOneLine() throws IOException {
        // given
        Files.writeString(event, "{\"action\":\"opened\",\"repository\":{\"full_name\":\"octocat/Hello-World\"}}");
        models.passing("credit");

        // when / then
        assertThatThrownBy(this::report)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the pull_request event in " + event + " has no pull request number (.pull_request.number"
                        + " or .number); comment only on pull_request events, or set -Dml.ciReport.commentOnPr=false"
                        + " (the action's comment-on-pr: false)");
    }

    @Test
    void numberAtTheTopOfTheEventIsEnough() throws IOException {
        // given
        Files.writeString(event, "{\"action\":\"synchronize\",\"number\":1347}");
        models.passing("credit");

        // when
        report();

        // then
        assertThat(github.comments(PR)).hasSize(1);
    }

    @Test
    void missingEventFileNamesTheVariable() {
        // given
        env.put("GITHUB_EVENT_PATH", dir.resolve("missing.json").toString());
        models.passing("credit");

        // when / then
        assertThatThrownBy(this::report)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("GITHUB_EVENT_PATH=" + dir.resolve("missing.json") + " is not a file");
    }

    @Test
    void forbiddenCommentGivesThePermissionToAdd() {
        // given
        github.failNext(FakeGitHub.forbidden("GET"));
        models.passing("credit");

        // when
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, this::report);

        // then
        assertThat(e.getMessage())
                .startsWith("the token lacks permission to comment: give the workflow `permissions: pull-requests:"
                        + " write` (issues: write for issue comments)");
    }

    @Test
    void refusedTokenIsOneLine() {
        // given
        env.put("GITHUB_TOKEN", "ghp_notthetoken");
        models.passing("credit");

        // when
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, this::report);

        // then
        assertThat(e.getMessage())
                .isEqualTo("the GitHub token was refused (401): set the action's github-token input or GITHUB_TOKEN");
        assertThat(log.text()).doesNotContain("ghp_notthetoken");
    }

    @Test
    void unknownRepositorySaysWhichPullRequestWasNotFound() {
        // given
        env.put("GITHUB_REPOSITORY", "octocat/Spoon-Knife");
        models.passing("credit");

        // when
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, this::report);

        // then
        assertThat(e.getMessage()).startsWith("pull request #1347 of octocat/Spoon-Knife was not found (404)");
    }

    @Test
    void gateFailureWinsOverACommentFailure() {
        // given
        github.failNext(FakeGitHub.forbidden("GET"));
        models.breaching("credit");

        // when
        Throwable e = catchThrowableOfType(GateFailedException.class, this::report);

        // then
        assertThat(e).isNotNull();
        assertThat(log.text()).contains("Could not comment on the pull request: the token lacks permission");
    }

    @Test
    void serverErrorsOnTheWayAreRetried() {
        // given
        github.failNext(FakeGitHub.serverError("GET"))
                .failNext(FakeGitHub.tooManyRequests("GET", 2))
                .failNext(FakeGitHub.closedConnection("GET"));
        models.passing("credit");

        // when
        CiReport.Outcome outcome = report();

        // then
        assertThat(outcome.comments()).singleElement().matches(PullRequestComments.Result::created);
        assertThat(github.comments(PR)).hasSize(1);
    }

    @Test
    void staleValidationOfAnEarlierModelIsNotReportedAsPassing() throws IOException {
        // given a retrained model whose validation did not run again
        models.passing("credit");
        Files.writeString(
                project.resolve("target/ml/credit/model-card.json"),
                "{\"modelName\":\"credit\",\"modelSha256\":\"00ff\"}");

        // when
        CiReport.Outcome outcome = report();

        // then
        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.summary()).contains("### Model `credit`: not validated");
    }
}
