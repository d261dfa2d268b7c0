package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.evaluation.slice.SliceEvaluation;
import io.github.mlmaven.evaluation.slice.SlicePlan;
import io.github.mlmaven.evaluation.slice.SliceReport;
import io.github.mlmaven.evaluation.slice.SliceSettings;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.Classifier;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.evaluation.NominalPrediction;
import weka.classifiers.functions.LinearRegression;
import weka.classifiers.trees.J48;
import weka.core.Instance;
import weka.core.Instances;

/**
 * A slice's figures are Weka's {@code Evaluation} on the predictions of the slice's rows, bit for bit, and a slice that
 * holds every row has exactly the overall figures: on test rows (both scoring engines) and by cross-validation (Weka's
 * own sequential run and the parallel replay), for a nominal and a numeric class.
 */
class SliceFiguresMatchWekaTest {

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** {@code age>=0} holds every row of credit-g; checking_status has four values, crossed with foreign_worker. */
    private static SlicePlan creditGPlan(Instances header) {
        return SlicePlan.resolve(
                SliceSettings.parse(
                        List.of(
                                new SliceSettings.SliceText("age", "0"),
                                new SliceSettings.SliceText("checking_status", null),
                                new SliceSettings.SliceText("checking_status,foreign_worker", null),
                                new SliceSettings.SliceText("credit_amount", "1000,5000")),
                        1,
                        List.of(),
                        null,
                        false),
                header);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void crossValidatedSlicesAreWekasFiguresOnTheFoldPredictionsOfTheirRows(int parallelism) throws Exception {
        // given
        Instances data = Datasets.loadWithWeka(Datasets.creditGArff());
        int positive = data.classAttribute().indexOfValue("bad");
        SliceEvaluation slices = new SliceEvaluation(creditGPlan(data), data, positive);
        List<double[]> seenDistributions = new ArrayList<>();
        List<Instance> seenRows = new ArrayList<>();

        // when
        Evaluator.Evaluated evaluated =
                Evaluator.crossValidateEvaluated(new J48(), data, 10, 7, positive, parallelism, (d, row) -> {
                    slices.add(d, row);
                    seenDistributions.add(d.clone());
                    seenRows.add(row);
                });
        SliceReport report = slices.report();

        // then: the rows seen are the predictions counted, in their order
        assertThat(seenDistributions).hasSize(evaluated.predictions().size());
        for (int i = 0; i < seenDistributions.size(); i++) {
            assertThat(seenDistributions.get(i))
                    .isEqualTo(((NominalPrediction) evaluated.predictions().get(i)).distribution());
        }
        assertAllRowsSliceIsTheOverall(report, "age>=0", evaluated.metrics());
        assertEachSliceIsWekaOnItsRows(report, data, positive, seenDistributions, seenRows);
        assertThat(names(report, "checking_status"))
                .containsExactly(
                        "checking_status=<0",
                        "checking_status=0<=X<200",
                        "checking_status=>=200",
                        "checking_status=no checking");
        assertThat(names(report, "credit_amount"))
                .containsExactly("credit_amount<1000", "credit_amount=[1000,5000)", "credit_amount>=5000");
        // the crossed slices partition the rows
        assertThat(report.slices().stream()
                        .filter(s -> s.attributes().equals("checking_status,foreign_worker"))
                        .mapToLong(SliceReport.SliceResult::rows)
                        .sum())
                .isEqualTo(data.numInstances());
        // and Weka's sequential cross-validation gives the overall figures these slices come from
        Evaluation weka = new Evaluation(data);
        weka.crossValidateModel(new J48(), data, 10, new Random(7));
        assertThat(evaluated.metrics()).isEqualTo(MetricsExtractor.extract(weka, data.classAttribute(), positive));
    }

    @ParameterizedTest(name = "parallel scoring {0}")
    @ValueSource(booleans = {false, true})
    void testSlicesAreWekasEvaluationOfTheModelOnTheSlicesRows(boolean parallel) throws Exception {
        // given
        Instances train = Datasets.loadWithWeka(Datasets.creditGTrainArff());
        Instances test = Datasets.loadWithWeka(Datasets.creditGTestArff());
        Classifier model = new J48();
        model.buildClassifier(train);
        int positive = test.classAttribute().indexOfValue("bad");
        EvaluationTuning tuning = parallel
                ? EvaluationTuning.defaults().withThreads(2)
                : EvaluationTuning.defaults().withThreads(1);

        // when
        Evaluator.Evaluated evaluated = Evaluator.evaluate(model, test, positive, 0, forceParallel(tuning, parallel));
        SliceEvaluation slices = new SliceEvaluation(creditGPlan(test), test, positive);
        slices.addAll(test, evaluated.predictions());
        SliceReport report = slices.report();

        // then: each slice is Weka evaluating the model on a copy of the slice's rows
        assertAllRowsSliceIsTheOverall(report, "age>=0", evaluated.metrics());
        for (SliceReport.SliceResult slice : report.slices()) {
            Instances rows = new Instances(test, 0);
            for (Instance row : test) {
                if (in(slice.name(), row)) {
                    rows.add(row);
                }
            }
            Evaluation weka = new Evaluation(rows);
            weka.evaluateModel(model, rows);
            assertThat(slice.metrics())
                    .as(slice.name())
                    .isEqualTo(MetricsExtractor.extract(weka, test.classAttribute(), positive)
                            .values());
            assertThat(slice.rows()).isEqualTo(rows.numInstances());
        }
    }

    @Test
    void aNumericClassSliceOfEveryRowHasTheOverallFigures() throws Exception {
        Instances data = Datasets.loadWithWeka(Datasets.cpuArff());
        SlicePlan plan = SlicePlan.resolve(
                SliceSettings.parse(
                        List.of(new SliceSettings.SliceText("MYCT", "0"), new SliceSettings.SliceText("CACH", "1,50")),
                        1,
                        List.of(),
                        null,
                        false),
                data);
        SliceEvaluation slices = new SliceEvaluation(plan, data, -1);
        List<double[]> distributions = new ArrayList<>();
        List<Instance> rows = new ArrayList<>();

        Evaluator.Evaluated evaluated =
                Evaluator.crossValidateEvaluated(new LinearRegression(), data, 10, 3, -1, 2, (d, row) -> {
                    slices.add(d, row);
                    distributions.add(d.clone());
                    rows.add(row);
                });

        SliceReport report = slices.report();
        assertAllRowsSliceIsTheOverall(report, "MYCT>=0", evaluated.metrics());
        assertEachSliceIsWekaOnItsRows(report, data, -1, distributions, rows);
    }

    private static EvaluationTuning forceParallel(EvaluationTuning tuning, boolean parallel) {
        return parallel ? new EvaluationTuning(tuning.threads(), 0, Long.MAX_VALUE, 16) : tuning;
    }

    private static void assertAllRowsSliceIsTheOverall(SliceReport report, String name, Metrics overall) {
        SliceReport.SliceResult all = report.slices().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
        // Map.equals compares the Doubles bit for bit
        assertThat(all.metrics()).isEqualTo(overall.values());
        assertThat(all.rows()).isEqualTo(overall.rows());
    }

    /** Weka's Evaluation fed each slice's rows with their predictions, in the order they were counted. */
    private static void assertEachSliceIsWekaOnItsRows(
            SliceReport report, Instances data, int positive, List<double[]> distributions, List<Instance> rows)
            throws Exception {
        for (SliceReport.SliceResult slice : report.slices()) {
            Evaluation weka = new Evaluation(data);
            for (int i = 0; i < rows.size(); i++) {
                if (in(slice.name(), rows.get(i))) {
                    weka.evaluationForSingleInstance(distributions.get(i), rows.get(i), true);
                }
            }
            Metrics expected = MetricsExtractor.extract(weka, data.classAttribute(), positive);
            assertThat(slice.metrics()).as(slice.name()).isEqualTo(expected.values());
            assertThat(slice.rows()).as(slice.name()).isEqualTo(expected.rows());
        }
    }

    /** Whether {@code row} is in the slice named {@code name}, decided here independently of the slicing code. */
    private static boolean in(String name, Instance row) {
        for (String part : splitParts(name)) {
            if (!inPart(part, row)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> splitParts(String name) {
        // the names used in these tests: a bin's comma is inside brackets
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(name.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(name.substring(start));
        return parts;
    }

    private static boolean inPart(String part, Instance row) {
        Instances header = row.dataset();
        for (int a = 0; a < header.numAttributes(); a++) {
            String attribute = header.attribute(a).name();
            if (!part.startsWith(attribute)) {
                continue;
            }
            String rest = part.substring(attribute.length());
            double v = row.value(a);
            if (header.attribute(a).isNominal() && rest.startsWith("=")) {
                return header.attribute(a).value((int) v).equals(rest.substring(1));
            }
            if (rest.startsWith(">=")) {
                return v >= Double.parseDouble(rest.substring(2));
            }
            if (rest.startsWith("<")) {
                return v < Double.parseDouble(rest.substring(1));
            }
            if (rest.startsWith("=[")) {
                String[] bounds = rest.substring(2, rest.length() - 1).split(",");
                return v >= Double.parseDouble(bounds[0]) && v < Double.parseDouble(bounds[1]);
            }
        }
        throw new AssertionError("no attribute in " + part);
    }

    private static List<String> names(SliceReport report, String attributes) {
        return report.slices().stream()
                .filter(s -> s.attributes().equals(attributes))
                .map(SliceReport.SliceResult::name)
                .collect(Collectors.toList());
    }
}
