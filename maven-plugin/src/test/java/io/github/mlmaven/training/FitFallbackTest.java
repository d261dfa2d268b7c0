package io.github.mlmaven.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.testing.RecordingLog;
import io.github.mlmaven.weka.WekaInternals;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayes;
import weka.core.Instance;
import weka.core.Instances;

/**
 * On a Weka whose internal fields differ from those the faster fits set (another 3.8.x on the plugin's class path),
 * every fit is Weka's own, the model is Weka's, and the user is told once.
 */
class FitFallbackTest {
    @BeforeAll
    static void weka() {
        WekaEnvironment.prepare();
    }

    /** A Weka where the fields named {@code Owner.field} do not exist. */
    private static WekaInternals wekaWithout(String... missing) {
        Set<String> gone = Set.of(missing);
        return WekaInternals.check(
                (owner, name) -> {
                    if (gone.contains(owner.getSimpleName() + "." + name)) {
                        throw new NoSuchFieldException(name);
                    }
                    return WekaInternals.FieldLookup.DECLARED.find(owner, name);
                },
                "3.8.99");
    }

    /** Every parallel path open on any data: no minimum of rows, two threads. */
    private static final FitTuning EAGER = new FitTuning(2, 0, 0, 0, 4);

    private static byte[] serialized(Classifier model) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        return bytes.toByteArray();
    }

    private static Classifier classifier(String name) throws Exception {
        return AbstractClassifier.forName(name, new String[0]);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "weka.classifiers.bayes.NaiveBayes",
                "weka.classifiers.trees.J48",
                "weka.classifiers.functions.Logistic"
            })
    void withoutTheFieldsEveryFitIsWekasOwnBuildAndOneWarningSaysSo(String algorithm) throws Exception {
        Instances data = Datasets.loadWithWeka("diabetes.arff");
        RecordingLog log = new RecordingLog();
        Training training = new Training(EAGER, wekaWithout("NaiveBayes.m_Disc", "J48.m_root", "Logistic.m_LL"), log);
        Classifier weka = classifier(algorithm);
        weka.buildClassifier(new Instances(data));

        Classifier ours = classifier(algorithm);
        assertThat(training.strategyFor(ours, new FitData.Rows(data))).isInstanceOf(WekaBuild.class);
        training.fit(ours, new Instances(data));
        training.fit(classifier(algorithm), new Instances(data));

        assertThat(serialized(ours)).isEqualTo(serialized(weka));
        assertThat(log.lines())
                .singleElement()
                .asString()
                .startsWith("WARN Weka 3.8.99 on the plugin's class path lacks NaiveBayes.m_Disc (Discretize),"
                        + " J48.m_root (ClassifierTree), Logistic.m_LL (double)")
                .contains("The model is still correct, only slower");
    }

    @Test
    void aFoldsFitLeavesTheOneWarningToTheTrainingThatHasALog() throws Exception {
        Instances data = Datasets.loadWithWeka("diabetes.arff");
        WekaInternals weka = wekaWithout("J48.m_root");
        Training.folds(EAGER, weka).fit(new weka.classifiers.trees.J48(), data);
        RecordingLog log = new RecordingLog();

        new Training(EAGER, weka, log).fit(new weka.classifiers.trees.J48(), data);

        assertThat(log.lines()).singleElement().asString().contains("J48.m_root (ClassifierTree)");
    }

    @Test
    void theSameWekaGivesTheFasterFitsAndNoWarning() {
        Instances data = Datasets.loadWithWeka("diabetes.arff");
        RecordingLog log = new RecordingLog();
        Training training = new Training(EAGER, WekaInternals.shared(), log);

        assertThat(training.strategyFor(new NaiveBayes(), new FitData.Rows(data)))
                .isInstanceOf(NaiveBayesFit.class);
        assertThat(training.strategyFor(new weka.classifiers.trees.J48(), new FitData.Rows(data)))
                .isInstanceOf(ParallelJ48.class);
        assertThat(training.strategyFor(new weka.classifiers.functions.Logistic(), new FitData.Rows(data)))
                .isInstanceOf(ParallelLogistic.class);
        assertThat(training.strategyFor(new weka.classifiers.bayes.NaiveBayesUpdateable(), new FitData.Rows(data)))
                .isInstanceOf(IncrementalFit.class);
        assertThat(training.strategyFor(new weka.classifiers.trees.RandomForest(), new FitData.Rows(data)))
                .isInstanceOf(WekaBuild.class);
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void naiveBayesColumnsAreFittedByWekaFromTheirRowsWhenItsFieldsAreMissing() throws Exception {
        Instances data = Datasets.loadWithWeka("diabetes.arff");
        NaiveBayesColumns columns = new NaiveBayesColumns(data);
        for (Instance row : data) {
            columns.add(row.toDoubleArray(), row.weight());
        }
        RecordingLog log = new RecordingLog();
        Training training = new Training(EAGER, wekaWithout("NaiveBayes.m_Distributions"), log);
        NaiveBayes weka = new NaiveBayes();
        weka.buildClassifier(new Instances(data));

        NaiveBayes ours = new NaiveBayes();
        training.fit(ours, columns);

        assertThat(serialized(ours)).isEqualTo(serialized(weka));
        assertThat(log.text()).contains("NaiveBayes.m_Distributions");
    }

    @Test
    void withoutTheEstimatorFieldsNaiveBayesAddsValuesOneByOneToTheSameModel() throws Exception {
        Instances data = Datasets.loadWithWeka("credit-g.arff");
        Training training = new Training(EAGER, wekaWithout("NormalEstimator.m_Mean"), new RecordingLog());
        NaiveBayes withSums = new NaiveBayes();
        new Training(EAGER, WekaInternals.shared(), new RecordingLog()).fit(withSums, data);
        NaiveBayes weka = new NaiveBayes();
        weka.buildClassifier(new Instances(data));

        NaiveBayes ours = new NaiveBayes();
        assertThat(training.strategyFor(ours, new FitData.Rows(data))).isInstanceOf(NaiveBayesFit.class);
        training.fit(ours, data);

        // addValue in row order leaves the very fields the sums set; Weka's printout agrees
        assertThat(serialized(ours)).isEqualTo(serialized(withSums));
        assertThat(ours.toString()).isEqualTo(weka.toString());
    }
}
