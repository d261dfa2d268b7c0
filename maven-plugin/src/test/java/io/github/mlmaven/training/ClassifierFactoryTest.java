package io.github.mlmaven.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.evaluation.Evaluator;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayesMultinomial;
import weka.classifiers.meta.Bagging;
import weka.classifiers.meta.FilteredClassifier;
import weka.classifiers.trees.J48;
import weka.classifiers.trees.RandomForest;
import weka.core.Instances;
import weka.filters.unsupervised.attribute.StringToWordVector;

class ClassifierFactoryTest {
    private static final String RF = "weka.classifiers.trees.RandomForest";
    private static final ClassLoader LOADER = ClassifierFactoryTest.class.getClassLoader();

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    private static InvalidConfigurationException refusal(Runnable action) {
        try {
            action.run();
        } catch (InvalidConfigurationException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidConfigurationException");
    }

    @Test
    void createsTheNamedClassifierWithItsOptions() {
        // when
        Classifier classifier = ClassifierFactory.create("weka.classifiers.trees.J48", "-C 0.1 -M 5", 1, LOADER);

        // then
        assertThat(classifier).isInstanceOf(J48.class);
        assertThat(((J48) classifier).getConfidenceFactor()).isEqualTo(0.1f);
        assertThat(((J48) classifier).getMinNumObj()).isEqualTo(5);
    }

    @Test
    void nestedQuotedOptionsConfigureAFilteredClassifier() {
        // given the option string exactly as on Weka's command line
        String options = "-F \"weka.filters.unsupervised.attribute.StringToWordVector -W 1000 -L\""
                + " -W weka.classifiers.bayes.NaiveBayesMultinomial";

        // when
        Classifier classifier =
                ClassifierFactory.create("weka.classifiers.meta.FilteredClassifier", options, 1, LOADER);

        // then
        FilteredClassifier filtered = (FilteredClassifier) classifier;
        assertThat(filtered.getClassifier()).isInstanceOf(NaiveBayesMultinomial.class);
        assertThat(filtered.getFilter()).isInstanceOfSatisfying(StringToWordVector.class, filter -> {
            assertThat(filter.getWordsToKeep()).isEqualTo(1000);
            assertThat(filter.getLowerCaseTokens()).isTrue();
        });
        List<String> reported = Arrays.asList(filtered.getOptions());
        int f = reported.indexOf("-F");
        assertThat(f).isNotNegative();
        assertThat(reported.get(f + 1))
                .startsWith("weka.filters.unsupervised.attribute.StringToWordVector")
                .contains("-W 1000")
                .contains("-L");
        assertThat(ClassifierFactory.effectiveOptions(classifier))
                .contains("StringToWordVector")
                .contains("NaiveBayesMultinomial");
    }

    @Test
    void illegalOptionIsRefusedWithWekasMessage() {
        // when
        InvalidConfigurationException e =
                refusal(() -> ClassifierFactory.create("weka.classifiers.trees.J48", "-Z 3", 1, LOADER));

        // then
        assertThat(e.parameter()).isEqualTo("options");
        assertThat(e.getMessage()).contains("-Z").contains("Illegal options").contains("J48");
    }

    @Test
    void malformedOptionValueIsRefusedWithWekasMessage() {
        // when
        InvalidConfigurationException e =
                refusal(() -> ClassifierFactory.create("weka.classifiers.trees.J48", "-M many", 1, LOADER));

        // then
        assertThat(e.parameter()).isEqualTo("options");
        assertThat(e.getMessage()).contains("many");
    }

    @Test
    void unbalancedQuotesInOptionsAreRefused() {
        // when
        InvalidConfigurationException e = refusal(() -> ClassifierFactory.create(
                "weka.classifiers.meta.FilteredClassifier",
                "-F \"weka.filters.unsupervised.attribute.StringToWordVector -W 1000",
                1,
                LOADER));

        // then
        assertThat(e.parameter()).isEqualTo("options");
    }

    @Test
    void unknownClassNameSuggestsTheWekaClassifierOfThatName() {
        // when
        InvalidConfigurationException e =
                refusal(() -> ClassifierFactory.create("weka.classifiers.J48", "", 1, LOADER));

        // then
        assertThat(e.parameter()).isEqualTo("algorithm");
        assertThat(e.getMessage()).contains("weka.classifiers.J48").contains("did you mean weka.classifiers.trees.J48");
    }

    @Test
    void misspelledSimpleNameSuggestsTheClosestClassifier() {
        // when
        InvalidConfigurationException e =
                refusal(() -> ClassifierFactory.create("weka.classifiers.trees.RandomForrest", "", 1, LOADER));

        // then
        assertThat(e.getMessage()).contains("weka.classifiers.trees.RandomForest");
    }

    @Test
    void classThatIsNotAClassifierIsRefused() {
        // when
        InvalidConfigurationException e = refusal(() -> ClassifierFactory.create("java.lang.String", "", 1, LOADER));

        // then
        assertThat(e.parameter()).isEqualTo("algorithm");
        assertThat(e.getMessage()).contains("not a Weka classifier");
    }

    @Test
    void emptyAlgorithmIsRefused() {
        // when / then
        assertThatThrownBy(() -> ClassifierFactory.create(" ", "", 1, LOADER))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("<algorithm>");
    }

    @Test
    void seedIsAppliedToARandomizableClassifier() {
        // when
        Classifier classifier = ClassifierFactory.create("weka.classifiers.trees.RandomForest", "", 7, LOADER);

        // then
        assertThat(((RandomForest) classifier).getSeed()).isEqualTo(7);
    }

    @Test
    void seedInTheOptionsWinsOverTheSeedParameter() {
        // when
        Classifier classifier =
                ClassifierFactory.create("weka.classifiers.trees.RandomForest", "-I 10 -S 3", 7, LOADER);

        // then
        assertThat(((RandomForest) classifier).getSeed()).isEqualTo(3);
        assertThat(((RandomForest) classifier).getNumIterations()).isEqualTo(10);
    }

    @Test
    void seedOfAnInnerClassifierDoesNotCountAsTheOuterSeed() {
        // when
        Classifier classifier = ClassifierFactory.create(
                "weka.classifiers.meta.FilteredClassifier",
                "-F weka.filters.AllFilter -W weka.classifiers.trees.RandomForest -- -I 5 -S 3",
                7,
                LOADER);

        // then
        FilteredClassifier filtered = (FilteredClassifier) classifier;
        assertThat(filtered.getSeed()).isEqualTo(7);
        assertThat(((RandomForest) filtered.getClassifier()).getSeed()).isEqualTo(3);
    }

    @Test
    void classifierWithoutOptionsGetsNone() {
        // when
        Classifier classifier = ClassifierFactory.create("weka.classifiers.rules.ZeroR", null, 1, LOADER);

        // then
        assertThat(classifier.getClass().getName()).isEqualTo("weka.classifiers.rules.ZeroR");
    }

    @Test
    void randomForestUsesEveryCoreUnlessTheOptionsSetSlots() {
        int cores = Runtime.getRuntime().availableProcessors();

        RandomForest byDefault = (RandomForest) ClassifierFactory.create(RF, "-I 10", 1, LOADER);
        RandomForest oneSlot = (RandomForest) ClassifierFactory.create(RF, "-I 10 -num-slots 1", 1, LOADER);
        Bagging bagging = (Bagging) ClassifierFactory.create("weka.classifiers.meta.Bagging", "", 1, LOADER);
        // a -num-slots after "--" belongs to the base classifier
        Bagging nested = (Bagging)
                ClassifierFactory.create("weka.classifiers.meta.Bagging", "-W " + RF + " -- -num-slots 1", 1, LOADER);

        assertThat(byDefault.getNumExecutionSlots()).isEqualTo(cores);
        assertThat(ClassifierFactory.effectiveOptions(byDefault)).contains("-num-slots " + cores);
        assertThat(oneSlot.getNumExecutionSlots()).isEqualTo(1);
        assertThat(bagging.getNumExecutionSlots()).isEqualTo(cores);
        assertThat(nested.getNumExecutionSlots()).isEqualTo(cores);
    }

    @Test
    void randomForestOnEveryCorePredictsAsOnOne() throws Exception {
        // given
        Instances train = Datasets.loadWithWeka(Datasets.creditGTrainArff());
        Instances test = Datasets.loadWithWeka(Datasets.creditGTestArff());
        Classifier byDefault = ClassifierFactory.create(RF, "-I 20", 3, LOADER);
        Classifier oneSlot = ClassifierFactory.create(RF, "-I 20 -num-slots 1", 3, LOADER);
        Classifier fourSlots = ClassifierFactory.create(RF, "-I 20 -num-slots 4", 3, LOADER);

        // when
        byDefault.buildClassifier(train);
        oneSlot.buildClassifier(train);
        fourSlots.buildClassifier(train);

        // then
        for (int i = 0; i < test.numInstances(); i++) {
            double[] expected = oneSlot.distributionForInstance(test.instance(i));
            assertThat(byDefault.distributionForInstance(test.instance(i))).isEqualTo(expected);
            assertThat(fourSlots.distributionForInstance(test.instance(i))).isEqualTo(expected);
        }
        int positive = test.classAttribute().indexOfValue("bad");
        assertThat(Evaluator.onTestData(byDefault, test, positive))
                .isEqualTo(Evaluator.onTestData(oneSlot, test, positive));
    }
}
