package io.github.mlmaven.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.monitoring.drift.AttributeProfile;
import io.github.mlmaven.monitoring.drift.DataProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

class ProfileMergeTest {
    /** Rows with a numeric column of {@code distinct} values in random order, a nominal class, a few missing. */
    private static Instances rows(int n, int distinct, long seed) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute("x"));
        attributes.add(new Attribute("class", List.of("a", "b")));
        Instances data = new Instances("rows", attributes, n);
        data.setClassIndex(1);
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            double x = i % 17 == 0 ? weka.core.Utils.missingValue() : (i % distinct) * 0.37;
            data.add(new DenseInstance(1, new double[] {x, random.nextInt(2)}));
        }
        // shuffled, so that each half holds a spread of the values
        data.randomize(new Random(seed));
        return data;
    }

    private static List<DataProfile> halves(Instances all) {
        int half = all.numInstances() / 2;
        return List.of(
                DataProfile.of(new Instances(all, 0, half)),
                DataProfile.of(new Instances(all, half, all.numInstances() - half)));
    }

    @Test
    void partsThatKeptEveryValueMergeToTheProfileOfAllTheRows() throws Exception {
        Instances all = rows(3_000, 1_500, 1);

        DataProfile merged = ProfileMerge.merge(halves(all));

        assertThat(merged.attribute("x").sampled()).isFalse();
        assertThat(merged.toJson()).isEqualTo(DataProfile.of(all).toJson());
    }

    @Test
    void aboveTheValueLimitTheMergedRowsAreSampledAsTheWholeProfileSamplesThem() throws Exception {
        // each half has at most 2,000 distinct values, all the rows 3,000: the whole profile keeps a sample
        Instances all = rows(3_000, 3_000, 2);
        List<DataProfile> halves = halves(all);
        assertThat(halves.get(0).attribute("x").sampled()).isFalse();

        DataProfile merged = ProfileMerge.merge(halves);

        assertThat(merged.attribute("x").sampled()).isTrue();
        assertThat(merged.toJson()).isEqualTo(DataProfile.of(all).toJson());
    }

    @Test
    void partsThatKeptASampleMergeToCloseMomentsAndExactExtremes() {
        Instances all = rows(10_000, 10_000, 3);
        List<DataProfile> halves = halves(all);
        assertThat(halves.get(0).attribute("x").sampled()).isTrue();

        AttributeProfile merged = ProfileMerge.merge(halves).attribute("x");
        AttributeProfile whole = DataProfile.of(all).attribute("x");

        assertThat(merged.sampled()).isTrue();
        assertThat(merged.heldRows()).isEqualTo(DataProfile.MAX_VALUES);
        assertThat(merged.missing()).isEqualTo(whole.missing());
        assertThat(merged.quantiles().min()).isEqualTo(whole.quantiles().min());
        assertThat(merged.quantiles().max()).isEqualTo(whole.quantiles().max());
        double range = whole.quantiles().max() - whole.quantiles().min();
        assertThat(merged.quantiles().mean())
                .isCloseTo(whole.quantiles().mean(), org.assertj.core.data.Offset.offset(1e-9 * range));
        assertThat(merged.quantiles().std())
                .isCloseTo(whole.quantiles().std(), org.assertj.core.data.Offset.offset(1e-6 * range));
        double medianError =
                Math.abs(merged.quantiles().median() - whole.quantiles().median()) / range;
        System.out.printf(
                java.util.Locale.ROOT,
                "MEASURED profile merge of 2 sampled parts (10,000 rows): median off by %.4f of the range%n",
                medianError);
        assertThat(medianError).isLessThan(0.02);
    }
}
