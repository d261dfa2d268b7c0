package io.github.mlmaven.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.engine.SparkFailure;
import io.github.mlmaven.engine.SparkResult;
import io.github.mlmaven.monitoring.drift.DataProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayes;
import weka.classifiers.functions.Logistic;
import weka.classifiers.meta.Vote;
import weka.classifiers.trees.RandomForest;
import weka.core.Instances;

/** Training on Spark local[2] against the local engine's fit of the same rows (the figures are printed for docs). */
class SparkTrainingTest {
    private static final Path WORK = Path.of(System.getProperty("ml.test.workDirectory", "target/spark-jobs"));
    private static final List<Path> CREDIT_TRAIN = List.of(DriverRun.dataset("credit-g-train.csv"));
    private static final List<Path> CREDIT_TEST = List.of(DriverRun.dataset("credit-g-test.csv"));

    private static Instances creditTest() {
        return DriverRun.read(CREDIT_TEST, DriverRun.schema(CREDIT_TRAIN));
    }

    /** A Spark model and the local engine's fit of the same training rows, on the same test rows. */
    private record Comparison(Classifier local, Instances test, double sparkAccuracy, double localAccuracy) {}

    /**
     * Fits the local engine's model and prints both models' accuracies on the test rows for the docs; the caller
     * asserts what its aggregation promises.
     */
    private static Comparison compareWithLocal(String what, Classifier spark, String algorithm, String options)
            throws Exception {
        Classifier local = DriverRun.localFit(CREDIT_TRAIN, algorithm, options);
        Instances test = creditTest();
        Comparison comparison =
                new Comparison(local, test, DriverRun.accuracy(spark, test), DriverRun.accuracy(local, test));
        System.out.printf(
                Locale.ROOT,
                "MEASURED %s credit-g: accuracy spark %.4f local %.4f over %d test rows%n",
                what,
                comparison.sparkAccuracy(),
                comparison.localAccuracy(),
                test.numInstances());
        return comparison;
    }

    @Test
    void naiveBayesSumsTheEstimatorsOfThePartitions() throws Exception {
        DriverRun run = DriverRun.train(
                WORK.resolve("naive-bayes"), "local[2]", 2, CREDIT_TRAIN, "weka.classifiers.bayes.NaiveBayes", null);

        assertThat(run.exitCode).as(run.output).isZero();
        SparkResult result = run.result();
        assertThat(result.rows()).isEqualTo(800);
        assertThat(result.fileRows()).containsExactly(800L);
        assertThat(result.classCounts().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(800);
        assertThat(result.partitionMillis()).hasSize(2);
        assertThat(result.aggregation()).contains("estimators summed");
        assertThat(run.output).contains("ml-spark:info:partition 0: 400 rows fitted in", "partition 1: 400 rows");
        Classifier spark = run.model();
        assertThat(spark).isInstanceOf(NaiveBayes.class);
        Comparison comparison =
                compareWithLocal("NaiveBayes 2 partitions", spark, "weka.classifiers.bayes.NaiveBayes", null);
        double difference = DriverRun.maxProbabilityDifference(spark, comparison.local(), comparison.test());
        System.out.printf(
                Locale.ROOT, "MEASURED NaiveBayes credit-g 2 partitions: max |p_spark - p_local| = %.3g%n", difference);
        // Weka sums every partition's estimator, its Laplace counts and numeric precision included: close, not equal
        assertThat(difference).isGreaterThan(0).isLessThan(0.05);
    }

    @Test
    void randomForestPoolsTheTreesOfThePartitions() throws Exception {
        DriverRun run = DriverRun.train(
                WORK.resolve("random-forest"),
                "local[2]",
                2,
                CREDIT_TRAIN,
                "weka.classifiers.trees.RandomForest",
                "-I 10");

        assertThat(run.exitCode).as(run.output).isZero();
        RandomForest forest = (RandomForest) run.model();
        assertThat(forest.getNumIterations()).isEqualTo(10);
        assertThat(run.result().aggregation()).contains("10 members pooled from 2 partitions");
        compareWithLocal(
                "RandomForest -I 10 2 partitions (2x5 trees)", forest, "weka.classifiers.trees.RandomForest", "-I 10");
    }

    @Test
    void logisticAveragesTheParametersOfThePartitions() throws Exception {
        DriverRun run = DriverRun.train(
                WORK.resolve("logistic"), "local[2]", 2, CREDIT_TRAIN, "weka.classifiers.functions.Logistic", null);

        assertThat(run.exitCode).as(run.output).isZero();
        Classifier spark = run.model();
        assertThat(spark).isInstanceOf(Logistic.class);
        assertThat(run.result().aggregation()).contains("parameters averaged");
        Comparison comparison =
                compareWithLocal("Logistic 2 partitions", spark, "weka.classifiers.functions.Logistic", null);
        System.out.printf(
                Locale.ROOT,
                "MEASURED Logistic credit-g 2 partitions: max |p_spark - p_local| = %.3g%n",
                DriverRun.maxProbabilityDifference(spark, comparison.local(), comparison.test()));
        assertThat(comparison.sparkAccuracy())
                .isCloseTo(comparison.localAccuracy(), org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void j48BecomesAVoteOfThePartitionTrees() throws Exception {
        DriverRun run =
                DriverRun.train(WORK.resolve("j48"), "local[2]", 2, CREDIT_TRAIN, "weka.classifiers.trees.J48", null);

        assertThat(run.exitCode).as(run.output).isZero();
        Classifier spark = run.model();
        assertThat(spark).isInstanceOf(Vote.class);
        assertThat(run.result().aggregation()).contains("Vote of 2 partition models");
        compareWithLocal("J48 2 partitions (Vote of 2 trees)", spark, "weka.classifiers.trees.J48", null);
    }

    @Test
    void anArffFileInThreePartitionsGivesTheWholeDataProfile() throws Exception {
        List<Path> diabetes = List.of(DriverRun.dataset("diabetes.arff"));
        DriverRun run = DriverRun.train(
                WORK.resolve("diabetes"), "local[2]", 3, diabetes, "weka.classifiers.bayes.NaiveBayes", null);

        assertThat(run.exitCode).as(run.output).isZero();
        SparkResult result = run.result();
        assertThat(result.rows()).isEqualTo(768);
        Instances all = new DatasetReader(DriverRun.DATASETS, MlLog.SILENT)
                .readTraining(diabetes, new ReadOptions(null, Map.of()), "trainingData")
                .instances();
        assertThat(result.profile().toJson()).isEqualTo(DataProfile.of(all).toJson());
    }

    @Test
    void theModelFileIsTheSameOnEveryRunAndEveryNumberOfCores() throws Exception {
        String forest = "weka.classifiers.trees.RandomForest";
        byte[] first = DriverRun.train(WORK.resolve("same-1"), "local[2]", 2, CREDIT_TRAIN, forest, "-I 6")
                .modelBytes();
        byte[] again = DriverRun.train(WORK.resolve("same-2"), "local[2]", 2, CREDIT_TRAIN, forest, "-I 6")
                .modelBytes();
        byte[] oneCore = DriverRun.train(WORK.resolve("same-3"), "local[1]", 2, CREDIT_TRAIN, forest, "-I 6")
                .modelBytes();

        assertThat(again).isEqualTo(first);
        assertThat(oneCore).isEqualTo(first);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "weka.classifiers.bayes.NaiveBayes",
                "weka.classifiers.trees.J48",
                "weka.classifiers.trees.RandomForest"
            })
    void onePartitionTrainsTheLocalEnginesModel(String algorithm) throws Exception {
        String options = algorithm.endsWith("RandomForest") ? "-I 4" : null;
        DriverRun run = DriverRun.train(
                WORK.resolve("one-partition-" + DriverContext.simpleName(algorithm)),
                "local[2]",
                1,
                CREDIT_TRAIN,
                algorithm,
                options);

        assertThat(run.exitCode).as(run.output).isZero();
        Classifier local = DriverRun.localFit(CREDIT_TRAIN, algorithm, options);
        Classifier spark = run.model();
        assertThat(spark.toString()).isEqualTo(local.toString());
        assertThat(DriverRun.maxProbabilityDifference(spark, local, creditTest()))
                .isZero();
        // the bytes differ only where Weka serializes the capacity of a nominal attribute's value table: the local
        // engine's header is built while reading, the Spark path's from the schema
        byte[] sparkBytes = ModelReduction.serialize(spark);
        byte[] localBytes = ModelReduction.serialize(local);
        int firstDifference = java.util.Arrays.mismatch(sparkBytes, localBytes);
        System.out.printf(
                Locale.ROOT,
                "MEASURED %s 1 partition vs local: same predictions; serialized %d vs %d bytes, first difference at %d%n",
                algorithm,
                sparkBytes.length,
                localBytes.length,
                firstDifference);
    }

    @Test
    void aMasterSparkCannotParseNamesTheMasterElement() throws Exception {
        DriverRun run = DriverRun.train(
                WORK.resolve("bad-master"),
                "nonsense://nowhere",
                2,
                CREDIT_TRAIN,
                "weka.classifiers.rules.ZeroR",
                null);

        assertThat(run.exitCode).isEqualTo(SparkDriverMain.FAILED);
        SparkFailure failure = run.failure();
        assertThat(failure.kind()).isEqualTo(SparkFailure.INVALID_CONFIGURATION);
        assertThat(failure.parameter()).isEqualTo("spark/master");
        assertThat(failure.message()).contains("<spark><master> 'nonsense://nowhere'");
    }

    @Test
    void parquetFilesAreRefusedByName() throws Exception {
        Path parquet = WORK.resolve("rows.parquet").toAbsolutePath();
        Schema schema = DriverRun.schema(CREDIT_TRAIN);
        DriverRun run =
                DriverRun.trainAgainst(WORK.resolve("parquet"), parquet, schema, "weka.classifiers.rules.ZeroR");

        assertThat(run.exitCode).isEqualTo(SparkDriverMain.FAILED);
        assertThat(run.failure().kind()).isEqualTo(SparkFailure.INVALID_INPUT);
        assertThat(run.failure().message())
                .contains("engine spark reads CSV and ARFF files; convert " + parquet, "<engine>local</engine>");
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        Path missing = WORK.resolve("no-such-dir/rows.csv").toAbsolutePath();
        DriverRun run = DriverRun.trainAgainst(
                WORK.resolve("missing"), missing, DriverRun.schema(CREDIT_TRAIN), "weka.classifiers.rules.ZeroR");

        assertThat(run.exitCode).isEqualTo(SparkDriverMain.FAILED);
        assertThat(run.failure().kind()).isEqualTo(SparkFailure.INVALID_INPUT);
        assertThat(run.failure().message()).contains(missing.toString());
    }
}
