package io.github.mlmaven.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.data.Schema;
import io.github.mlmaven.engine.SparkFailure;
import io.github.mlmaven.engine.SparkJob;
import io.github.mlmaven.engine.SparkResult;
import io.github.mlmaven.evaluation.Evaluator;
import io.github.mlmaven.evaluation.MergedEvaluation;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.evaluation.PartitionEvaluation;
import io.github.mlmaven.evaluation.StreamingEvaluation;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Prediction;
import weka.classifiers.evaluation.ThresholdCurve;
import weka.core.Instances;

/**
 * Evaluation on Spark local[2]: the partitions' evaluations, merged as the plugin merges them, give every figure of
 * the local engine's {@link Evaluator#evaluate} of the same model on all the test rows, the ROC and precision-recall
 * areas and the threshold curve included, whatever the number of partitions.
 */
class SparkEvaluationTest {
    private static final Path WORK = Path.of(System.getProperty("ml.test.workDirectory", "target/spark-jobs"));
    private static final List<Path> CREDIT_TRAIN = List.of(DriverRun.dataset("credit-g-train.csv"));
    private static final List<Path> CREDIT_TEST = List.of(DriverRun.dataset("credit-g-test.csv"));
    private static final String FOREST = "weka.classifiers.trees.RandomForest";

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        // before the first Weka class loads: offline, pure-Java matrices, as in the driver
        WekaEnvironment.prepare();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void theMergedPartitionsGiveTheLocalEnginesFigures(int partitions) throws Exception {
        // given a random forest (a probability per row: many distinct scores for the curves) trained on one machine
        Path work = WORK.resolve("evaluate-" + partitions);
        Schema schema = DriverRun.schema(CREDIT_TRAIN);
        Classifier model = DriverRun.localFit(CREDIT_TRAIN, FOREST, "-I 10");
        Path modelFile = writeModel(model, schema, work.resolve("model/credit.model"));
        Instances test = DriverRun.read(CREDIT_TEST, schema);
        int positive = test.classAttribute().indexOfValue("bad");

        // when it is evaluated on Spark in `partitions` partitions
        DriverRun run =
                DriverRun.run(work, job(work, schema, modelFile, partitions, positive, Sha256.ofFile(modelFile)));

        // then the merged metrics are the local evaluation's, to the last bit
        assertThat(run.exitCode).as(run.output).isZero();
        SparkResult result = run.result();
        assertThat(result.rows()).isEqualTo(test.numInstances());
        assertThat(result.fileRows()).containsExactly((long) test.numInstances());
        assertThat(result.partitionMillis()).hasSize(partitions);
        assertThat(run.output).contains("ml-spark:info:partition 0: ", " rows evaluated in ");
        List<PartitionEvaluation> partials = partials(result);
        assertThat(partials).hasSize(partitions);
        MergedEvaluation merged = MergedEvaluation.of(partials);
        Evaluator.Evaluated local = Evaluator.evaluate(model, test, positive);
        Metrics ours = merged.metrics();
        Metrics theirs = local.metrics();
        assertThat(ours.values()).containsExactlyEntriesOf(theirs.values());
        assertThat(ours.values()).containsKeys("accuracy", "rocAuc", "prAuc", "mcc", "kappa");
        assertThat(ours).isEqualTo(theirs);
        assertSameCurve(merged.thresholdCurve(), local.predictions(), positive);
    }

    @Test
    void aModelFileThatIsNotTheCardsIsRefusedBeforeAnyRowIsEvaluated() throws Exception {
        Path work = WORK.resolve("evaluate-altered");
        Schema schema = DriverRun.schema(CREDIT_TRAIN);
        Path modelFile = writeModel(
                DriverRun.localFit(CREDIT_TRAIN, "weka.classifiers.bayes.NaiveBayes", null),
                schema,
                work.resolve("model/credit.model"));
        String otherHash = "0".repeat(64);

        DriverRun run = DriverRun.run(work, job(work, schema, modelFile, 2, 0, otherHash));

        assertThat(run.exitCode).isEqualTo(SparkDriverMain.FAILED);
        SparkFailure failure = run.failure();
        assertThat(failure.message()).contains(modelFile.toString(), otherHash);
    }

    private static SparkJob job(Path work, Schema schema, Path modelFile, int partitions, int positive, String sha)
            throws Exception {
        Instances train = DriverRun.read(CREDIT_TRAIN, schema);
        List<Double> classCounts = new ArrayList<>();
        for (int c = 0; c < train.numClasses(); c++) {
            classCounts.add((double) train.attributeStats(train.classIndex()).nominalCounts[c]);
        }
        return new SparkJob(
                SparkJob.SCHEMA_VERSION,
                SparkJob.EVALUATE,
                "local[2]",
                Map.of(),
                partitions,
                10,
                List.of(),
                CREDIT_TEST.stream().map(Path::toString).toList(),
                schema,
                List.of(),
                FOREST,
                "-I 10",
                DriverRun.SEED,
                modelFile.toString(),
                work.resolve("out/result.json").toString(),
                work.resolve("work").toString(),
                classCounts,
                positive,
                sha);
    }

    /** The model as the plugin's bundle holds it: the classifier, then the empty training header. */
    private static Path writeModel(Classifier model, Schema schema, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(model);
            out.writeObject(schema.emptyInstances("credit-g-train", 0));
        }
        return file;
    }

    private static List<PartitionEvaluation> partials(SparkResult result) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(result.evaluationFile())))) {
            List<PartitionEvaluation> partials = new ArrayList<>();
            for (Object item : (List<?>) in.readObject()) {
                partials.add((PartitionEvaluation) item);
            }
            return partials;
        }
    }

    /** Our curve against Weka's {@code ThresholdCurve} of the local predictions, point by point, and its areas. */
    private static void assertSameCurve(
            StreamingEvaluation.ThresholdPoints ours, List<Prediction> predictions, int positive) {
        Instances weka = new ThresholdCurve().getCurve(new ArrayList<>(predictions), positive);
        assertThat(ours).isNotNull();
        assertThat(ours.size()).isEqualTo(weka.numInstances()).isGreaterThan(10);
        int fpr = weka.attribute(ThresholdCurve.FP_RATE_NAME).index();
        int tpr = weka.attribute(ThresholdCurve.TP_RATE_NAME).index();
        int precision = weka.attribute(ThresholdCurve.PRECISION_NAME).index();
        // bit for bit: a point whose precision is undefined is NaN in both
        for (int i = 0; i < ours.size(); i++) {
            assertThat(bits(ours.fpRate()[i]))
                    .as("fpRate %d", i)
                    .isEqualTo(bits(weka.instance(i).value(fpr)));
            assertThat(bits(ours.tpRate()[i]))
                    .as("tpRate %d", i)
                    .isEqualTo(bits(weka.instance(i).value(tpr)));
            assertThat(bits(ours.precision()[i]))
                    .as("precision %d", i)
                    .isEqualTo(bits(weka.instance(i).value(precision)));
        }
        assertThat(ours.rocArea()).isEqualTo(ThresholdCurve.getROCArea(weka));
        assertThat(ours.prArea()).isEqualTo(ThresholdCurve.getPRCArea(weka));
    }

    private static long bits(double value) {
        return Double.doubleToLongBits(value);
    }
}
