package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

class DataSplitsTest {

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** 53 rows numbered by an id attribute: 37 of class a, 11 of b, 2 of c, 3 with the class missing, interleaved. */
    private static Instances numberedRows() {
        ArrayList<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute("id"));
        attributes.add(new Attribute("class", List.of("a", "b", "c")));
        Instances data = new Instances("numbered", attributes, 53);
        data.setClassIndex(1);
        int[] counts = {37, 11, 2, 3};
        int id = 0;
        while (counts[0] + counts[1] + counts[2] + counts[3] > 0) {
            for (int g = 0; g < counts.length; g++) {
                if (counts[g] > 0) {
                    counts[g]--;
                    double classValue = g == 3 ? Utils.missingValue() : g;
                    data.add(new DenseInstance(1.0, new double[] {id++, classValue}));
                }
            }
        }
        return data;
    }

    private static List<Integer> ids(Instances rows) {
        List<Integer> ids = new ArrayList<>();
        for (Instance row : rows) {
            ids.add((int) row.value(0));
        }
        return ids;
    }

    private static long count(Instances rows, String classValue) {
        int index = rows.classAttribute().indexOfValue(classValue);
        return rows.stream()
                .filter(r -> !r.classIsMissing() && (int) r.classValue() == index)
                .count();
    }

    @Test
    void sameSeedGivesTheSameSplit() {
        // given
        Instances data = numberedRows();

        // when
        DataSplits.Split one = DataSplits.stratifiedHoldout(data, 20, 42);
        DataSplits.Split other = DataSplits.stratifiedHoldout(numberedRows(), 20, 42);

        // then
        assertThat(ids(one.test())).isEqualTo(ids(other.test()));
        assertThat(ids(one.train())).isEqualTo(ids(other.train()));
    }

    @Test
    void anotherSeedGivesAnotherSplit() {
        // when
        DataSplits.Split one = DataSplits.stratifiedHoldout(numberedRows(), 20, 1);
        DataSplits.Split other = DataSplits.stratifiedHoldout(numberedRows(), 20, 2);

        // then
        assertThat(ids(one.test())).isNotEqualTo(ids(other.test()));
    }

    @Test
    void partsAreDisjointAndCoverEveryRowInOriginalOrder() {
        // given
        Instances data = numberedRows();

        // when
        DataSplits.Split split = DataSplits.stratifiedHoldout(data, 30, 7);

        // then
        List<Integer> train = ids(split.train());
        List<Integer> test = ids(split.test());
        Set<Integer> both = new HashSet<>(train);
        both.retainAll(test);
        assertThat(both).isEmpty();
        Set<Integer> all = new HashSet<>(train);
        all.addAll(test);
        assertThat(all).isEqualTo(new HashSet<>(ids(data)));
        assertThat(train).isSorted();
        assertThat(test).isSorted();
    }

    @Test
    void classProportionsAreKeptWithinOneRowPerClass() {
        // given
        Instances data = numberedRows();

        // when
        DataSplits.Split split = DataSplits.stratifiedHoldout(data, 20, 3);

        // then
        for (String value : List.of("a", "b", "c")) {
            double expected = count(data, value) * 0.20;
            assertThat((double) count(split.test(), value))
                    .as("held-out rows of class %s", value)
                    .isCloseTo(expected, within(1.0));
        }
        long missing = split.test().stream().filter(Instance::classIsMissing).count();
        assertThat((double) missing).isCloseTo(3 * 0.20, within(1.0));
    }

    @Test
    void creditGHoldoutKeepsItsGoodToBadRatio() {
        // given 700 good and 300 bad
        Instances data = Datasets.loadWithWeka(Datasets.creditGArff());

        // when
        DataSplits.Split split = DataSplits.stratifiedHoldout(data, 20, 1);

        // then
        assertThat(split.test().numInstances()).isEqualTo(200);
        assertThat(split.train().numInstances()).isEqualTo(800);
        assertThat(count(split.test(), "good")).isEqualTo(140);
        assertThat(count(split.test(), "bad")).isEqualTo(60);
    }

    @Test
    void numericClassIsSplitWithoutStrata() {
        // given 209 rows
        Instances data = Datasets.loadWithWeka(Datasets.cpuArff());

        // when
        DataSplits.Split split = DataSplits.stratifiedHoldout(data, 25, 1);

        // then
        assertThat(split.test().numInstances()).isEqualTo(Math.round(209 * 0.25));
        assertThat(split.train().numInstances() + split.test().numInstances()).isEqualTo(209);
    }

    @Test
    void splitKeepsTheHeaderAndClassIndex() {
        // when
        DataSplits.Split split = DataSplits.stratifiedHoldout(numberedRows(), 20, 1);

        // then
        assertThat(split.train().equalHeaders(numberedRows())).isTrue();
        assertThat(split.test().classIndex()).isEqualTo(1);
    }
}
