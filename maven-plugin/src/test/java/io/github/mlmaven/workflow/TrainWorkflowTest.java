package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.monitoring.drift.DataProfile;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.GitTestRepo;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Classifier;
import weka.classifiers.trees.J48;
import weka.core.SerializationHelper;

class TrainWorkflowTest {

    @TempDir
    Path dir;

    private MlProject project;
    private String trainCsv;
    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void projectWithCreditData() {
        project = MlProject.in(dir);
        trainCsv = project.withData(Datasets.creditGTrainCsv(), "train.csv");
    }

    private TrainWorkflow.Result train(MlProject.Train train) {
        return new TrainWorkflow(log).run(train.request());
    }

    /** Sets the model file's modification time into the past, so that rewriting it would be visible. */
    private static FileTime backdate(Path file) throws IOException {
        FileTime past = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(file, past);
        return past;
    }

    @Test
    void trainsAndWritesModelAndCardWhoseShaMatchesTheFile() throws Exception {
        // when
        TrainWorkflow.Result result = train(project.train(trainCsv));

        // then
        ModelBundle bundle = project.bundle();
        assertThat(result.trained()).isTrue();
        assertThat(bundle.modelFile()).isRegularFile();
        assertThat(bundle.cardFile()).isRegularFile();
        ModelCard card = bundle.readCard();
        assertThat(card.modelSha256()).isEqualTo(result.card().modelSha256());
        assertThat(card.modelSha256()).isEqualTo(Sha256.ofFile(bundle.modelFile()));
        assertThat(card.modelFile()).isEqualTo("model.model");
        assertThat(card.algorithm()).isEqualTo("weka.classifiers.trees.J48");
        assertThat(card.effectiveOptions()).isEqualTo("-C 0.25 -M 2");
        assertThat(card.wekaVersion()).isEqualTo("3.8.7");
        assertThat(card.seed()).isEqualTo(1);
        assertThat(card.inputsKey()).hasSize(64);
        assertThat(Weka.readsModel(bundle.modelFile())).isInstanceOf(J48.class);
    }

    @Test
    void trainingWritesTheProfileOfItsRowsBesideTheModel() throws Exception {
        // given
        train(project.train(trainCsv));
        byte[] card = Files.readAllBytes(project.bundle().cardFile());

        // when
        DataProfile profile = DataProfile.read(project.bundle().directory().resolve(DataProfile.FILE))
                .orElseThrow();

        // then: every attribute of the 800 rows, the class one included; the card does not mention it
        assertThat(profile.rows()).isEqualTo(800);
        assertThat(profile.classAttribute()).isEqualTo("class");
        assertThat(profile.attributes()).hasSize(21);
        assertThat(profile.attribute("class").counts()).containsExactlyInAnyOrder(564L, 236L);
        assertThat(new String(card, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("profile");
    }

    @Test
    void cardDescribesTheDataAndSchema() {
        // when
        ModelCard card = train(project.train(trainCsv)).card();

        // then
        assertThat(card.data().files()).singleElement().satisfies(file -> {
            assertThat(file.path()).isEqualTo("data/train.csv");
            assertThat(file.sha256()).isEqualTo(Sha256.ofFile(project.file("data/train.csv")));
            assertThat(file.rows()).isEqualTo(800);
        });
        assertThat(card.data().totalRows()).isEqualTo(800);
        assertThat(card.data().classDistribution()).containsEntry("good", 564L).containsEntry("bad", 236L);
        assertThat(card.schema().classAttribute()).isEqualTo("class");
        assertThat(card.schema().classType()).isEqualTo("nominal");
        assertThat(card.schema().positiveClass()).isEqualTo("bad");
        assertThat(card.schema().attributes()).hasSize(21);
        assertThat(card.trainedOn().rows()).isEqualTo("all");
        assertThat(card.trainedOn().rowCount()).isEqualTo(800);
        assertThat(card.git()).isNull();
    }

    @Test
    void cardJsonHasTheDocumentedFields() throws IOException {
        // when
        train(project.train(trainCsv));

        // then
        JsonNode json = Json.MAPPER.readTree(project.bundle().cardFile().toFile());
        assertThat(json.fieldNames())
                .toIterable()
                .contains(
                        "schemaVersion",
                        "modelName",
                        "algorithm",
                        "options",
                        "wekaVersion",
                        "javaVersion",
                        "seed",
                        "trainedAt",
                        "trainingMillis",
                        "schema",
                        "data",
                        "modelSha256",
                        "inputsKey")
                .doesNotContain("git");
        assertThat(json.get("data").get("files").get(0).get("sha256").asText())
                .isEqualTo(Sha256.ofFile(project.file(trainCsv)));
    }

    @Test
    void secondRunWithTheSameInputsSkipsTrainingAndLeavesTheModelUntouched() throws Exception {
        // given
        ModelCard first = train(project.train(trainCsv)).card();
        Path model = project.bundle().modelFile();
        FileTime mtime = backdate(model);
        byte[] bytes = Files.readAllBytes(model);
        String cardText = Files.readString(project.bundle().cardFile());

        // when
        TrainWorkflow.Result second = train(project.train(trainCsv));

        // then
        assertThat(second.trained()).isFalse();
        assertThat(second.card().modelSha256()).isEqualTo(first.modelSha256());
        assertThat(second.card().trainedAt()).isEqualTo(first.trainedAt());
        assertThat(Files.readAllBytes(model)).isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(model)).isEqualTo(mtime);
        assertThat(Files.readString(project.bundle().cardFile())).isEqualTo(cardText);
        assertThat(log.text()).contains("up to date").contains("skipping training");
    }

    private long readLines() {
        return log.lines().stream().filter(l -> l.startsWith("INFO Read ")).count();
    }

    @Test
    void unchangedDataIsNotReadAgainToLearnThatItIsUnchanged() throws Exception {
        // given: data last modified long before it is first hashed
        backdate(project.file(trainCsv));
        train(project.train(trainCsv));
        assertThat(readLines()).isEqualTo(1);

        // when
        TrainWorkflow.Result second = train(project.train(trainCsv));

        // then: same size and modification time as when hashed, so neither hashed nor parsed again
        assertThat(second.trained()).isFalse();
        assertThat(readLines()).isEqualTo(1);
        assertThat(log.text()).contains("up to date");
    }

    @Test
    void touchedDataIsHashedAgainAndStillUpToDateWhenItsContentIsTheSame() throws Exception {
        // given
        Path data = project.file(trainCsv);
        backdate(data);
        train(project.train(trainCsv));

        // when: only the modification time moves
        Files.setLastModifiedTime(data, FileTime.fromMillis(1_650_000_000_000L));
        TrainWorkflow.Result second = train(project.train(trainCsv));
        TrainWorkflow.Result third = train(project.train(trainCsv));

        // then: read once more to learn its hash, found unchanged, and trusted again after that
        assertThat(second.trained()).isFalse();
        assertThat(third.trained()).isFalse();
        assertThat(readLines()).isEqualTo(2);
    }

    @Test
    void dataModifiedJustBeforeItWasHashedIsHashedAgainNextTime() throws Exception {
        // given: the data's modification time is "now", within the file system's granularity of its hashing, so a
        // later write could keep the same time (git's "racily clean" case)
        Path data = project.file(trainCsv);
        Files.setLastModifiedTime(data, FileTime.from(java.time.Instant.now()));
        train(project.train(trainCsv));

        // when
        TrainWorkflow.Result second = train(project.train(trainCsv));

        // then
        assertThat(second.trained()).isFalse();
        assertThat(readLines()).isEqualTo(2);
    }

    @Test
    void changedDataWithTheSameSizeIsSeenThroughItsModificationTime() throws Exception {
        // given
        Path data = project.file(trainCsv);
        backdate(data);
        ModelCard first = train(project.train(trainCsv)).card();

        // when: same length, other content, new modification time
        String text = Files.readString(data);
        Files.writeString(data, text.replaceFirst("good\n", "dooG\n"));
        assertThat(Files.size(data)).isEqualTo(text.length());
        Files.setLastModifiedTime(data, FileTime.fromMillis(1_650_000_000_000L));
        TrainWorkflow.Result second = train(project.train(trainCsv));

        // then
        assertThat(second.trained()).isTrue();
        assertThat(second.card().inputsKey()).isNotEqualTo(first.inputsKey());
    }

    @Test
    void changedDataFileRetrains() throws Exception {
        // given
        ModelCard first = train(project.train(trainCsv)).card();
        Path data = project.file(trainCsv);
        Files.writeString(data, Files.readString(data).replaceFirst("good\n", "bad\n"));

        // when
        TrainWorkflow.Result second = train(project.train(trainCsv));

        // then
        assertThat(second.trained()).isTrue();
        assertThat(second.card().inputsKey()).isNotEqualTo(first.inputsKey());
        assertThat(second.card().data().files().get(0).sha256()).isEqualTo(Sha256.ofFile(data));
        assertThat(second.card().data().classDistribution()).containsEntry("bad", 237L);
    }

    @Test
    void addedDataFileRetrains() {
        // given
        train(project.train("data/*.csv"));
        project.withCsv("more.csv", "checking_status,class\n<0,good\n");
        project.withData(Datasets.creditGTestCsv(), "more.csv");

        // when
        TrainWorkflow.Result second = train(project.train("data/*.csv"));

        // then
        assertThat(second.trained()).isTrue();
        assertThat(second.card().data().files())
                .extracting(ModelCard.FileEntry::path)
                .containsExactly("data/more.csv", "data/train.csv");
        assertThat(second.card().data().totalRows()).isEqualTo(1000);
    }

    @Test
    void changedConfigurationRetrains() {
        // given
        train(project.train(trainCsv));

        // when
        TrainWorkflow.Result second = train(project.train(trainCsv).options("-C 0.1"));

        // then
        assertThat(second.trained()).isTrue();
        assertThat(second.card().options()).isEqualTo("-C 0.1");
    }

    @Test
    void forceRetrainsThoughNothingChanged() throws Exception {
        // given
        ModelCard first = train(project.train(trainCsv)).card();
        FileTime mtime = backdate(project.bundle().modelFile());

        // when
        TrainWorkflow.Result second = train(project.train(trainCsv).force(true));

        // then
        assertThat(second.trained()).isTrue();
        assertThat(second.card().inputsKey()).isEqualTo(first.inputsKey());
        assertThat(Files.getLastModifiedTime(project.bundle().modelFile())).isNotEqualTo(mtime);
    }

    @Test
    void aRetrainingReadsUnchangedDataWithoutHashingItAgainUntilTheFingerprintsAreDeleted() throws Exception {
        // given: trained once, the data hashed then
        Path data = project.file(trainCsv);
        FileTime past = backdate(data);
        String hashed =
                train(project.train(trainCsv)).card().data().files().get(0).sha256();
        // and other content of the same size put back under the same modification time (what only a deliberate
        // touch -d does): size and time say unchanged
        String text = Files.readString(data);
        Files.writeString(data, text.replaceFirst("good\n", "dooG\n"));
        Files.setLastModifiedTime(data, past);

        // when: retrained
        ModelCard retrained = train(project.train(trainCsv).force(true)).card();
        // and retrained after the fingerprints are deleted
        Files.delete(project.bundle().directory().resolve("fingerprints.json"));
        ModelCard rehashed = train(project.train(trainCsv).force(true)).card();

        // then: the first retraining took the recorded hash (the file was parsed, not hashed), the second hashed it
        assertThat(retrained.data().files().get(0).sha256()).isEqualTo(hashed);
        assertThat(rehashed.data().files().get(0).sha256())
                .isEqualTo(Sha256.ofFile(data))
                .isNotEqualTo(hashed);
    }

    @Test
    void alteredModelFileIsRetrainedThoughInputsAreUnchanged() throws Exception {
        // given
        ModelCard first = train(project.train(trainCsv)).card();
        Files.write(project.bundle().modelFile(), new byte[] {1, 2, 3});

        // when
        TrainWorkflow.Result second = train(project.train(trainCsv));

        // then
        assertThat(second.trained()).isTrue();
        assertThat(Sha256.ofFile(project.bundle().modelFile()))
                .isEqualTo(second.card().modelSha256());
        assertThat(first.inputsKey()).isEqualTo(second.card().inputsKey());
    }

    @Test
    void holdoutTrainsOnTheTrainingPartOnly() {
        // when
        ModelCard card = train(project.train(trainCsv)
                        .evaluation(EvaluationMethod.HOLDOUT)
                        .holdoutPercent(25))
                .card();

        // then
        assertThat(card.trainedOn().rows()).isEqualTo("holdout");
        assertThat(card.trainedOn().holdoutPercent()).isEqualTo(25);
        assertThat(card.trainedOn().rowCount()).isEqualTo(600);
        assertThat(card.data().totalRows()).isEqualTo(800);
    }

    @Test
    void defaultPositiveClassIsTheMinorityAndATieGoesToTheFirstValue() {
        // given two classes with two rows each, 'no' appearing first
        String tied = project.withCsv("tied.csv", "x,class\n1,no\n2,yes\n3,yes\n4,no\n");
        String skewed = project.withCsv("skewed.csv", "x,class\n1,yes\n2,no\n3,yes\n4,yes\n");

        // when
        ModelCard tie = train(project.train(tied).modelName("tied")).card();
        ModelCard minority = train(project.train(skewed).modelName("skewed")).card();

        // then
        assertThat(tie.schema().positiveClass()).isEqualTo("no");
        assertThat(minority.schema().positiveClass()).isEqualTo("no");
    }

    @Test
    void explicitPositiveClassIsRecorded() {
        // when
        ModelCard card = train(project.train(trainCsv).positiveClass("good")).card();

        // then
        assertThat(card.schema().positiveClass()).isEqualTo("good");
    }

    @Test
    void unknownPositiveClassListsTheClassValues() {
        // when / then
        assertThatThrownBy(() -> train(project.train(trainCsv).positiveClass("Bad")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'Bad'")
                .hasMessageContaining("bad")
                .hasMessageContaining("good");
    }

    @Test
    void holdoutPercentOutsideOneToNinetyNineIsRefused() {
        // when / then
        assertThatThrownBy(() -> train(project.train(trainCsv)
                        .evaluation(EvaluationMethod.HOLDOUT)
                        .holdoutPercent(0)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<holdoutPercent>");
    }

    @Test
    void algorithmThatCannotHandleTheDataIsAnInputError() {
        // given a numeric class, which J48 cannot predict
        String cpu = project.withData(Datasets.cpuArff(), "cpu.arff");

        // when / then
        assertThatThrownBy(() -> train(project.train(cpu)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("weka.classifiers.trees.J48");
        assertThat(project.bundle().modelFile()).doesNotExist();
        assertThat(project.bundle().cardFile()).doesNotExist();
    }

    @Test
    void projectInAGitRepositoryRecordsItsLineage() {
        // given the project is the work tree of a clone
        try (GitTestRepo repo = GitTestRepo.cloneWithOneCommit(dir.resolve("git"))) {
            MlProject inGit = MlProject.in(repo.workTree());

            // when
            ModelCard card = new TrainWorkflow(log)
                    .run(inGit.train(GitTestRepo.TRACKED_FILE).request())
                    .card();

            // then
            assertThat(card.git()).isNotNull();
            assertThat(card.git().commit()).isEqualTo(repo.commitId());
            assertThat(card.git().branch()).isEqualTo(GitTestRepo.BRANCH);
        }
    }

    /** Weka's own reading of a model file. */
    private static final class Weka {
        static Classifier readsModel(Path file) throws Exception {
            return (Classifier) SerializationHelper.read(file.toString());
        }
    }
}
