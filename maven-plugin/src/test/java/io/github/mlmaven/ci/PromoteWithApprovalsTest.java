package io.github.mlmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.report.PromotionReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.GitTestRepo;
import io.github.mlmaven.workflow.StepLauncher;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml:promote's steps on a GitHub runner, through the launcher the Mojo calls: without -Dml.promote.approver the run's
 * approvals are read from the API and recorded; promote-complete writes promotion.json, which ml:ci-report announces.
 */
class PromoteWithApprovalsTest {
    private static final String RUN = "1658821493";

    @TempDir
    Path dir;

    private FakeGitHub github;
    private GitTestRepo repo;
    private final List<String> logged = new ArrayList<>();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void trainedAndValidatedInAGitRepository() {
        github = FakeGitHub.start();
        repo = GitTestRepo.cloneWithOneCommit(dir);
        Datasets.copy(Datasets.weatherNominalArff(), repo.workTree(), "data/weather.arff");
        assertThat(launch("train", train())).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(launch("validate", validate())).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
    }

    @AfterEach
    void stop() {
        repo.close();
        github.close();
    }

    private Map<String, Object> common() {
        Map<String, Object> p = new HashMap<>();
        p.put("basedir", repo.workTree().toString());
        p.put("outputDirectory", repo.workTree().resolve("target/ml").toString());
        p.put("modelName", "weather");
        p.put("trainingData", List.of("data/weather.arff"));
        p.put("testData", null);
        p.put("evaluation", null);
        p.put("holdoutPercent", 20);
        p.put("pluginVersion", "test");
        p.put("classpath", List.of());
        p.put("registryBranch", "ml-registry");
        p.put("registryRemote", "origin");
        return p;
    }

    private Map<String, Object> train() {
        Map<String, Object> p = common();
        p.put("algorithm", "weka.classifiers.trees.J48");
        p.put("seed", 1L);
        p.put("force", false);
        return p;
    }

    private Map<String, Object> validate() {
        Map<String, Object> p = common();
        p.put("folds", 7);
        p.put("thresholdsProperty", "accuracy>=0");
        p.put("championStatus", "none");
        return p;
    }

    private Map<String, Object> promote(boolean requireApproval, String approver) {
        Map<String, Object> p = common();
        p.put("groupId", "com.example");
        p.put("artifactId", "weather-model");
        p.put("projectVersion", "1.0-SNAPSHOT");
        p.put("version", null);
        p.put("approver", approver);
        p.put("reason", null);
        p.put("requireApproval", requireApproval);
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_API_URL", github.apiUrl());
        env.put("GITHUB_REPOSITORY", FakeGitHub.REPOSITORY);
        env.put("GITHUB_RUN_ID", RUN);
        env.put("GITHUB_TOKEN", FakeGitHub.TOKEN);
        p.put("github", env);
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(Map<String, Object> parameters) {
        return (Map<String, String>) parameters.get("github");
    }

    private Map<String, String> launch(String step, Map<String, Object> parameters) {
        return StepLauncher.launch(step, parameters, (level, message) -> logged.add(level + " " + message));
    }

    /** promote-prepare, then promote-complete as the Mojo calls it after deploying. */
    private Map<String, String> promote(Map<String, Object> parameters) {
        Map<String, String> prepared = launch("promote-prepare", parameters);
        if (!StepLauncher.OK.equals(prepared.get(StepLauncher.OUTCOME))) {
            return prepared;
        }
        Map<String, Object> next = new HashMap<>(parameters);
        next.put("version", prepared.get("version"));
        next.put("deployedTo", "releases (file:///tmp/releases)");
        return launch("promote-complete", next);
    }

    private JsonNode registryRecord() throws Exception {
        try (Git git = Git.open(repo.workTree().toFile())) {
            var repository = git.getRepository();
            var id = repository.resolve("refs/heads/ml-registry:models/weather.json");
            return Json.MAPPER.readTree(repository.open(id).getBytes());
        }
    }

    @Test
    void approversOfTheRunAreRecordedAsTheApprover() throws Exception {
        // given two reviewers approved the run's deployment to production
        github.review(RUN, "approved", "carol", "Ship it!", "production")
                .review(RUN, "approved", "alice", "", "production");

        // when
        Map<String, String> outcome = promote(promote(true, null));

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        JsonNode version = registryRecord().get("versions").get(0);
        assertThat(version.get("approver").asText()).isEqualTo("alice,carol");
        assertThat(version.get("reason").asText()).isEqualTo("Ship it!");
        assertThat(logged).contains("info Approved by alice,carol in run " + RUN + " (environment production)");
        assertThat(github.requests())
                .singleElement()
                .extracting(FakeGitHub.Request::pathAndQuery)
                .isEqualTo("/repos/octocat/Hello-World/actions/runs/" + RUN + "/approvals");
    }

    @Test
    void promotionJsonRecordsWhatWasPromotedForTheReport() throws Exception {
        // given
        github.review(RUN, "approved", "alice", "better recall", "production");

        // when
        promote(promote(true, null));

        // then
        Path file = repo.workTree().resolve("target/ml/weather/" + PromotionReport.FILE);
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("modelName").asText()).isEqualTo("weather");
        assertThat(json.get("version").asText()).isEqualTo("1.0.0");
        assertThat(json.get("groupId").asText()).isEqualTo("com.example");
        assertThat(json.get("artifactId").asText()).isEqualTo("weather-model");
        assertThat(json.get("approver").asText()).isEqualTo("alice");
        assertThat(json.get("reason").asText()).isEqualTo("better recall");
        assertThat(json.get("sourceCommit").asText()).isEqualTo(repo.commitId());
        assertThat(json.get("promotedAt").asText()).isNotBlank();
        assertThat(json.get("modelSha256").asText())
                .isEqualTo(Json.MAPPER
                        .readTree(repo.workTree()
                                .resolve("target/ml/weather/model-card.json")
                                .toFile())
                        .get("modelSha256")
                        .asText());
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        // and ml:ci-report then announces it
        List<String> stdout = new ArrayList<>();
        Path outputs = Files.createFile(dir.resolve("github_output"));
        new CiReport(io.github.mlmaven.common.MlLog.SILENT, stdout::add, RetryPolicy.standard())
                .run(new CiReport.Request(
                        repo.workTree(),
                        repo.workTree().resolve("pom.xml"),
                        repo.workTree().resolve("target/ml"),
                        true,
                        true,
                        "success",
                        1,
                        "test",
                        GitHubEnvironment.from(Map.of(
                                "GITHUB_ACTIONS",
                                "true",
                                "GITHUB_EVENT_NAME",
                                "push",
                                "GITHUB_OUTPUT",
                                outputs.toString()))));
        assertThat(stdout)
                .containsExactly("::notice title=Model weather promoted::com.example:weather-model:1.0.0 approved by"
                        + " alice");
        assertThat(Files.readString(outputs)).contains("model-version=1.0.0\n");
    }

    @Test
    void noApprovalWhileOneIsRequiredIsRefused() throws IOException {
        // given a run whose job is bound to no protected environment
        github.run(RUN);

        // when
        Map<String, String> outcome = promote(promote(true, null));

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.REFUSED)
                .containsEntry(
                        StepLauncher.MESSAGE,
                        "no approval found for run " + RUN + ": run ml:promote in a job bound to a protected"
                                + " environment with required reviewers");
        assertThat(repo.workTree().resolve("target/ml/weather/" + PromotionReport.FILE))
                .doesNotExist();
    }

    @Test
    void noApprovalWhenNoneIsRequiredPromotesWithoutApprover() throws Exception {
        // given
        github.run(RUN);

        // when
        Map<String, String> outcome = promote(promote(false, null));

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(registryRecord().get("versions").get(0).get("approver").isNull())
                .isTrue();
        assertThat(logged).contains("info No approval recorded for run " + RUN + ": promoting without an approver");
    }

    @Test
    void givenApproverWinsAndTheApiIsNotAsked() throws Exception {
        // when
        Map<String, String> outcome = promote(promote(true, "dave"));

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(registryRecord().get("versions").get(0).get("approver").asText())
                .isEqualTo("dave");
        assertThat(github.requests()).isEmpty();
    }

    @Test
    void tokenWithoutActionsReadIsToldWhichPermissionToAdd() {
        // given
        github.run(RUN).failNext(FakeGitHub.forbidden("GET"));

        // when
        Map<String, String> outcome = promote(promote(true, null));

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_INPUT)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m)
                                .startsWith("the token cannot read the approvals of run " + RUN + " (403): give the job"
                                        + " `permissions: actions: read`"));
    }

    @Test
    void withoutTokenARequiredApprovalCannotBeReadAndThatIsAnError() {
        // given
        Map<String, Object> parameters = promote(true, null);
        env(parameters).remove("GITHUB_TOKEN");

        // when
        Map<String, String> outcome = promote(parameters);

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_INPUT)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m)
                                .startsWith("no GitHub token to read the approvals of run " + RUN + ": set the action's"
                                        + " github-token input")
                                .endsWith("; or pass -Dml.promote.approver=<who approved it>"));
    }

    @Test
    void withoutTokenAnOptionalApprovalIsAWarning() throws Exception {
        // given
        Map<String, Object> parameters = promote(false, null);
        env(parameters).remove("GITHUB_TOKEN");

        // when
        Map<String, String> outcome = promote(parameters);

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(logged)
                .anyMatch(l -> l.startsWith("warn Could not read who approved this run, so the promotion"
                        + " records no approver: no GitHub token"));
        assertThat(registryRecord().get("versions").get(0).get("approver").isNull())
                .isTrue();
    }
}
