package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.AttributeType;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.testing.Messages;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.WekaCli;
import io.github.mlmaven.workflow.TrainWorkflow;
import io.github.mlmaven.workflow.ValidateWorkflow;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.meta.FilteredClassifier;

/** Skewed text data with preprocessing: FilteredClassifier with StringToWordVector, as a user would configure it. */
class TextClassificationTest {
    private static final String ALGORITHM = "weka.classifiers.meta.FilteredClassifier";
    private static final String OPTIONS = "-F \"weka.filters.unsupervised.attribute.StringToWordVector -W 1000 -L\""
            + " -W weka.classifiers.bayes.NaiveBayesMultinomial";

    @TempDir
    Path dir;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    private ValidationReport trainAndTest(String trainFile, String testFile, MlProject project) {
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(trainFile)
                        .algorithm(ALGORITHM)
                        .options(OPTIONS)
                        .request());
        return new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(trainFile).testData(testFile).request());
    }

    @Test
    void textModelMetricsEqualWhatWekasCommandLinePrints() throws Exception {
        // given
        MlProject project = MlProject.in(dir);
        List<Messages.Message> messages = Messages.generate(400, 7);
        String train = project.withCsv("train.arff", Messages.arff(messages.subList(0, 300)));
        String test = project.withCsv("test.arff", Messages.arff(messages.subList(300, 400)));
        WekaCli.Printed printed = WekaCli.evaluate(
                new FilteredClassifier(),
                "-t",
                project.file(train).toString(),
                "-T",
                project.file(test).toString(),
                "-v",
                "-o",
                "-F",
                "weka.filters.unsupervised.attribute.StringToWordVector -W 1000 -L",
                "-W",
                "weka.classifiers.bayes.NaiveBayesMultinomial");

        // when
        ValidationReport plugin = trainAndTest(train, test, project);

        // then
        assertThat(plugin.positiveClass()).isEqualTo("spam");
        WekaCli.ClassRow spam = printed.classRow("spam");
        double table = WekaCli.TABLE_PRECISION + 1e-9;
        assertThat(plugin.metrics().get("recall")).isCloseTo(spam.recall(), within(table));
        assertThat(plugin.metrics().get("precision")).isCloseTo(spam.precision(), within(table));
        assertThat(plugin.metrics().get("rocAuc")).isCloseTo(spam.rocArea(), within(table));
        assertThat(plugin.metrics().get("kappa"))
                .isCloseTo(printed.summary("Kappa statistic"), within(WekaCli.SUMMARY_PRECISION + 1e-9));
    }

    @Test
    void freeTextColumnOfACsvIsReadAsStringAndGivesTheSameModelAsArff() {
        // given the same messages as CSV and as ARFF
        List<Messages.Message> messages = Messages.generate(400, 7);
        MlProject csvProject = MlProject.in(dir.resolve("csv"));
        String csvTrain = csvProject.withCsv("train.csv", Messages.csv(messages.subList(0, 300)));
        String csvTest = csvProject.withCsv("test.csv", Messages.csv(messages.subList(300, 400)));
        MlProject arffProject = MlProject.in(dir.resolve("arff"));
        String arffTrain = arffProject.withCsv("train.arff", Messages.arff(messages.subList(0, 300)));
        String arffTest = arffProject.withCsv("test.arff", Messages.arff(messages.subList(300, 400)));

        // when
        ValidationReport fromCsv = trainAndTest(csvTrain, csvTest, csvProject);
        ValidationReport fromArff = trainAndTest(arffTrain, arffTest, arffProject);

        // then
        assertThat(csvProject.bundle().readCard().schema().attributes().get(0).type())
                .isEqualTo(AttributeType.STRING.jsonName());
        assertThat(fromCsv.metrics()).isEqualTo(fromArff.metrics());
        assertThat(fromCsv.confusionMatrix()).isEqualTo(fromArff.confusionMatrix());
    }

    @Test
    void textModelCrossValidates() {
        // given
        MlProject project = MlProject.in(dir);
        String train = project.withCsv("train.arff", Messages.arff(Messages.generate(200, 3)));
        new TrainWorkflow(MlLog.SILENT)
                .run(project.train(train).algorithm(ALGORITHM).options(OPTIONS).request());

        // when
        ValidationReport report = new ValidateWorkflow(MlLog.SILENT)
                .run(project.validate(train)
                        .evaluation(EvaluationMethod.CV)
                        .folds(5)
                        .request());

        // then
        assertThat(report.evaluation().rows()).isEqualTo(200);
        assertThat(report.evaluation().folds()).isEqualTo(5);
        assertThat(report.metrics().get("accuracy")).isBetween(0.5, 1.0);
    }
}
