package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Classifier;
import weka.classifiers.functions.LinearRegression;
import weka.classifiers.meta.FilteredClassifier;
import weka.classifiers.trees.J48;
import weka.core.Instance;
import weka.core.Instances;
import weka.filters.unsupervised.attribute.StringToWordVector;

/** Predictions through {@link Model} are exactly those of the trained classifier on the same rows. */
class ModelPredictionTest {
    @TempDir
    static Path dir;

    private static TrainedBundle creditRisk;
    private static Model creditModel;
    private static TrainedBundle cpu;
    private static Model cpuModel;

    @BeforeAll
    static void trainAndLoad() throws Exception {
        creditRisk = TrainedBundle.train("credit-risk", new J48(), Datasets.creditGTrain());
        creditModel = Model.load(creditRisk.writeBundle(dir));
        cpu = TrainedBundle.train("cpu", new LinearRegression(), Datasets.cpu());
        cpuModel = Model.load(cpu.writeBundle(dir));
    }

    @Test
    void distributionOfEveryTestRowEqualsTheClassifiersOwn() throws Exception {
        // given
        Instances test = Datasets.creditGTest();

        for (Instance row : test) {
            // when
            Map<String, Double> distribution = creditModel.distribution(Datasets.features(row));

            // then
            double[] expected = creditRisk.classifier.distributionForInstance(row);
            assertThat(distribution).containsOnlyKeys("good", "bad");
            assertThat(new ArrayList<>(distribution.keySet())).containsExactly("good", "bad");
            assertThat(distribution.values()).containsExactly(expected[0], expected[1]);
        }
    }

    @Test
    void predictedLabelOfEveryTestRowIsTheClassifiersOwn() throws Exception {
        // given
        Instances test = Datasets.creditGTest();

        for (Instance row : test) {
            // when
            String label = creditModel.predict(Datasets.features(row));

            // then
            assertThat(label).isEqualTo(test.classAttribute().value((int) creditRisk.classifier.classifyInstance(row)));
        }
    }

    @Test
    void nominalModelDescribesItsClassAndFeatures() {
        // then
        assertThat(creditModel.modelName()).isEqualTo("credit-risk");
        assertThat(creditModel.classType()).isEqualTo(Model.ClassType.NOMINAL);
        assertThat(creditModel.classAttribute()).isEqualTo("class");
        assertThat(creditModel.classValues()).containsExactly("good", "bad");
        assertThat(creditModel.featureNames()).hasSize(20).startsWith("checking_status", "duration");
        assertThat(creditModel.card()).isEqualTo(creditRisk.card);
        assertThat(creditModel.schema()).isEqualTo(ModelSchema.of(creditRisk.card));
        assertThat(creditModel.source()).endsWith("credit-risk.model");
    }

    @Test
    void nullFeatureIsAMissingValueAsWekaHandlesIt() throws Exception {
        // given a test row with two features unknown
        Instance row = (Instance) Datasets.creditGTest().instance(7).copy();
        Map<String, Object> features = Datasets.features(row);
        features.put("checking_status", null);
        features.put("duration", null);
        row.setMissing(row.dataset().attribute("checking_status"));
        row.setMissing(row.dataset().attribute("duration"));

        // when
        Map<String, Double> distribution = creditModel.distribution(features);

        // then
        double[] expected = creditRisk.classifier.distributionForInstance(row);
        assertThat(distribution.values()).containsExactly(expected[0], expected[1]);
    }

    @Test
    void classAttributeMayBeGivenAndIsIgnored() {
        // given
        Instance row = Datasets.creditGTest().instance(0);
        Map<String, Object> withClass = Datasets.features(row);
        withClass.put("class", "this is not looked at");

        // when / then
        assertThat(creditModel.distribution(withClass)).isEqualTo(creditModel.distribution(Datasets.features(row)));
    }

    @Test
    void numericPredictionOfEveryRowEqualsTheRegressionsOwn() throws Exception {
        // given
        Instances data = Datasets.cpu();

        for (Instance row : data) {
            // when
            double value = cpuModel.predictValue(Datasets.features(row));
            String text = cpuModel.predict(Datasets.features(row));

            // then
            double expected = cpu.classifier.classifyInstance(row);
            assertThat(value).isEqualTo(expected);
            assertThat(Double.parseDouble(text)).isEqualTo(expected);
            assertThat(text).doesNotContain("E").doesNotEndWith(".0");
        }
    }

    @Test
    void numericModelHasNoClassValues() {
        // then
        assertThat(cpuModel.classType()).isEqualTo(Model.ClassType.NUMERIC);
        assertThat(cpuModel.classValues()).isEmpty();
        assertThat(cpuModel.featureNames()).containsExactly("MYCT", "MMIN", "MMAX", "CACH", "CHMIN", "CHMAX");
    }

    @Test
    void numericModelHasNoDistribution() {
        // given
        Map<String, Object> features = Datasets.features(Datasets.cpu().instance(0));

        // when / then
        assertThatThrownBy(() -> cpuModel.distribution(features))
                .isInstanceOf(ModelInputException.class)
                .hasMessageContaining("numeric class 'class'")
                .hasMessageContaining("predictValue()");
    }

    @Test
    void nominalModelHasNoNumericPrediction() {
        // given
        Map<String, Object> features = Datasets.features(Datasets.creditGTest().instance(0));

        // when / then
        assertThatThrownBy(() -> creditModel.predictValue(features))
                .isInstanceOf(ModelInputException.class)
                .hasMessageContaining("nominal class 'class'")
                .hasMessageContaining("predict()");
    }

    @Test
    void integerNumbersAreAcceptedForNumericFeatures() throws Exception {
        // given the first cpu row with Integer and Long values instead of Double
        Instance row = Datasets.cpu().instance(0);
        Map<String, Object> features = new HashMap<>();
        features.put("MYCT", 125);
        features.put("MMIN", 256L);
        features.put("MMAX", (short) 6000);
        features.put("CACH", new java.math.BigDecimal("256"));
        features.put("CHMIN", 16.0f);
        features.put("CHMAX", java.math.BigInteger.valueOf(128));

        // when / then
        assertThat(cpuModel.predictValue(features)).isEqualTo(cpu.classifier.classifyInstance(row));
    }

    @Test
    void stringFeaturesReachAFilteredClassifierAsText() throws Exception {
        // given a text classifier: words of a string attribute, then naive Bayes
        Instances messages = Datasets.messages();
        FilteredClassifier text = new FilteredClassifier();
        text.setFilter(new StringToWordVector());
        text.setClassifier(new weka.classifiers.bayes.NaiveBayesMultinomial());
        TrainedBundle spam = TrainedBundle.train("spam", text, messages);
        Model model = Model.load(spam.writeBundle(dir));

        for (Instance row : messages) {
            // when
            Map<String, Double> distribution = model.distribution(Datasets.features(row));

            // then
            double[] expected = spam.classifier.distributionForInstance(row);
            assertThat(distribution.values()).containsExactly(expected[0], expected[1]);
        }
        assertThat(model.predict(Map.of("text", "free prize click now", "length", 20)))
                .isEqualTo("spam");
        assertThat(model.predict(Map.of("text", "meeting notes for review", "length", 24)))
                .isEqualTo("ham");
    }

    @Test
    void modelThatCannotDecidePredictsNull() throws Exception {
        // given a classifier whose distribution is all zeros
        Classifier undecided = new UndecidedClassifier();
        TrainedBundle bundle = TrainedBundle.train("undecided", undecided, Datasets.weatherNominal());
        Model model = Model.loader()
                .alsoAllow(type -> type == UndecidedClassifier.class)
                .load(bundle.writeBundle(dir));

        // when
        Map<String, Object> features =
                Datasets.features(Datasets.weatherNominal().instance(0));

        // then
        assertThat(model.predict(features)).isNull();
        assertThat(model.distribution(features)).containsExactly(Map.entry("yes", 0.0), Map.entry("no", 0.0));
    }

    /** Says nothing: every class has probability zero. */
    static final class UndecidedClassifier extends weka.classifiers.AbstractClassifier {
        private static final long serialVersionUID = 1L;

        @Override
        public void buildClassifier(Instances data) {}

        @Override
        public double[] distributionForInstance(Instance instance) {
            return new double[instance.numClasses()];
        }
    }
}
