package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.Evaluator;
import io.github.mlmaven.monitoring.drift.DataProfile;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.training.NaiveBayesColumns;
import io.github.mlmaven.training.Training;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayes;
import weka.classifiers.bayes.NaiveBayesUpdateable;
import weka.core.Instances;

/** Updateable classifiers learn and are evaluated as the files are read (issue 6, streaming). */
class StreamingWorkflowTest extends CreditDataTest {
    private static final String UPDATEABLE = "weka.classifiers.bayes.NaiveBayesUpdateable";

    private Dataset readInMemory(String file) {
        return new DatasetReader(project.basedir(), MlLog.SILENT)
                .readTraining(List.of(project.file(file)), new ReadOptions(null, Map.of()), "trainingData");
    }

    @Test
    void anUpdateableClassifierLearnsRowByRowAndGetsTheModelOfAnInMemoryTraining() throws Exception {
        // when
        ModelCard card = new TrainWorkflow(log)
                .run(project.train(trainCsv).algorithm(UPDATEABLE).request())
                .card();

        // then: streamed, and the same model as training on the rows held in memory (which is what Weka's CLI does)
        assertThat(log.text()).contains("row by row as the data is read");
        Dataset inMemory = readInMemory(trainCsv);
        NaiveBayesUpdateable expected = new NaiveBayesUpdateable();
        Training.standard().fit(expected, inMemory.instances());
        Classifier streamed =
                project.bundle().readVerifiedModel(card, getClass().getClassLoader(), type -> false);
        assertThat(streamed.toString()).isEqualTo(expected.toString());
        // the card describes the data as if it had been held
        assertThat(card.trainedOn().rowCount()).isEqualTo(inMemory.rows());
        assertThat(card.data().totalRows()).isEqualTo(inMemory.rows());
        assertThat(card.data().classDistribution()).isEqualTo(inMemory.classDistribution());
        assertThat(card.data().files().get(0).sha256())
                .isEqualTo(inMemory.files().get(0).sha256());
    }

    @Test
    void streamedRowsGiveNoDataProfileAndRemoveAStaleOne() throws Exception {
        // given: the profile of an earlier in-memory training
        new TrainWorkflow(MlLog.SILENT).run(project.train(trainCsv).request());
        java.nio.file.Path profile = project.bundle().directory().resolve(DataProfile.FILE);
        assertThat(profile).isRegularFile();

        // when
        new TrainWorkflow(log)
                .run(project.train(trainCsv).algorithm(UPDATEABLE).force(true).request());

        // then
        assertThat(profile).doesNotExist();
        assertThat(log.text()).contains("No data-profile.json: the training rows were streamed");
    }

    @Test
    void aStreamedEvaluationHasTheMetricsOfAnInMemoryOne() throws Exception {
        // given
        ModelCard card = new TrainWorkflow(MlLog.SILENT)
                .run(project.train(trainCsv).algorithm(UPDATEABLE).request())
                .card();

        // when
        ValidationReport report = new ValidateWorkflow(log)
                .run(project.validate(trainCsv).testData(testCsv).request());

        // then
        assertThat(log.text()).contains("row by row as the test data is read");
        Classifier model = project.bundle().readVerifiedModel(card, getClass().getClassLoader(), type -> false);
        Schema schema = readInMemory(trainCsv).schema();
        Dataset test = new DatasetReader(project.basedir(), MlLog.SILENT)
                .readWithSchema(List.of(project.file(testCsv)), schema, "testData");
        int positive = schema.classSpec().values().indexOf(card.schema().positiveClass());
        var expected = Evaluator.evaluate(model, test.instances(), positive).metrics();
        assertThat(report.metrics()).isEqualTo(expected.values());
        assertThat(report.confusionMatrix()).isEqualTo(expected.confusionMatrix());
        assertThat(report.evaluation().rows()).isEqualTo(test.rows());
    }

    @Test
    void dataWithStringAttributesIsHeldInMemoryInsteadOfStreamed() {
        // NaiveBayesUpdateable cannot use a string attribute: what matters is that the rows reached it in memory,
        // where Weka's own capability check speaks, rather than being refused by the stream
        assertThatThrownBy(() -> new TrainWorkflow(log)
                        .run(project.train(trainCsv)
                                .algorithm(UPDATEABLE)
                                .attributeType("purpose", io.github.mlmaven.data.AttributeType.STRING)
                                .request()))
                .hasMessageContaining("Cannot handle string attributes");
        assertThat(log.text())
                .contains("string attributes, which are not streamed")
                .doesNotContain("row by row");
    }

    @Test
    void aHoldoutSplitIsHeldInMemory() {
        new TrainWorkflow(log)
                .run(project.train(trainCsv)
                        .algorithm(UPDATEABLE)
                        .evaluation(EvaluationMethod.HOLDOUT)
                        .holdoutPercent(30)
                        .request());
        assertThat(log.text()).doesNotContain("row by row");
    }

    @Test
    void otherClassifiersAreTrainedOnRowsHeldInMemory() {
        new TrainWorkflow(log).run(project.train(trainCsv).request());
        assertThat(log.text()).doesNotContain("row by row").contains("Training ");
    }

    @Test
    void naiveBayesOnArffKeepsColumnsAndGetsTheModelOfAnInMemoryTraining() throws Exception {
        String trainArff = project.withData(Datasets.creditGTrainArff(), "train.arff");
        ModelCard card = new TrainWorkflow(log)
                .run(project.train(trainArff)
                        .algorithm("weka.classifiers.bayes.NaiveBayes")
                        .request())
                .card();

        assertThat(log.text()).contains("kept as columns").contains("Training weka.classifiers.bayes.NaiveBayes");
        Dataset inMemory = readInMemory(trainArff);
        NaiveBayes expected = new NaiveBayes();
        Training.standard().fit(expected, inMemory.instances());
        NaiveBayes fromColumns =
                (NaiveBayes) project.bundle().readVerifiedModel(card, getClass().getClassLoader(), type -> false);
        assertThat(fromColumns.toString()).isEqualTo(expected.toString());
        for (weka.core.Instance row : inMemory.instances()) {
            assertThat(fromColumns.distributionForInstance(row)).isEqualTo(expected.distributionForInstance(row));
        }
        assertThat(card.trainedOn().rowCount()).isEqualTo(inMemory.rows());
        assertThat(card.data().classDistribution()).isEqualTo(inMemory.classDistribution());
    }

    @Test
    void naiveBayesColumnsSkipRowsWithoutAClassAndKeepWeights() throws Exception {
        // weighted rows (ARFF {w}) and rows with a missing class, as Weka's own buildClassifier treats them
        Instances data =
                new Instances(new java.io.FileReader(Datasets.diabetesArff().toFile()));
        data.setClassIndex(data.numAttributes() - 1);
        java.util.Random random = new java.util.Random(11);
        for (weka.core.Instance row : data) {
            if (random.nextInt(20) == 0) {
                row.setClassMissing();
            }
            if (random.nextInt(5) == 0) {
                row.setWeight(0.5 + random.nextInt(3));
            }
            if (random.nextInt(30) == 0) {
                row.setMissing(random.nextInt(data.numAttributes() - 1));
            }
        }
        NaiveBayesColumns columns = new NaiveBayesColumns(data);
        for (weka.core.Instance row : data) {
            columns.add(row.toDoubleArray(), row.weight());
        }
        NaiveBayes fromColumns = new NaiveBayes();
        Training.standard().fit(fromColumns, columns);
        NaiveBayes fromRows = new NaiveBayes();
        Training.standard().fit(fromRows, data);
        NaiveBayes weka = new NaiveBayes();
        weka.buildClassifier(data);
        assertThat(fromColumns.toString()).isEqualTo(fromRows.toString()).isEqualTo(weka.toString());
        for (weka.core.Instance row : data) {
            assertThat(fromColumns.distributionForInstance(row)).isEqualTo(fromRows.distributionForInstance(row));
        }
    }

    @Test
    void naiveBayesOnCsvIsReadIntoMemoryInItsOnePass() {
        new TrainWorkflow(log)
                .run(project.train(trainCsv)
                        .algorithm("weka.classifiers.bayes.NaiveBayes")
                        .request());
        assertThat(log.text()).doesNotContain("kept as columns"); // CSV: typed in the one in-memory pass
    }

    @Test
    void naiveBayesColumnsRefuseASingleClassAsTheInMemoryReadDoes() throws Exception {
        java.nio.file.Path arff = project.basedir().resolve("one-class.arff");
        java.nio.file.Files.writeString(
                arff, "@relation r\n@attribute x numeric\n@attribute class {good,bad}\n@data\n1,good\n2,good\n");
        assertThatThrownBy(() -> new TrainWorkflow(log)
                        .run(project.train("one-class.arff")
                                .algorithm("weka.classifiers.bayes.NaiveBayes")
                                .request()))
                .hasMessageContaining("has only one class value, 'good',")
                .hasMessageContaining("a classifier needs rows of at least two classes");
        assertThat(log.text()).contains("kept as columns");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirLineAndColumnWhenStreamed() throws Exception {
        // a Latin-1 byte is not UTF-8: refused where it is, not decoded as U+FFFD as Weka's loader would
        java.nio.file.Path arff = project.basedir().resolve("latin1.arff");
        byte[] head = "@relation r\n@attribute x numeric\n@attribute class {good,bad}\n@data\n1,good\n2,bad\n3"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tail = ",good\n4,bad\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xE8;
        System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
        java.nio.file.Files.write(arff, bytes);

        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> new TrainWorkflow(log)
                .run(project.train("latin1.arff").algorithm(UPDATEABLE).request()));

        assertThat(error)
                .isInstanceOf(io.github.mlmaven.common.InvalidInputException.class)
                .hasMessageStartingWith("latin1.arff line 7, column 2: byte 0xE8 is not valid UTF-8");
    }
}
