package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.engine.FakeSparkDriver;
import io.github.mlmaven.engine.SparkDriverProcess;
import io.github.mlmaven.engine.SparkSettings;
import io.github.mlmaven.evaluation.ChampionRules;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.ThresholdParser;
import io.github.mlmaven.evaluation.slice.SliceSettings;
import io.github.mlmaven.report.Curves;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.testing.MlProject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ml:validate on the Spark engine, the driver replaced by {@link FakeSparkDriver} (which evaluates the test rows in
 * contiguous partitions with the plugin's {@code PartitionEvaluation}, as the real driver's tasks do): the partitions'
 * file read back and merged into the same report as the local engine's, and what a Spark evaluation refuses.
 */
class SparkValidationTest extends CreditDataTest {

    @BeforeEach
    void trainedLocally() {
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(trainCsv).positiveClass("bad").request());
    }

    private ValidateWorkflow workflow() {
        return new ValidateWorkflow(
                log,
                s -> new SparkDriverProcess(
                        log, s, FakeSparkDriver.class.getName(), cp -> List.of(), Duration.ofSeconds(5)));
    }

    private MlProject.Validate onTestData() {
        return project.validate(trainCsv)
                .testData(testCsv)
                .thresholds(ThresholdParser.parse(null, "accuracy>=0.6,recall>=0.99,rocAuc>=0.5"));
    }

    private static SparkSettings spark(int partitions, String behaviour) {
        return SparkTrainingTest.settings(partitions, behaviour);
    }

    @Test
    void theMergedPartitionsMakeTheLocalEnginesReport() throws Exception {
        // given the local engine's validation of the model
        ModelBundle bundle = project.bundle();
        Throwable localFailure =
                catchThrowable(() -> workflow().run(onTestData().request()));
        assertThat(localFailure).hasMessageContaining("recall = 0.");
        JsonNode local = Json.MAPPER.readTree(bundle.validationFile().toFile());
        String localCurves = Files.readString(bundle.directory().resolve(Curves.FILE));

        // when the same model is validated on the Spark engine in 3 partitions
        Throwable failure = catchThrowable(
                () -> workflow().run(onTestData().spark(spark(3, "ok")).request()));

        // then the gate fails the same way, and every figure, the curves and the verdicts are the local engine's
        assertThat(failure).hasMessage(localFailure.getMessage());
        JsonNode spark = Json.MAPPER.readTree(bundle.validationFile().toFile());
        for (String field :
                List.of("metrics", "perClass", "confusionMatrix", "thresholds", "passed", "positiveClass")) {
            assertThat(spark.get(field)).as(field).isEqualTo(local.get(field));
        }
        assertThat(spark.get("metrics").has("rocAuc")).isTrue();
        assertThat(Files.readString(bundle.directory().resolve(Curves.FILE))).isEqualTo(localCurves);
        // and the evaluation section says where it ran
        JsonNode engine = spark.get("evaluation").get("engine");
        assertThat(local.get("evaluation").has("engine")).isFalse();
        assertThat(engine.get("name").asText()).isEqualTo("spark");
        assertThat(engine.get("master").asText()).isEqualTo("local[2]");
        assertThat(engine.get("partitions").asInt()).isEqualTo(3);
        assertThat(spark.get("evaluation").get("rows"))
                .isEqualTo(local.get("evaluation").get("rows"));
        assertThat(spark.get("evaluation").get("data"))
                .isEqualTo(local.get("evaluation").get("data"));
        assertThat(log.lines())
                .anyMatch(line -> line.startsWith("INFO Evaluated " + bundle.modelName()
                        + " on Spark (local[2], 3 partitions) on 200 test rows"));
        assertThat(Files.readString(bundle.summaryFile()))
                .contains("evaluated on Spark 4.2.0-fake (local[2], 3 partitions)");
    }

    @Test
    void slicesAreRefusedBeforeAnyRowIsRead() {
        // given <slices> and <engine>spark</engine>; a driver that would crash if it were started
        MlProject.Validate validate = onTestData()
                .slices(SliceSettings.parse(
                        List.of(new SliceSettings.SliceText("checking_status", null)), 20, List.of(), null, false))
                .spark(spark(2, "crash"));

        // when
        Throwable failure = catchThrowable(() -> workflow().run(validate.request()));

        // then the configuration is refused, naming <slices> and the way out
        assertThat(failure).isInstanceOf(InvalidConfigurationException.class);
        assertThat(((InvalidConfigurationException) failure).parameter()).isEqualTo("slices");
        assertThat(failure).hasMessageContaining("<engine>local</engine>");
        assertThat(project.bundle().validationFile()).doesNotExist();
    }

    @Test
    void mcNemarsRuleIsRefusedWhileMetricRulesAreNot() {
        // given a champion rule on McNemar's test
        MlProject.Validate validate = onTestData()
                .champion(new ValidateRequest.Champion(
                        "none", null, null, null, ChampionRules.parse(Map.of("f1", "0.05"), "0.05")))
                .spark(spark(2, "crash"));

        // when
        Throwable failure = catchThrowable(() -> workflow().run(validate.request()));

        // then
        assertThat(failure).isInstanceOf(InvalidConfigurationException.class);
        assertThat(((InvalidConfigurationException) failure).parameter()).isEqualTo("champion/significance");
        assertThat(failure).hasMessageContaining("<champion><maxDrop>");
    }

    @Test
    void crossValidationRunsOnThisMachineAndSaysSo() {
        // given cv and the Spark engine; a driver that would crash if it were started
        MlProject.Validate validate = project.validate(trainCsv)
                .evaluation(EvaluationMethod.CV)
                .folds(3)
                .spark(spark(2, "crash"));

        // when
        ValidationReport report = workflow().run(validate.request());

        // then
        assertThat(report.evaluation().method()).isEqualTo("cv");
        assertThat(report.evaluation().engine()).isNull();
        assertThat(log.lines()).anyMatch(line -> line.contains("cross-validation runs on this machine"));
    }
}
