package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.api.ArtifactRepository;
import io.github.mlmaven.api.GoalContext;
import io.github.mlmaven.api.JdbcSourceParameters;
import io.github.mlmaven.api.Outcome;
import io.github.mlmaven.api.PromoteParameters;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.Jars;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.PromotionRepo;
import io.github.mlmaven.testing.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml:promote's orchestration without Maven: reserve, deploy through {@link ArtifactRepository} (a folder here), then
 * record the promotion or the failure; and {@code -Dml.promote.finish} from each state a stopped run leaves.
 */
class PromoteGoalTest {
    private static final String MODEL = "weather";
    private static final String BRANCH = ProductionFixture.BRANCH;
    private static final String COORDINATES = "com.example:weather-model:1.3.0";

    @TempDir
    Path dir;

    private PromotionRepo repo;
    private MlProject project;
    private ModelCard card;
    private FolderRepository releases;
    private RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void validatedModelInAClone() throws IOException {
        repo = PromotionRepo.withData(dir.resolve("git"), Datasets.weatherNominalArff(), "weather.arff");
        project = repo.project();
        card = new TrainWorkflow(MlLog.SILENT)
                .run(project.train(repo.dataPath()).modelName(MODEL).request())
                .card();
        new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(repo.dataPath()).modelName(MODEL).request());
        releases = new FolderRepository(Files.createDirectories(dir.resolve("releases")));
    }

    private PromoteParameters parameters(String finish) {
        return parameters(finish, null);
    }

    private PromoteParameters parameters(String finish, JdbcSourceParameters trainingJdbc) {
        GoalContext context =
                ProductionFixture.context(project.basedir(), MODEL, List.of(repo.dataPath()), null, trainingJdbc);
        return ProductionFixture.promoteParameters(context, finish);
    }

    private Outcome<Void> promote(String finish) {
        return new Goals().promote(parameters(finish), releases, log);
    }

    @Test
    void theValidatedModelIsDeployedThenRecordedAsProduction() throws Exception {
        // when
        Outcome<Void> outcome = promote(null);

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.OK);
        Path jar = releases.jar("com.example", "weather-model", "1.3.0");
        assertThat(Jars.entry(jar, "META-INF/ml-models/weather/weather.model"))
                .isEqualTo(Files.readAllBytes(
                        project.outputDirectory().resolve(MODEL).resolve("weather.model")));
        assertThat(releases.pom("com.example", "weather-model", "1.3.0")).isRegularFile();
        assertThat(log.lines()).contains("INFO Deployed " + COORDINATES + " to " + releases.release());
        JsonNode document = registry();
        assertThat(document.get("production").asText()).isEqualTo("1.3.0");
        assertThat(status(document, "1.3.0")).isEqualTo("promoted");
    }

    @Test
    void theSnapshotPartsTheModelWasTrainedOnAreDeployedBesideItAndRestoredInAFreshCheckout() throws Exception {
        // given a model whose card records one extracted part, kept in its snapshot folder with its sidecar
        Path snapshots = Files.createDirectories(dir.resolve("snapshots"));
        Path part = Files.writeString(snapshots.resolve("part-000001.csv"), "outlook,play\nsunny,no\n");
        Files.writeString(snapshots.resolve("part-000001.json"), "{\"url\":\"jdbc:h2:./labels\"}");
        String sha256 = io.github.mlmaven.runtime.Sha256.ofFile(part);
        Path cardFile = project.outputDirectory().resolve(MODEL).resolve("model-card.json");
        com.fasterxml.jackson.databind.node.ObjectNode written =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(cardFile.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) written.get("data"))
                .set(
                        "extraction",
                        Json.MAPPER.readTree("{\"url\":\"jdbc:h2:./labels\",\"querySha256\":\"q\",\"driver\":"
                                + "\"com.h2database:h2:2\",\"watermarkColumn\":\"id\",\"watermarkTo\":\"1\","
                                + "\"rows\":1,\"parts\":[{\"path\":\"part-000001.csv\",\"sha256\":\"" + sha256
                                + "\",\"rows\":1}]}"));
        Json.MAPPER.writeValue(cardFile.toFile(), written);
        JdbcSourceParameters source = new JdbcSourceParameters(
                "jdbc:h2:./labels",
                null,
                "labels",
                "sa",
                "s3cret-pw",
                "settings.xml server labels",
                null,
                null,
                "id",
                null,
                null,
                snapshots,
                null);

        // when
        Outcome<Void> outcome = new Goals().promote(parameters(null, source), releases, log);

        // then the zip is deployed with the jar, and holds the part and its sidecar
        assertThat(outcome.message()).isNull();
        Path zip = releases.resolve("com.example", "weather-model", "1.3.0", "training-data", "zip");
        try (java.util.zip.ZipFile zipped = new java.util.zip.ZipFile(zip.toFile())) {
            assertThat(zipped.stream().map(java.util.zip.ZipEntry::getName))
                    .containsExactly("part-000001.csv", "part-000001.json");
        }
        assertThat(log.lines())
                .contains("INFO Attaching 1 snapshot part (1 rows) as com.example:weather-model:zip:training-data")
                .noneMatch(l -> l.contains("s3cret-pw"));

        // and a fresh checkout restores it from the promoted version, checked against the promoted card
        ProductionModel production = new ProductionModel(
                "found", "1.3.0", releases.jar("com.example", "weather-model", "1.3.0"), card.modelSha256(), null);
        PublishedSnapshots published =
                new PublishedSnapshots(MlLog.SILENT, releases, "com.example", "weather-model", production, MODEL);
        Path fresh = dir.resolve("clone/target/ml/weather/data");
        assertThat(published.restoreSnapshot("trainingData", fresh)).containsExactly(fresh.resolve("part-000001.csv"));
        assertThat(fresh.resolve("part-000001.csv")).hasSameBinaryContentAs(part);
        assertThat(published.card().orElseThrow().data().extraction().watermarkTo())
                .isEqualTo("1");
        // the version published no test data: nothing to restore, and no error
        assertThat(published.restoreSnapshot("testData", dir.resolve("clone/test-data")))
                .isEmpty();
    }

    @Test
    void aModelTrainedOnFilesPublishesNoDataAndRestoresNothing() throws Exception {
        assertThat(promote(null).kind()).isEqualTo(Outcome.Kind.OK);

        assertThatThrownBy(() -> releases.resolve("com.example", "weather-model", "1.3.0", "training-data", "zip"))
                .isInstanceOf(ArtifactRepository.RepositoryException.class);
        ProductionModel production = new ProductionModel(
                "found", "1.3.0", releases.jar("com.example", "weather-model", "1.3.0"), card.modelSha256(), null);
        assertThat(new PublishedSnapshots(MlLog.SILENT, releases, "com.example", "weather-model", production, MODEL)
                        .restoreSnapshot("trainingData", dir.resolve("fresh")))
                .isEmpty();
    }

    @Test
    void aFailedDeployRecordsTheVersionAsFailedAndErrorsTheBuildWithItsMessage() throws Exception {
        // given
        releases.failDeploys("deploying " + COORDINATES + " to releases failed: 401 Unauthorized");

        // when
        Outcome<Void> outcome = promote(null);

        // then the repository's message is the error, and the version stays taken but is not production
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.INVALID_INPUT);
        assertThat(outcome.message()).isEqualTo("deploying " + COORDINATES + " to releases failed: 401 Unauthorized");
        JsonNode document = registry();
        assertThat(status(document, "1.3.0")).isEqualTo("failed");
        assertThat(document.get("production").isNull()).isTrue();
        assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN Recorded version 1.3.0 of weather as failed"));
    }

    @Test
    void aVersionTheReleaseRepositoryHoldsAlreadyIsRefusedAndNotOverwritten() throws Exception {
        // given something else deployed 1.3.0 already
        Path foreign = Files.writeString(dir.resolve("foreign.jar"), "not ours");
        releases.deploy("com.example", "weather-model", "1.3.0", foreign, foreign, List.of());

        // when
        Outcome<Void> outcome = promote(null);

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REFUSED);
        assertThat(outcome.message())
                .isEqualTo(COORDINATES + " already exists in " + releases.release()
                        + "; releases are immutable, so it was not overwritten");
        assertThat(Files.readString(releases.jar("com.example", "weather-model", "1.3.0")))
                .isEqualTo("not ours");
        assertThat(status(registry(), "1.3.0")).isEqualTo("failed");
    }

    @Test
    void noReleaseRepositoryStopsThePromotionBeforeAnythingIsReserved() throws Exception {
        // given
        releases.unconfigured();

        // when
        Outcome<Void> outcome = promote(null);

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.INVALID_INPUT);
        assertThat(outcome.message()).startsWith("no release repository to promote to");
        assertThat(repo.originFile(BRANCH, "models/weather.json")).isEmpty();
    }

    @Test
    void theProjectsOwnCoordinatesAreRefused() throws Exception {
        // given
        PromoteParameters own = parameters(null);
        own = new PromoteParameters(
                own.context(),
                own.groupId(),
                "weather-model",
                own.artifactId(),
                true,
                false,
                null,
                own.approver(),
                own.reason(),
                false,
                null,
                Map.of());

        // when
        Outcome<Void> outcome = new Goals().promote(own, releases, log);

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REFUSED);
        assertThat(outcome.message())
                .contains("the coordinates of the project itself")
                .contains("-Dml.promote.artifactId=weather-model-model");
        assertThat(repo.originFile(BRANCH, "models/weather.json")).isEmpty();
    }

    @Test
    void finishDeploysAVersionReservedButNeverDeployed() throws Exception {
        // given a run that stopped after its reservation
        PromotionSteps.prepare(parameters(null), MlLog.SILENT);

        // when
        Outcome<Void> outcome = promote("1.3.0");

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.OK);
        assertThat(releases.jar("com.example", "weather-model", "1.3.0")).isRegularFile();
        assertThat(log.lines())
                .contains("INFO Deployed " + COORDINATES + " to " + releases.release()
                        + ", which its stopped promotion had not");
        assertThat(registry().get("production").asText()).isEqualTo("1.3.0");
    }

    @Test
    void finishChecksAndRecordsAVersionDeployedBeforeItsRunStopped() throws Exception {
        // given a run that stopped after its deployment
        PromotionSteps.Prepared prepared = PromotionSteps.prepare(parameters(null), MlLog.SILENT);
        releases.deploy(
                prepared.groupId(),
                prepared.artifactId(),
                prepared.version(),
                prepared.jar(),
                prepared.pom(),
                List.of());

        // when
        Outcome<Void> outcome = promote("1.3.0");

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.OK);
        assertThat(log.lines())
                .contains("INFO " + COORDINATES + " is deployed to " + releases.release()
                        + " and holds the reserved model; recording it");
        assertThat(registry().get("production").asText()).isEqualTo("1.3.0");
    }

    @Test
    void finishRefusesADeployedArtifactThatIsNotTheReservedModel() throws Exception {
        // given a reservation, and another model deployed under its version
        PromotionSteps.Prepared prepared = PromotionSteps.prepare(parameters(null), MlLog.SILENT);
        Path other = Jars.withEntryReplaced(
                prepared.jar(),
                dir.resolve("other.jar"),
                "META-INF/ml-models/weather/weather.model",
                model -> "tampered".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        releases.deploy(
                prepared.groupId(), prepared.artifactId(), prepared.version(), other, prepared.pom(), List.of());

        // when
        Outcome<Void> outcome = promote("1.3.0");

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REFUSED);
        assertThat(outcome.message()).contains("it is not the reserved model");
        assertThat(status(registry(), "1.3.0")).isEqualTo("reserved");
    }

    @Test
    void finishOfAVersionRecordedAsFailedIsRefused() throws Exception {
        // given
        releases.failDeploys("refused");
        promote(null);
        log = new RecordingLog();

        // when
        Outcome<Void> outcome = promote("1.3.0");

        // then
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REFUSED);
        assertThat(outcome.message()).startsWith("version 1.3.0 of weather was recorded as failed");
    }

    private JsonNode registry() throws IOException {
        return Json.MAPPER.readTree(repo.originFile(BRANCH, "models/weather.json")
                .orElseThrow(() -> new AssertionError("no registry document on origin")));
    }

    private static String status(JsonNode document, String version) {
        for (JsonNode v : document.get("versions")) {
            if (v.get("version").asText().equals(version)) {
                return v.get("status").asText();
            }
        }
        throw new AssertionError("no version " + version + " in " + document);
    }

    /** A release repository in a folder, laid out as Maven's: group/artifact/version/artifact-version.jar. */
    static final class FolderRepository implements ArtifactRepository {
        private final Path root;
        private boolean configured = true;
        private String deployFailure;

        FolderRepository(Path root) {
            this.root = root;
        }

        void unconfigured() {
            configured = false;
        }

        void failDeploys(String message) {
            deployFailure = message;
        }

        Path jar(String groupId, String artifactId, String version) {
            return folder(groupId, artifactId, version).resolve(artifactId + "-" + version + ".jar");
        }

        Path pom(String groupId, String artifactId, String version) {
            return folder(groupId, artifactId, version).resolve(artifactId + "-" + version + ".pom");
        }

        private Path folder(String groupId, String artifactId, String version) {
            return root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        }

        @Override
        public String release() throws RepositoryException {
            if (!configured) {
                throw new RepositoryException(
                        "no release repository to promote to: add <distributionManagement>", false, null);
            }
            return "releases (" + root.toUri() + ")";
        }

        @Override
        public Path resolve(String groupId, String artifactId, String version, String classifier, String extension)
                throws RepositoryException {
            Path file = folder(groupId, artifactId, version)
                    .resolve(artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "."
                            + extension);
            if (!Files.isRegularFile(file)) {
                throw new RepositoryException(
                        "Could not find artifact " + groupId + ":" + artifactId + ":" + extension
                                + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version,
                        true,
                        null);
            }
            return file;
        }

        @Override
        public boolean existsInRelease(String groupId, String artifactId, String version) {
            return Files.isRegularFile(pom(groupId, artifactId, version));
        }

        @Override
        public Path resolveFromRelease(String groupId, String artifactId, String version) throws RepositoryException {
            Path jar = jar(groupId, artifactId, version);
            if (!Files.isRegularFile(jar)) {
                throw new RepositoryException(
                        "Could not find artifact " + groupId + ":" + artifactId + ":jar:" + version, true, null);
            }
            return jar;
        }

        @Override
        public void deploy(
                String groupId, String artifactId, String version, Path jar, Path pom, List<Attachment> attachments)
                throws RepositoryException {
            if (deployFailure != null) {
                throw new RepositoryException(deployFailure, false, null);
            }
            try {
                Files.createDirectories(folder(groupId, artifactId, version));
                Files.copy(jar, jar(groupId, artifactId, version), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(pom, pom(groupId, artifactId, version), StandardCopyOption.REPLACE_EXISTING);
                for (Attachment attachment : attachments) {
                    Files.copy(
                            attachment.file(),
                            folder(groupId, artifactId, version)
                                    .resolve(artifactId + "-" + version + "-" + attachment.classifier() + "."
                                            + attachment.extension()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new RepositoryException(e.getMessage(), false, e);
            }
        }
    }
}
