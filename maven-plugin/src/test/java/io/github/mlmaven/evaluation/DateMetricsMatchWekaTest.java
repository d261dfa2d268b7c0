package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.report.ValidationReport;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.testing.MlProject;
import io.github.mlmaven.workflow.TrainWorkflow;
import io.github.mlmaven.workflow.ValidateWorkflow;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.converters.ArffLoader;

/**
 * Figures with a date attribute equal Weka's own on the same file: the plugin's training and ten-fold cross-validation
 * (the workflows the Mojos call) against Weka's ArffLoader and {@code Evaluation.crossValidateModel} with
 * {@code new Random(1)}, on an ARFF file with a date attribute in Weka's default format, and on the same rows as CSV
 * with ISO-8601 dates, which the plugin infers as a date attribute. Weka reads ARFF dates in the JVM's default time
 * zone and the plugin in UTC: Weka's side runs with UTC as the default, as {@code -Duser.timezone=UTC} would.
 */
class DateMetricsMatchWekaTest {
    private static final double EXACT = 1e-12;

    @TempDir
    Path dir;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /**
     * Visits whose outcome depends on the year of the visit and the amount, with noise: rows whose date and
     * amount both matter to J48's splits and Logistic's weights. The first rows are of class "no" and channels web,
     * shop, phone, so that a CSV's order of first appearance is the ARFF's declared order.
     */
    private static String[] visits(int rows) {
        Random random = new Random(15);
        StringBuilder arff = new StringBuilder("@relation visits\n@attribute visit date\n@attribute amount numeric\n"
                + "@attribute channel {web,shop,phone}\n@attribute class {no,yes}\n@data\n");
        StringBuilder csv = new StringBuilder("visit,amount,channel,class\n");
        LocalDateTime start = LocalDateTime.of(2023, 1, 1, 0, 0);
        for (int r = 0; r < rows; r++) {
            LocalDateTime visit =
                    start.plusMinutes(random.nextInt(2 * 365 * 24 * 60)).withSecond(random.nextInt(60));
            double amount = Math.round(random.nextGaussian() * 300 + 500) / 10.0;
            String channel = new String[] {"web", "shop", "phone"}[r < 3 ? r : random.nextInt(3)];
            boolean yes = visit.getYear() == 2024 && amount > 40 || amount > 70;
            yes = random.nextInt(8) == 0 != yes;
            String label = r == 0 ? "no" : yes ? "yes" : "no";
            boolean missing = random.nextInt(40) == 0;
            String when =
                    missing ? "?" : visit.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
            arff.append(when)
                    .append(',')
                    .append(amount)
                    .append(',')
                    .append(channel)
                    .append(',')
                    .append(label);
            arff.append('\n');
            csv.append(when)
                    .append(',')
                    .append(amount)
                    .append(',')
                    .append(channel)
                    .append(',')
                    .append(label);
            csv.append('\n');
        }
        return new String[] {arff.toString(), csv.toString()};
    }

    private static Instances wekaInUtc(Path arff) throws IOException {
        TimeZone zone = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            ArffLoader loader = new ArffLoader();
            loader.setFile(arff.toFile());
            Instances data = loader.getDataSet();
            data.setClassIndex(data.numAttributes() - 1);
            return data;
        } finally {
            TimeZone.setDefault(zone);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"weka.classifiers.trees.J48", "weka.classifiers.functions.Logistic"})
    void crossValidationWithADateAttributeEqualsWekas(String algorithm) throws Exception {
        // given
        String[] texts = visits(600);
        Path arff = dir.resolve("visits.arff");
        Path csv = dir.resolve("visits.csv");
        Files.writeString(arff, texts[0], StandardCharsets.UTF_8);
        Files.writeString(csv, texts[1], StandardCharsets.UTF_8);
        Instances rows = wekaInUtc(arff);
        assertThat(rows.attribute("visit").isDate()).isTrue();
        Evaluation weka = new Evaluation(rows);
        weka.crossValidateModel(AbstractClassifier.forName(algorithm, new String[0]), rows, 10, new Random(1));
        Classifier wekaModel = AbstractClassifier.forName(algorithm, new String[0]);
        wekaModel.buildClassifier(rows);

        for (Path file : new Path[] {arff, csv}) {
            // when
            MlProject project = MlProject.in(dir.resolve(file.getFileName() + "-project"));
            String data = project.withData(file, file.getFileName().toString());
            new TrainWorkflow(MlLog.SILENT)
                    .run(project.train(data).algorithm(algorithm).request());
            ValidationReport plugin = new ValidateWorkflow(MlLog.SILENT)
                    .run(project.validate(data)
                            .evaluation(EvaluationMethod.CV)
                            .folds(10)
                            .request());

            // then: the card shows the date, the model is Weka's, and so is every figure
            ModelCard card = project.bundle().readCard();
            ModelCard.AttributeEntry visit = card.schema().attributes().get(0);
            assertThat(visit.name()).isEqualTo("visit");
            assertThat(visit.type()).isEqualTo("date");
            assertThat(visit.format()).isEqualTo("yyyy-MM-dd'T'HH:mm:ss");
            Classifier model =
                    project.bundle().readVerifiedModel(card, getClass().getClassLoader(), type -> false);
            assertThat(model.toString()).as(file.toString()).isEqualTo(wekaModel.toString());
            int positive = rows.classAttribute().indexOfValue(card.schema().positiveClass());
            assertThat(plugin.evaluation().rows()).isEqualTo(600);
            assertThat(plugin.metrics().get("accuracy")).isCloseTo(weka.pctCorrect() / 100, within(EXACT));
            assertThat(plugin.metrics().get("precision")).isCloseTo(weka.precision(positive), within(EXACT));
            assertThat(plugin.metrics().get("recall")).isCloseTo(weka.recall(positive), within(EXACT));
            assertThat(plugin.metrics().get("f1")).isCloseTo(weka.fMeasure(positive), within(EXACT));
            assertThat(plugin.metrics().get("rocAuc")).isCloseTo(weka.areaUnderROC(positive), within(EXACT));
            assertThat(plugin.metrics().get("prAuc")).isCloseTo(weka.areaUnderPRC(positive), within(EXACT));
            assertThat(plugin.metrics().get("kappa")).isCloseTo(weka.kappa(), within(EXACT));
            // not a model that ignores the date: J48 splits on it, Logistic weighs it
            assertThat(model.toString()).contains("visit");
        }
    }

    @Test
    void classifierThatWekaDoesNotLetHandleDatesIsRefusedAsWekaRefusesIt() throws Exception {
        // given: Weka's NaiveBayes does not take date attributes (its capabilities lack them)
        Path arff = dir.resolve("visits.arff");
        Files.writeString(arff, visits(50)[0], StandardCharsets.UTF_8);
        MlProject project = MlProject.in(dir.resolve("nb"));
        String data = project.withData(arff, "visits.arff");

        // when / then
        assertThatThrownBy(() -> new TrainWorkflow(MlLog.SILENT)
                        .run(project.train(data)
                                .algorithm("weka.classifiers.bayes.NaiveBayes")
                                .request()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NaiveBayes: Cannot handle date attributes")
                .hasMessageContaining("drop the date columns with <exclude>")
                .hasMessageContaining(
                        "choose an algorithm that handles date attributes, such as" + " weka.classifiers.trees.J48");
    }

    @Test
    void modelBytesDoNotDependOnTheMachinesTimeZone() throws Exception {
        // given
        Path arff = dir.resolve("visits.arff");
        Files.writeString(arff, visits(200)[0], StandardCharsets.UTF_8);
        TimeZone zone = TimeZone.getDefault();
        byte[][] models = new byte[2][];
        String[] zones = {"UTC", "America/New_York"};
        for (int i = 0; i < 2; i++) {
            MlProject project = MlProject.in(dir.resolve("tz" + i));
            String data = project.withData(arff, "visits.arff");
            try {
                TimeZone.setDefault(TimeZone.getTimeZone(zones[i]));
                // when
                new TrainWorkflow(MlLog.SILENT)
                        .run(project.train(data)
                                .algorithm("weka.classifiers.trees.J48")
                                .request());
            } finally {
                TimeZone.setDefault(zone);
            }
            models[i] = Files.readAllBytes(project.bundle().modelFile());
        }

        // then
        assertThat(models[1]).isEqualTo(models[0]);
    }

    @Test
    void anotherDatePatternRetrainsAndTheSameOneIsUpToDate() throws Exception {
        // given: a column of day.month.year dates, declared with a pattern
        StringBuilder csv = new StringBuilder("booked,amount,class\n");
        for (int i = 0; i < 60; i++) {
            csv.append(String.format(
                    "%02d.%02d.202%d,%d,%s%n", 1 + i % 28, 1 + i % 12, 3 + i % 2, i, i % 2 == 0 ? "a" : "b"));
        }
        Path file = dir.resolve("booked.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        MlProject project = MlProject.in(dir.resolve("patterns"));
        String data = project.withData(file, "booked.csv");
        TrainWorkflow workflow = new TrainWorkflow(MlLog.SILENT);
        assertThat(workflow.run(project.train(data)
                                .datePattern("booked", "dd.MM.yyyy")
                                .request())
                        .trained())
                .isTrue();

        // when
        boolean same = workflow.run(
                        project.train(data).datePattern("booked", "dd.MM.yyyy").request())
                .trained();
        boolean other = workflow.run(
                        project.train(data).datePattern("booked", "d.M.yyyy").request())
                .trained();

        // then
        assertThat(same).isFalse();
        assertThat(other).isTrue();
        assertThat(project.bundle().readCard().schema().attributes().get(0).format())
                .isEqualTo("d.M.yyyy");
    }
}
