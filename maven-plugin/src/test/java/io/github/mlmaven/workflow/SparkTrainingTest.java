package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.engine.FakeSparkDriver;
import io.github.mlmaven.engine.SparkDriverProcess;
import io.github.mlmaven.engine.SparkJobFailedException;
import io.github.mlmaven.engine.SparkSettings;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.monitoring.drift.DataProfile;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.Sha256;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import weka.classifiers.Classifier;

/**
 * ml:train on the Spark engine, the driver replaced by {@link FakeSparkDriver}, which speaks its process protocol and
 * trains on one machine: what the plugin makes of a driver's result (bundle, card, profile), of its failure, and the
 * up-to-date check, which must not start a driver.
 */
class SparkTrainingTest extends CreditDataTest {
    private static final String NAIVE_BAYES = "weka.classifiers.bayes.NaiveBayes";

    static SparkSettings settings(int partitions, String behaviour) {
        List<Path> classpath = Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .toList();
        return SparkSettings.parse(
                        "local[2]",
                        String.valueOf(partitions),
                        null,
                        null,
                        "512m",
                        null,
                        Map.of("spark.fake.behaviour", behaviour),
                        null)
                .withClasspath(classpath, List.of(classpath.get(0)));
    }

    static TrainWorkflow workflow(MlLog log) {
        return new TrainWorkflow(
                log,
                s -> new SparkDriverProcess(
                        log, s, FakeSparkDriver.class.getName(), cp -> List.of(), Duration.ofSeconds(5)));
    }

    private TrainWorkflow.Result train(SparkSettings settings) {
        return workflow(log)
                .run(project.train(trainCsv)
                        .algorithm(NAIVE_BAYES)
                        .spark(settings)
                        .request());
    }

    @Test
    void theDriversModelBecomesAnOrdinaryBundleWithTheEngineOnItsCard() throws Exception {
        // when
        TrainWorkflow.Result result = train(settings(2, "ok"));

        // then: the card describes the data as the local engine would, from the driver's counts and the plugin's hashes
        ModelCard card = result.card();
        Dataset read = new DatasetReader(project.basedir(), MlLog.SILENT)
                .readTraining(List.of(project.file(trainCsv)), new ReadOptions(null, Map.of()), "trainingData");
        assertThat(result.trained()).isTrue();
        assertThat(card.engine())
                .isEqualTo(new ModelCard.Engine("spark", "local[2]", 2, "4.2.0-fake", "one model (fake driver)"));
        assertThat(card.trainedOn().rowCount()).isEqualTo(read.rows());
        assertThat(card.data().totalRows()).isEqualTo(read.rows());
        assertThat(card.data().classDistribution()).isEqualTo(read.classDistribution());
        assertThat(card.data().files()).hasSize(1);
        assertThat(card.data().files().get(0).path()).isEqualTo("data/train.csv");
        assertThat(card.data().files().get(0).sha256()).isEqualTo(Sha256.ofFile(project.file(trainCsv)));
        assertThat(card.data().files().get(0).rows()).isEqualTo(read.rows());
        assertThat(card.schema().positiveClass()).isEqualTo("bad");
        assertThat(card.schema().attributes())
                .hasSize(read.schema().attributes().size());
        // the model is the driver's file, moved into place and verified against the card like any other
        Classifier model = project.bundle().readVerifiedModel(card, getClass().getClassLoader(), type -> false);
        assertThat(model.getClass().getName()).isEqualTo(NAIVE_BAYES);
        assertThat(card.modelSizeBytes()).isEqualTo(Files.size(project.bundle().modelFile()));
        assertThat(project.bundle().readCard()).isEqualTo(card);
        assertThat(project.bundle().directory().resolve(DataProfile.FILE)).isRegularFile();
        assertThat(project.bundle().directory().resolve("spark/job.json")).isRegularFile();
        try (var files = Files.list(project.bundle().directory())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
        assertThat(log.text())
                .contains("Spark job on local[2] with 2 partitions")
                .contains("Trained model on Spark");
    }

    @Test
    void unchangedInputsAreUpToDateWithoutStartingADriver() throws Exception {
        ModelCard first = train(settings(2, "ok")).card();

        // a driver that would crash proves that none is started: <conf> does not change the model
        TrainWorkflow.Result second = train(settings(2, "crash"));

        assertThat(second.trained()).isFalse();
        assertThat(second.card()).isEqualTo(first);
        assertThat(log.text()).contains("is up to date");
    }

    @Test
    void anotherPartitionCountIsAnotherModel() throws Exception {
        ModelCard two = train(settings(2, "ok")).card();

        TrainWorkflow.Result three = train(settings(3, "ok"));

        assertThat(three.trained()).isTrue();
        assertThat(three.card().configurationKey()).isNotEqualTo(two.configurationKey());
        assertThat(three.card().engine().partitions()).isEqualTo(3);
    }

    @Test
    void aFailedJobLeavesThePreviousModelAndCardUntouched() throws Exception {
        train(settings(2, "ok"));
        byte[] model = Files.readAllBytes(project.bundle().modelFile());
        byte[] card = Files.readAllBytes(project.bundle().cardFile());
        Files.writeString(project.file(trainCsv), Files.readString(project.file(trainCsv)) + "\n");

        for (String behaviour : List.of("failed", "crash")) {
            assertThatThrownBy(() -> train(settings(2, behaviour))).isInstanceOf(SparkJobFailedException.class);

            assertThat(Files.readAllBytes(project.bundle().modelFile())).isEqualTo(model);
            assertThat(Files.readAllBytes(project.bundle().cardFile())).isEqualTo(card);
            try (var files = Files.list(project.bundle().directory())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
            }
        }
    }

    @Test
    void theProjectsClassDirectoriesReachTheExecutorsAsJars() throws Exception {
        Path classes = project.file("target/classes");
        Files.createDirectories(classes.resolve("com/example"));
        Files.write(classes.resolve("com/example/Custom.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.createDirectories(project.file("target/empty-classes"));

        workflow(log)
                .run(project.train(trainCsv)
                        .algorithm(NAIVE_BAYES)
                        .classpath(List.of(classes, project.file("target/empty-classes")))
                        .spark(settings(2, "ok"))
                        .request());

        io.github.mlmaven.engine.SparkJob job = io.github.mlmaven.runtime.Json.MAPPER.readValue(
                project.bundle().directory().resolve("spark/job.json").toFile(),
                io.github.mlmaven.engine.SparkJob.class);
        Path jar = project.bundle().directory().resolve("spark/project-classes-0.jar");
        assertThat(job.executorJars()).hasSize(2).endsWith(jar.toString());
        try (java.util.jar.JarFile read = new java.util.jar.JarFile(jar.toFile())) {
            assertThat(read.getEntry("com/example/Custom.class")).isNotNull();
        }
        // an empty class directory gives no jar
        assertThat(project.bundle().directory().resolve("spark/project-classes-1.jar"))
                .doesNotExist();
    }

    @Test
    void aHoldoutEvaluationNeedsTheLocalEngine() {
        assertThatThrownBy(() -> workflow(log)
                        .run(project.train(trainCsv)
                                .algorithm(NAIVE_BAYES)
                                .evaluation(EvaluationMethod.HOLDOUT)
                                .spark(settings(2, "ok"))
                                .request()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("<evaluation>holdout</evaluation> needs <engine>local</engine>");
        assertThat(project.bundle().directory().resolve("spark/job.json")).doesNotExist();
    }
}
