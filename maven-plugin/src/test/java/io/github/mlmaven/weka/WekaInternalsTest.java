package io.github.mlmaven.weka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import weka.classifiers.bayes.NaiveBayes;
import weka.classifiers.functions.Logistic;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.estimators.Estimator;

class WekaInternalsTest {
    /** The fields of the Weka on the class path, except those named {@code Owner.field}, which are "not found". */
    static WekaInternals.FieldLookup without(String... missing) {
        Set<String> gone = Set.of(missing);
        return (owner, name) -> {
            if (gone.contains(owner.getSimpleName() + "." + name)) {
                throw new NoSuchFieldException(name);
            }
            return WekaInternals.FieldLookup.DECLARED.find(owner, name);
        };
    }

    @Test
    void theWekaOfTheBuildHasEveryFieldAndNeedsNoWarning() {
        WekaInternals internals = WekaInternals.shared();

        assertThat(internals.missing()).isEmpty();
        assertThat(internals.warning()).isEmpty();
        for (WekaInternals.Part part : WekaInternals.Part.values()) {
            assertThat(internals.has(part)).as(part.name()).isTrue();
        }
        List<String> warnings = new ArrayList<>();
        internals.warnOnce(warnings::add);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aMissingFieldTurnsOffItsPartAloneAndIsNamedInOneWarning() {
        WekaInternals internals = WekaInternals.check(without("NaiveBayes.m_Disc"), "3.8.99");

        assertThat(internals.has(WekaInternals.Part.NAIVE_BAYES)).isFalse();
        assertThat(internals.has(WekaInternals.Part.NORMAL_ESTIMATOR)).isTrue();
        assertThat(internals.has(WekaInternals.Part.J48)).isTrue();
        assertThat(internals.has(WekaInternals.Part.LOGISTIC)).isTrue();
        assertThat(internals.has(WekaInternals.Part.INSTANCE_LIST)).isTrue();
        assertThat(internals.missing()).containsExactly("NaiveBayes.m_Disc (Discretize)");
        List<String> warnings = new ArrayList<>();
        internals.warnOnce(warnings::add);
        internals.warnOnce(warnings::add);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("Weka 3.8.99")
                .contains("NaiveBayes.m_Disc")
                .contains("the NaiveBayes fit")
                .contains("The model is still correct, only slower");
    }

    @Test
    void aFieldOfAnotherTypeOrClosedToReflectionCountsAsMissing() throws Exception {
        Field par = Logistic.class.getDeclaredField("m_Par");
        WekaInternals.FieldLookup otherShapes = (owner, name) -> {
            if (owner == Logistic.class && name.equals("m_LL")) {
                return par; // a double[][] where a double is expected
            }
            if (owner == Instances.class) {
                throw new SecurityException("closed"); // as a module that does not open its package
            }
            return WekaInternals.FieldLookup.DECLARED.find(owner, name);
        };

        WekaInternals internals = WekaInternals.check(otherShapes, "3.8.99");

        assertThat(internals.has(WekaInternals.Part.LOGISTIC)).isFalse();
        assertThat(internals.has(WekaInternals.Part.INSTANCE_LIST)).isFalse();
        assertThat(internals.missing()).containsExactly("Logistic.m_LL (double)", "Instances.m_Instances (ArrayList)");
        assertThat(internals.warning().orElseThrow())
                .contains("the parallel Logistic fit")
                .contains("the copy-free row append of the data reader");
    }

    @Test
    void theRowListAppendsToTheInstancesOrIsAbsentWithoutItsField() {
        Instances data = new Instances("r", new ArrayList<>(List.of(new Attribute("x"))), 0);

        List<Instance> rows = WekaInternals.shared().rowList(data).orElseThrow();
        DenseInstance row = new DenseInstance(1.0, new double[] {2.5});
        row.setDataset(data);
        rows.add(row);

        assertThat(data.numInstances()).isEqualTo(1);
        assertThat(data.instance(0)).isSameAs(row);
        assertThat(WekaInternals.check(without("Instances.m_Instances"), "x").rowList(data))
                .isEmpty();
    }

    @Test
    void settingTheFieldsOfAMissingPartIsAProgrammingError() {
        WekaInternals internals = WekaInternals.check(without("NaiveBayes.m_NumClasses"), "3.8.99");

        assertThatThrownBy(() -> internals.setNaiveBayes(new NaiveBayes(), 2, null, new Estimator[0][], null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NaiveBayes.m_NumClasses");
    }
}
