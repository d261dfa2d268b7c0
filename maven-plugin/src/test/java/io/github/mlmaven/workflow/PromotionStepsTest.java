package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.evaluation.ChampionRules;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.Jars;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.PromotionRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevTag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry steps of ml:validate, ml:promote, ml:history and ml:rollback, run one by one as the goals chain them
 * (through {@link StepLauncher#launch}), on a project committed in a clone of a bare origin. {@link PromoteGoalTest}
 * runs ml:promote whole.
 */
class PromotionStepsTest {
    private static final String MODEL = "weather";
    private static final String BRANCH = "ml-registry";
    private static final String REGISTRY_FILE = "models/weather.json";

    @TempDir
    Path dir;

    private PromotionRepo repo;
    private MlProject project;
    private ModelCard card;
    private final List<String> logged = new ArrayList<>();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** J48 trained on the committed weather data and validated (10-fold cv, no gate, no registry consulted). */
    @BeforeEach
    void validatedModelInAClone() {
        repo = PromotionRepo.withData(dir, Datasets.weatherNominalArff(), "weather.arff");
        project = repo.project();
        card = trainAndValidate(project, repo.dataPath());
    }

    private static ModelCard trainAndValidate(MlProject project, String data) {
        return trainAndValidate(project, data, "");
    }

    private static ModelCard trainAndValidate(MlProject project, String data, String options) {
        ModelCard trained = new TrainWorkflow(MlLog.SILENT)
                .run(project.train(data).modelName(MODEL).options(options).request())
                .card();
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(data).modelName(MODEL).request());
        return trained;
    }

    /** The parameters the Mojos pass, with their defaults: branch ml-registry, remote origin, no credentials. */
    private Map<String, Object> parameters(MlProject of) {
        Map<String, Object> p = new HashMap<>();
        p.put("basedir", of.basedir().toString());
        p.put("outputDirectory", of.outputDirectory().toString());
        p.put("modelName", MODEL);
        p.put("pluginVersion", "test");
        p.put("classpath", List.of());
        p.put("registryBranch", BRANCH);
        p.put("registryRemote", "origin");
        p.put("groupId", "com.example");
        p.put("artifactId", "weather-model");
        p.put("projectVersion", "1.3-SNAPSHOT");
        p.put("version", null);
        p.put("approver", "alice");
        p.put("reason", "first model");
        p.put("requireApproval", false);
        return p;
    }

    private Map<String, Object> parameters() {
        return parameters(project);
    }

    private Map<String, String> launch(String goal, Map<String, Object> parameters) {
        return StepLauncher.launch(goal, parameters, (level, message) -> logged.add(level + " " + message));
    }

    private Map<String, String> prepare() {
        return launch("promote-prepare", parameters());
    }

    private Map<String, String> complete(String version) {
        Map<String, Object> p = parameters();
        p.put("version", version);
        return launch("promote-complete", p);
    }

    /** ml:promote with a deploy that succeeds: prepare, then complete. */
    private Map<String, String> promote() {
        Map<String, String> prepared = prepare();
        assertThat(prepared).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(complete(prepared.get("version"))).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        return prepared;
    }

    private Map<String, String> abort(String version, String failure) {
        Map<String, Object> p = parameters();
        p.put("version", version);
        p.put("failure", failure);
        return launch("promote-abort", p);
    }

    private Map<String, String> rollback(String version) {
        Map<String, Object> p = parameters();
        p.put("rollbackVersion", version);
        p.put("reason", "1.3.1 misroutes bad loans");
        return launch("rollback", p);
    }

    /** The registry document of the model on origin's registry branch. */
    private JsonNode originDocument() throws IOException {
        String json = repo.originFile(BRANCH, REGISTRY_FILE)
                .orElseThrow(() -> new AssertionError("no " + REGISTRY_FILE + " on " + BRANCH + " of origin"));
        return Json.MAPPER.readTree(json);
    }

    private static JsonNode version(JsonNode document, String version) {
        for (JsonNode v : document.get("versions")) {
            if (v.get("version").asText().equals(version)) {
                return v;
            }
        }
        throw new AssertionError("no version " + version + " in " + document);
    }

    private List<String> infoLines() {
        return logged.stream()
                .filter(l -> l.startsWith("info "))
                .map(l -> l.substring(5))
                .toList();
    }

    // ------------------------------------------------------------------ the production lookup

    @Test
    void lookupBeforeAnyPromotionFindsNoProductionVersion() {
        // when
        Map<String, String> lookup = launch("champion-lookup", parameters());

        // then
        assertThat(lookup)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.OK)
                .containsEntry("championStatus", "none")
                .doesNotContainKey("championVersion");
    }

    @Test
    void lookupAfterAPromotionFindsItsCoordinatesAndHash() {
        // given
        promote();

        // when
        Map<String, String> lookup = launch("champion-lookup", parameters());

        // then
        assertThat(lookup)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.OK)
                .containsEntry("championStatus", "found")
                .containsEntry("championVersion", "1.3.0")
                .containsEntry("groupId", "com.example")
                .containsEntry("artifactId", "weather-model")
                .containsEntry("modelSha256", card.modelSha256());
    }

    @Test
    void lookupFromAFreshCloneFindsTheProductionVersionOnOrigin() throws Exception {
        // given a promotion from the first clone, and a second clone of main only, as CI checks out
        promote();
        Path fresh = dir.resolve("fresh");
        Git.cloneRepository()
                .setURI(repo.origin().toUri().toString())
                .setDirectory(fresh.toFile())
                .setBranchesToClone(List.of("refs/heads/" + PromotionRepo.MAIN))
                .setBranch(PromotionRepo.MAIN)
                .call()
                .close();

        // when
        Map<String, String> lookup =
                launch("champion-lookup", parameters(MlProject.in(fresh.resolve(PromotionRepo.PROJECT))));

        // then
        assertThat(lookup).containsEntry("championStatus", "found").containsEntry("championVersion", "1.3.0");
    }

    @Test
    void lookupOutsideAGitRepositoryIsUnknownAndSaysSo() {
        // given a trained and validated project in no repository
        MlProject plain = MlProject.in(dir.resolve("plain"));
        trainAndValidate(plain, plain.withData(Datasets.weatherNominalArff(), "weather.arff"));

        // when
        Map<String, String> lookup = launch("champion-lookup", parameters(plain));

        // then
        assertThat(lookup)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.OK)
                .containsEntry("championStatus", "unknown");
        assertThat(logged).anyMatch(l -> l.startsWith("info ") && l.contains("not in a git repository"));
    }

    // ------------------------------------------------------------------ promote

    @Test
    void prepareReservesTheFirstVersionOfTheProjectsMinorAndPackagesTheArtifact() throws IOException {
        // when
        Map<String, String> prepared = prepare();

        // then
        assertThat(prepared)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.OK)
                .containsEntry("groupId", "com.example")
                .containsEntry("artifactId", "weather-model")
                .containsEntry("version", "1.3.0");
        Path jar = Path.of(prepared.get("jar"));
        Path pom = Path.of(prepared.get("pom"));
        assertThat(jar).isRegularFile().hasFileName("weather-model-1.3.0.jar");
        assertThat(pom).isRegularFile().hasFileName("weather-model-1.3.0.pom");
        ModelBundle bundle = project.bundle(MODEL);
        assertThat(Jars.entry(jar, "META-INF/ml-models/weather/weather.model"))
                .isEqualTo(Files.readAllBytes(bundle.modelFile()));
        assertThat(Files.readString(pom)).contains("<version>1.3.0</version>");

        // and the reservation is on origin, production unchanged
        JsonNode document = originDocument();
        assertThat(document.get("production").isNull()).isTrue();
        assertThat(version(document, "1.3.0").get("status").asText()).isEqualTo("reserved");
        assertThat(version(document, "1.3.0").get("modelSha256").asText()).isEqualTo(card.modelSha256());
        assertThat(version(document, "1.3.0").get("sourceCommit").asText()).isEqualTo(repo.sourceCommit());
        assertThat(repo.originLog(BRANCH)).first().asString().startsWith("reserve weather 1.3.0 (approved by alice");
        assertThat(launch("champion-lookup", parameters())).containsEntry("championStatus", "none");
    }

    @Test
    void completeRecordsProductionAndTagsTheSourceCommitOnOrigin() throws IOException {
        // given
        assertThat(card.git().commit()).isEqualTo(repo.sourceCommit());
        assertThat(card.git().dirty()).isFalse();
        String version = prepare().get("version");

        // when
        Map<String, String> completed = complete(version);

        // then
        assertThat(completed).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        JsonNode document = originDocument();
        assertThat(document.get("production").asText()).isEqualTo("1.3.0");
        assertThat(version(document, "1.3.0").get("status").asText()).isEqualTo("promoted");
        assertThat(repo.originLog(BRANCH)).first().asString().startsWith("promote weather 1.3.0");
        RevTag tag = repo.originTag("ml/weather/1.3.0")
                .orElseThrow(() -> new AssertionError("no tag ml/weather/1.3.0 on origin"));
        assertThat(tag.getObject().name()).isEqualTo(repo.sourceCommit());
        assertThat(tag.getFullMessage()).contains("weather 1.3.0 promoted").contains("approved by alice");
        assertThat(infoLines())
                .anyMatch(l -> l.startsWith("Promoted com.example:weather-model:1.3.0: production is now 1.3.0"));
    }

    @Test
    void abortMarksTheVersionFailedAndTheNextPromotionTakesTheNextNumber() throws IOException {
        // given a reservation whose deploy failed
        prepare();

        // when
        Map<String, String> aborted = abort("1.3.0", "deploy failed: connection refused");
        Map<String, String> next = prepare();

        // then
        assertThat(aborted).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(next).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK).containsEntry("version", "1.3.1");
        JsonNode document = originDocument();
        assertThat(version(document, "1.3.0").get("status").asText()).isEqualTo("failed");
        assertThat(version(document, "1.3.1").get("status").asText()).isEqualTo("reserved");
        assertThat(document.get("production").isNull()).isTrue();
        assertThat(repo.originLog(BRANCH)).contains("fail weather 1.3.0 (deploy failed: connection refused)\n");
        assertThat(logged).anyMatch(l -> l.startsWith("warn Recorded version 1.3.0 of weather as failed"));
    }

    @Test
    void promotionFromAnotherCloneTakesTheNextVersion() throws Exception {
        // given 1.3.0 reserved from the first clone, and a second clone made before, that never fetched since
        Path other = dir.resolve("other");
        Git.cloneRepository()
                .setURI(repo.origin().toUri().toString())
                .setDirectory(other.toFile())
                .setBranchesToClone(List.of("refs/heads/" + PromotionRepo.MAIN))
                .setBranch(PromotionRepo.MAIN)
                .call()
                .close();
        MlProject otherProject = MlProject.in(other.resolve(PromotionRepo.PROJECT));
        trainAndValidate(otherProject, repo.dataPath(), "-M 3"); // one commit, two versions: they must differ
        prepare();

        // when
        Map<String, String> outcome = launch("promote-prepare", parameters(otherProject));

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK).containsEntry("version", "1.3.1");
        JsonNode document = originDocument();
        assertThat(version(document, "1.3.0").get("status").asText()).isEqualTo("reserved");
        assertThat(version(document, "1.3.1").get("status").asText()).isEqualTo("reserved");
    }

    private void retrainFromUncommittedChanges() throws IOException {
        // a tracked file changed, and the model retrained (forced: data and configuration are unchanged)
        Files.writeString(project.basedir().resolve(".gitignore"), "target/\n*.tmp\n");
        card = new TrainWorkflow(MlLog.SILENT)
                .run(project.train(repo.dataPath()).modelName(MODEL).force(true).request())
                .card();
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(repo.dataPath()).modelName(MODEL).request());
        assertThat(card.git().dirty()).isTrue();
    }

    @Test
    void modelTrainedFromUncommittedChangesIsRefusedAndNothingIsRecorded() throws IOException {
        // given
        retrainFromUncommittedChanges();

        // when
        Map<String, String> outcome = prepare();

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.REFUSED)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m)
                                .contains("uncommitted changes")
                                .contains(repo.sourceCommit())
                                .contains("-Dml.promote.allowDirty=true"));
        assertThat(repo.originFile(BRANCH, REGISTRY_FILE)).isEmpty();
    }

    @Test
    void modelTrainedFromUncommittedChangesIsPromotedWhenAllowedAndSaysSoInTheRegistryAndOnTheTag() throws IOException {
        // given
        retrainFromUncommittedChanges();
        Map<String, Object> p = parameters();
        p.put("allowDirty", true);

        // when
        Map<String, String> prepared = launch("promote-prepare", p);
        p.put("version", prepared.get("version"));
        Map<String, String> completed = launch("promote-complete", p);

        // then
        assertThat(prepared).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(completed).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(logged)
                .anyMatch(l ->
                        l.startsWith("warn ") && l.contains("uncommitted changes") && l.contains(repo.sourceCommit()));
        assertThat(version(originDocument(), "1.3.0").get("uncommittedChanges").asBoolean())
                .isTrue();
        RevTag tag = repo.originTag("ml/weather/1.3.0").orElseThrow();
        assertThat(tag.getFullMessage()).contains("uncommitted changes").contains("allowDirty");
        logged.clear();
        launch("history", parameters());
        assertThat(infoLines()).anyMatch(l -> l.contains("1.3.0: trained from a working tree with uncommitted"));
    }

    @Test
    void theSameModelOfTheSameCommitIsNotPromotedTwice() throws IOException {
        // given 1.3.0 promoted, and the same training validated against it
        Map<String, String> first = promote();
        Map<String, String> lookup = launch("champion-lookup", parameters());
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(repo.dataPath())
                        .modelName(MODEL)
                        .champion(new ValidateRequest.Champion(
                                "found",
                                "1.3.0",
                                Path.of(first.get("jar")),
                                lookup.get("modelSha256"),
                                ChampionRules.NONE))
                        .request());
        List<String> before = repo.originLog(BRANCH);

        // when
        Map<String, String> outcome = prepare();

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.REFUSED)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m)
                                .contains("1.3.0")
                                .contains("same commit")
                                .contains("same configuration and data"));
        assertThat(repo.originLog(BRANCH)).isEqualTo(before);
    }

    @Test
    void historySaysHowTwoVersionsOfOneCommitDiffer() {
        // given 1.3.0 (J48 defaults), then 1.3.1 (J48 -M 3) of the same commit
        Map<String, String> first = promote();
        compareWithProduction("1.3.0", Path.of(first.get("jar")));
        promote();
        logged.clear();

        // when
        launch("history", parameters());

        // then
        assertThat(infoLines())
                .anyMatch(l ->
                        l.contains("1.3.1: same commit " + repo.sourceCommit().substring(0, 10) + " as 1.3.0")
                                && l.contains("options '' -> '-M 3'"));
    }

    @Test
    void modelTrainedOutsideGitCannotBePromotedFromARepositoryLater() throws Exception {
        // given a model trained before git init, then the project committed
        MlProject late = MlProject.in(dir.resolve("late"));
        trainAndValidate(late, late.withData(Datasets.weatherNominalArff(), "weather.arff"));
        commitEverything(late);

        // when
        Map<String, String> outcome = launch("promote-prepare", parameters(late));

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_INPUT)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m).contains("names no git commit").contains("commit and run mvn verify again"));
    }

    @Test
    void followingTheAdviceToCommitAndVerifyAgainMakesTheModelPromotable() throws Exception {
        // given a model trained before git init, then the project committed
        MlProject late = MlProject.in(dir.resolve("late"));
        trainAndValidate(late, late.withData(Datasets.weatherNominalArff(), "weather.arff"));
        commitEverything(late);
        assertThat(launch("promote-prepare", parameters(late)))
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_INPUT);

        // when the advice is followed: mvn verify again
        ModelCard retrained = trainAndValidate(late, "data/weather.arff");
        Map<String, String> outcome = launch("promote-prepare", parameters(late));

        // then
        assertThat(retrained.git()).as("the card names the commit").isNotNull();
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
    }

    private static void commitEverything(MlProject project) throws Exception {
        try (Git git = Git.init()
                .setInitialBranch(PromotionRepo.MAIN)
                .setDirectory(project.basedir().toFile())
                .call()) {
            Files.writeString(project.basedir().resolve(".gitignore"), "target/\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("Add the project")
                    .setAuthor(PromotionRepo.AUTHOR)
                    .setCommitter(PromotionRepo.AUTHOR)
                    .setSign(false)
                    .call();
        }
    }

    @Test
    void explicitVersionThatExistsIsRefusedAndNothingIsRecorded() throws IOException {
        // given 1.3.0 reserved already
        prepare();
        List<String> before = repo.originLog(BRANCH);
        Map<String, Object> p = parameters();
        p.put("version", "1.3.0");

        // when
        Map<String, String> outcome = launch("promote-prepare", p);

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.REFUSED)
                .hasEntrySatisfying(StepLauncher.MESSAGE, m -> assertThat(m).contains("1.3.0"));
        assertThat(repo.originLog(BRANCH)).isEqualTo(before);
    }

    @Test
    void explicitNewVersionIsReservedAsGiven() {
        // given
        Map<String, Object> p = parameters();
        p.put("version", "2.0.0");

        // when
        Map<String, String> outcome = launch("promote-prepare", p);

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK).containsEntry("version", "2.0.0");
        assertThat(Path.of(outcome.get("jar"))).hasFileName("weather-model-2.0.0.jar");
    }

    @Test
    void requiredApprovalWithoutAnApproverIsRefusedBeforeAnythingIsRecorded() {
        // given
        Map<String, Object> p = parameters();
        p.put("approver", " ");
        p.put("requireApproval", true);

        // when
        Map<String, String> outcome = launch("promote-prepare", p);

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.REFUSED)
                .hasEntrySatisfying(StepLauncher.MESSAGE, m -> assertThat(m).contains("requires an approver"));
        assertThat(repo.originLog(BRANCH)).isEmpty();
    }

    @Test
    void secondPromotionWithoutComparingWithProductionIsRefused() {
        // given 1.3.0 in production, and the validation made before it existed
        promote();

        // when
        Map<String, String> outcome = prepare();

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.REFUSED)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m).contains("1.3.0").contains("did not compare with it"));
    }

    @Test
    void promoteOutsideAGitRepositoryIsAClearError() {
        // given
        MlProject plain = MlProject.in(dir.resolve("plain"));
        trainAndValidate(plain, plain.withData(Datasets.weatherNominalArff(), "weather.arff"));

        // when
        Map<String, String> outcome = launch("promote-prepare", parameters(plain));

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_INPUT)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m)
                                .contains(plain.basedir().toString())
                                .contains("not in a git repository")
                                .contains("git init"));
        assertThat(plain.bundle(MODEL).directory().resolve("promotion"))
                .as("nothing packaged")
                .doesNotExist();
    }

    @Test
    void failedRecordAfterTheDeployNamesTheCommandToFinishAndThatCommandFinishesIt() throws Exception {
        // given a reservation, then origin unreachable when the deploy is recorded
        String version = prepare().get("version");
        String url = originUrl();
        setOriginUrl(dir.resolve("nowhere.git").toUri().toString());

        // when
        Map<String, String> failed = complete(version);

        // then
        assertThat(failed)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_INPUT)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m)
                                .contains("was deployed")
                                .contains("mvn ml:promote -Dml.promote.finish=1.3.0")
                                .containsIgnoringCase("do not run ml:promote again")
                                .doesNotContain("run the same command again"));
        assertThat(version(originDocument(), "1.3.0").get("status").asText()).isEqualTo("reserved");

        // and when origin is back, finishing records it
        setOriginUrl(url);
        assertThat(complete(version)).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(originDocument().get("production").asText()).isEqualTo("1.3.0");
        assertThat(repo.originTag("ml/weather/1.3.0")).isPresent();
    }

    private String originUrl() throws IOException {
        try (Git git = Git.open(repo.workTree().toFile())) {
            return git.getRepository().getConfig().getString("remote", "origin", "url");
        }
    }

    private void setOriginUrl(String url) throws IOException {
        try (Git git = Git.open(repo.workTree().toFile())) {
            git.getRepository().getConfig().setString("remote", "origin", "url", url);
            git.getRepository().getConfig().save();
        }
    }

    // ------------------------------------------------------------------ history and rollback

    @Test
    void historyLogsOneTableLinePerVersion() {
        // given 1.3.0 promoted, then the candidate compared with it, reserved as 1.3.1 and its deploy failed
        Map<String, String> first = promote();
        compareWithProduction("1.3.0", Path.of(first.get("jar")));
        assertThat(prepare()).containsEntry("version", "1.3.1");
        abort("1.3.1", "deploy failed");
        logged.clear();

        // when
        Map<String, String> outcome = launch("history", parameters());

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        List<String> lines = infoLines();
        assertThat(lines).anyMatch(l -> l.startsWith("Model weather (") && l.endsWith("production: 1.3.0"));
        List<String> rows = lines.stream()
                .filter(l -> l.matches("\\s+\\*?\\s+1\\.3\\.\\d .*"))
                .toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0))
                .contains("*")
                .contains("1.3.0")
                .contains("promoted")
                .contains("alice")
                .contains(repo.sourceCommit().substring(0, 10))
                .contains("accuracy=");
        assertThat(rows.get(1)).contains("1.3.1").contains("failed").doesNotContain("*");
    }

    @Test
    void historyBeforeAnyPromotionSaysThereIsNone() {
        // when
        Map<String, String> outcome = launch("history", parameters());

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(infoLines()).anyMatch(l -> l.startsWith("No version of weather has been promoted yet"));
    }

    @Test
    void rollbackToAnUnknownVersionIsRefusedListingThePromotedVersions() throws IOException {
        // given
        promote();
        List<String> before = repo.originLog(BRANCH);

        // when
        Map<String, String> outcome = rollback("1.2.9");

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.REFUSED)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m)
                                .contains("1.2.9")
                                .contains("no such version")
                                .contains("the promoted versions are 1.3.0"));
        assertThat(repo.originLog(BRANCH)).isEqualTo(before);
        assertThat(originDocument().get("production").asText()).isEqualTo("1.3.0");
    }

    @Test
    void rollbackWithoutAVersionNamesTheProperty() {
        // when
        Map<String, String> outcome = rollback(null);

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_CONFIGURATION)
                .containsEntry(StepLauncher.PARAMETER, "ml.rollback.version")
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m)
                                .contains("-Dml.rollback.version=<version>")
                                .contains("no version of weather has been promoted yet"));
    }

    @Test
    void rollbackWithoutAVersionListsThePromotedVersionsAndChangesNothing() throws IOException {
        // given 1.3.0 and 1.3.1 promoted
        Map<String, String> first = promote();
        compareWithProduction("1.3.0", Path.of(first.get("jar")));
        promote();
        List<String> before = repo.originLog(BRANCH);

        // when
        Map<String, String> outcome = rollback(null);

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.INVALID_CONFIGURATION)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m)
                                .contains("mvn ml:rollback -Dml.rollback.version=<version>")
                                .contains("the promoted versions of weather are 1.3.0, 1.3.1 (in production)"));
        assertThat(repo.originLog(BRANCH)).isEqualTo(before);
    }

    @Test
    void fullLoopPromoteCompareWithProductionPromoteAgainAndRollBack() throws IOException {
        // given 1.3.0 in production, the candidate validated against it, and promoted as 1.3.1
        Map<String, String> first = promote();
        compareWithProduction("1.3.0", Path.of(first.get("jar")));
        Map<String, String> second = promote();
        assertThat(second).containsEntry("version", "1.3.1");
        assertThat(launch("champion-lookup", parameters())).containsEntry("championVersion", "1.3.1");

        // when
        Map<String, String> outcome = rollback("1.3.0");

        // then
        assertThat(outcome).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        JsonNode document = originDocument();
        assertThat(document.get("production").asText()).isEqualTo("1.3.0");
        assertThat(version(document, "1.3.1").get("status").asText()).isEqualTo("promoted");
        assertThat(repo.originLog(BRANCH))
                .first()
                .isEqualTo("rollback weather from 1.3.1 to 1.3.0 (approved by alice: 1.3.1 misroutes bad loans)\n");
        assertThat(launch("champion-lookup", parameters())).containsEntry("championVersion", "1.3.0");
        assertThat(repo.originTag("ml/weather/1.3.1")).isPresent();
    }

    /**
     * Another model of the same commit (J48 with other options, as a second version of one commit must differ), then
     * ml:validate again, with the lookup's answer and the resolved production jar.
     */
    private void compareWithProduction(String version, Path jar) {
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(repo.dataPath())
                        .modelName(MODEL)
                        .options("-M 3")
                        .request());
        Map<String, String> lookup = launch("champion-lookup", parameters());
        assertThat(lookup).containsEntry("championVersion", version);
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(repo.dataPath())
                        .modelName(MODEL)
                        .champion(new ValidateRequest.Champion(
                                "found", version, jar, lookup.get("modelSha256"), ChampionRules.NONE))
                        .request());
    }

    // ------------------------------------------------------------------ what a stopped promotion leaves, and its
    // finish

    private List<String> warnings() {
        return logged.stream()
                .filter(l -> l.startsWith("warn "))
                .map(l -> l.substring(5))
                .toList();
    }

    private Map<String, String> step(String step, String version) {
        Map<String, Object> p = parameters();
        p.put("version", version);
        return launch(step, p);
    }

    @Test
    void versionReservedByAPromotionThatStoppedIsReportedWithTheCommandThatCompletesIt() {
        // given ml:promote killed after its reservation (deployed or not: the registry cannot tell)
        assertThat(prepare()).containsEntry("version", "1.3.0");
        logged.clear();

        // when
        launch("history", parameters());
        Map<String, String> again = prepare();

        // then ml:history says what happened and the one command
        assertThat(warnings())
                .anyMatch(w -> w.contains("version 1.3.0 of weather was reserved at")
                        && w.contains("never recorded as promoted or failed")
                        && w.contains("mvn ml:promote -Dml.promote.finish=1.3.0"));
        // and ml:promote of the same model does not take a second version for it: it names the same command
        assertThat(again)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.REFUSED)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m)
                                .contains("1.3.0 of weather was reserved for this same model")
                                .contains("mvn ml:promote -Dml.promote.finish=1.3.0"));
    }

    @Test
    void finishOfAVersionReservedButNeverDeployedPackagesTheSameModelAndCompletesIt() throws IOException {
        // given a reservation whose run stopped before its deployment, and its model still in target/ml
        prepare();
        Files.delete(
                project.outputDirectory().resolve(MODEL).resolve("promotion").resolve("weather-model-1.3.0.jar"));

        // when ml:promote -Dml.promote.finish=1.3.0 runs its steps
        Map<String, String> state = step("promote-state", "1.3.0");
        Map<String, String> packaged = step("promote-package", "1.3.0");
        Map<String, Object> verify = parameters();
        verify.put("version", "1.3.0");
        verify.put("jar", packaged.get("jar"));
        Map<String, String> verified = launch("promote-verify", verify);
        Map<String, String> completed = step("promote-complete", "1.3.0");

        // then
        assertThat(state)
                .containsEntry("status", "reserved")
                .containsEntry("groupId", "com.example")
                .containsEntry("artifactId", "weather-model")
                .containsEntry("modelSha256", card.modelSha256())
                .containsEntry("localModelMatches", "true");
        assertThat(Jars.entry(Path.of(packaged.get("jar")), "META-INF/ml-models/weather/weather.model"))
                .isEqualTo(Files.readAllBytes(
                        project.outputDirectory().resolve(MODEL).resolve("weather.model")));
        assertThat(verified).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(completed).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(originDocument().get("production").asText()).isEqualTo("1.3.0");
        assertThat(repo.originTag("ml/weather/1.3.0")).isPresent();
    }

    @Test
    void finishOfAVersionNeverDeployedWhoseModelIsGoneRecordsItAsFailed() throws IOException {
        // given a reservation whose run stopped before its deployment, then another model trained in target/ml
        prepare();
        trainAndValidate(project, repo.dataPath(), "-M 3");

        // when
        Map<String, String> state = step("promote-state", "1.3.0");
        Map<String, Object> abandon = parameters();
        abandon.put("version", "1.3.0");
        abandon.put("failure", "abandoned by ml.promote.finish: never deployed");
        abandon.put("mustRecord", true);
        Map<String, String> abandoned = launch("promote-abort", abandon);

        // then
        assertThat(state).containsEntry("status", "reserved").containsEntry("localModelMatches", "false");
        assertThat(abandoned).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(version(originDocument(), "1.3.0").get("status").asText()).isEqualTo("failed");
        assertThat(originDocument().get("production").isNull()).isTrue();
        assertThat(step("promote-package", "1.3.0")).containsEntry(StepLauncher.OUTCOME, StepLauncher.REFUSED);
    }

    @Test
    void deployedArtifactThatIsNotTheReservedModelIsNeitherRecordedNorTagged() throws IOException {
        // given the reserved version deployed, but its model entry is other bytes
        Path jar = Path.of(prepare().get("jar"));
        Path altered = Jars.withEntryReplaced(
                jar, dir.resolve("altered.jar"), "META-INF/ml-models/weather/weather.model", bytes -> {
                    byte[] copy = bytes.clone();
                    copy[copy.length - 1] ^= 1;
                    return copy;
                });
        List<String> before = repo.originLog(BRANCH);
        Map<String, Object> verify = parameters();
        verify.put("version", "1.3.0");
        verify.put("jar", altered.toString());

        // when
        Map<String, String> outcome = launch("promote-verify", verify);

        // then
        assertThat(outcome)
                .containsEntry(StepLauncher.OUTCOME, StepLauncher.REFUSED)
                .hasEntrySatisfying(
                        StepLauncher.MESSAGE,
                        m -> assertThat(m)
                                .contains("com.example:weather-model:1.3.0")
                                .contains("was reserved for " + card.modelSha256())
                                .contains("not the reserved model"));
        assertThat(repo.originLog(BRANCH)).isEqualTo(before);
    }

    @Test
    void productionMovedWithoutItsTagIsReportedAndTheFinishTagsItWithoutANewRegistryCommit() throws Exception {
        // given 1.3.0 promoted, and the run killed before its tag reached origin
        promote();
        try (Git origin = Git.open(repo.origin().toFile())) {
            var delete = origin.getRepository().updateRef("refs/tags/ml/weather/1.3.0");
            delete.setForceUpdate(true);
            delete.delete();
        }
        assertThat(repo.originTag("ml/weather/1.3.0")).isEmpty();
        List<String> before = repo.originLog(BRANCH);
        logged.clear();

        // when
        launch("history", parameters());
        Map<String, String> finished = complete("1.3.0");

        // then
        assertThat(warnings())
                .anyMatch(w -> w.contains("version 1.3.0 of weather is promoted and in production, but its tag"
                                + " ml/weather/1.3.0 is missing")
                        && w.contains("mvn ml:promote -Dml.promote.finish=1.3.0"));
        assertThat(finished).containsEntry(StepLauncher.OUTCOME, StepLauncher.OK);
        assertThat(repo.originTag("ml/weather/1.3.0")).isPresent();
        assertThat(repo.originLog(BRANCH)).isEqualTo(before);
        logged.clear();
        launch("history", parameters());
        assertThat(warnings()).isEmpty();
    }

    @Test
    void lockFilesLeftInOriginByAKilledGitAreReportedByHistoryAndPromote() throws IOException {
        // given
        Path lock = Files.writeString(repo.origin().resolve("packed-refs.lock"), "");
        Files.writeString(repo.origin().resolve("gc.log.lock"), "");

        // when
        launch("history", parameters());
        prepare();

        // then
        assertThat(warnings())
                .filteredOn(w -> w.contains(lock.toString()) && w.contains("gc.log.lock") && w.contains("delete them"))
                .hasSize(2);
    }
}
