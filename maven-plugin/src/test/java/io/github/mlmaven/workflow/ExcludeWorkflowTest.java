package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <exclude>} through ml:train and ml:validate: the columns are not in the model, and the keys say so. */
class ExcludeWorkflowTest {
    private static final String TRAIN = """
            id,x,colour,class
            101,1.0,red,yes
            102,2.5,blue,no
            103,3.0,red,yes
            104,0.5,green,no
            105,4.0,red,yes
            106,1.5,blue,no
            """;
    private static final String TEST = """
            colour,id,x,class
            red,201,2.0,yes
            blue,202,1.0,no
            """;

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @Test
    void excludedColumnsAreNotAttributesOfTheModelAndTestDataMayHoldThem() {
        // given
        MlProject project = MlProject.in(dir);
        String train = project.withCsv("train.csv", TRAIN);
        String test = project.withCsv("test.csv", TEST);

        // when
        ModelCard card = new TrainWorkflow(log)
                .run(project.train(train)
                        .algorithm("weka.classifiers.bayes.NaiveBayes")
                        .exclude("id")
                        .request())
                .card();
        ValidationReport report = new ValidateWorkflow(log)
                .run(project.validate(train)
                        .testData(test)
                        .evaluation(EvaluationMethod.TEST)
                        .exclude("id")
                        .request());

        // then
        assertThat(card.schema().attributes())
                .extracting(ModelCard.AttributeEntry::name)
                .containsExactly("x", "colour", "class");
        assertThat(report.evaluation().rows()).isEqualTo(2);
    }

    @Test
    void excludingAColumnChangesTheInputsKeySoTheModelIsRetrained() {
        // given a model trained on every column
        MlProject project = MlProject.in(dir);
        String train = project.withCsv("train.csv", TRAIN);
        ModelCard all = new TrainWorkflow(log)
                .run(project.train(train)
                        .algorithm("weka.classifiers.bayes.NaiveBayes")
                        .request())
                .card();

        // when
        TrainWorkflow.Result dropped = new TrainWorkflow(log)
                .run(project.train(train)
                        .algorithm("weka.classifiers.bayes.NaiveBayes")
                        .exclude("id")
                        .request());

        // then
        assertThat(dropped.trained()).isTrue();
        assertThat(dropped.card().inputsKey()).isNotEqualTo(all.inputsKey());
        assertThat(dropped.card().configurationKey()).isNotEqualTo(all.configurationKey());
        assertThat(dropped.card().data().files())
                .as("the file's fingerprint is all its bytes")
                .isEqualTo(all.data().files());
    }
}
