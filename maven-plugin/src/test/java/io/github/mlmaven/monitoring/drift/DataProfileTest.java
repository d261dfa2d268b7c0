package io.github.mlmaven.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.testing.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/** The training-data profile: what it keeps per attribute, its file, and its size. */
class DataProfileTest {

    @TempDir
    Path dir;

    @Test
    void nominalAttributesKeepEveryDeclaredLabelWithItsCountAndNumericOnesTheirDistinctValues() {
        // when
        DataProfile profile = DataProfile.of(Datasets.loadWithWeka("weather.nominal.arff"));

        // then
        assertThat(profile.rows()).isEqualTo(14);
        assertThat(profile.classAttribute()).isEqualTo("play");
        AttributeProfile outlook = profile.attribute("outlook");
        assertThat(outlook.kind()).isEqualTo("nominal");
        assertThat(outlook.categories()).containsExactly("sunny", "overcast", "rainy");
        assertThat(outlook.counts()).containsExactly(5L, 4L, 5L);

        AttributeProfile plas =
                DataProfile.of(Datasets.loadWithWeka("diabetes.arff")).attribute("plas");
        assertThat(plas.kind()).isEqualTo("numeric");
        assertThat(plas.sampled()).isFalse();
        assertThat(plas.heldRows()).isEqualTo(768);
        assertThat(plas.values()).isSorted().hasSize((int) plas.distinct());
        assertThat(plas.quantiles().min()).isEqualTo(0.0);
        assertThat(plas.quantiles().max()).isEqualTo(199.0);
        assertThat(plas.quantiles().median()).isEqualTo(117.0);
    }

    @Test
    void missingValuesAreCountedAndDatesKeptAsEpochMilliseconds() throws Exception {
        ArrayList<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute("seen", "yyyy-MM-dd"));
        Instances data = new Instances("d", attributes, 0);
        double day = attributes.get(0).parseDate("2026-12-07");
        data.add(new DenseInstance(1.0, new double[] {day}));
        data.add(new DenseInstance(1.0, new double[] {day}));
        data.add(new DenseInstance(1.0, new double[] {Utils.missingValue()}));

        AttributeProfile seen = DataProfile.of(data).attribute("seen");

        assertThat(seen.kind()).isEqualTo("date");
        assertThat(seen.values()).containsExactly(1_796_601_600_000.0);
        assertThat(seen.counts()).containsExactly(2L);
        assertThat(seen.missing()).isEqualTo(1);
    }

    @Test
    void aColumnWithMoreDistinctValuesThanTheCapKeepsASeededSampleWhateverTheRowOrder() {
        // given: 10,000 distinct values, in two row orders
        List<Double> values = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            values.add(random.nextGaussian());
        }
        Instances one = numeric(values);
        Collections.shuffle(values, new Random(4));
        Instances other = numeric(values);

        // when
        AttributeProfile a = DataProfile.of(one).attribute("x");
        AttributeProfile b = DataProfile.of(other).attribute("x");

        // then
        assertThat(a.sampled()).isTrue();
        assertThat(a.distinct()).isEqualTo(10_000);
        assertThat(a.heldRows()).isEqualTo(DataProfile.MAX_VALUES);
        assertThat(a.values()).isEqualTo(b.values());
        // the quantiles are of every row, not of the sample
        assertThat(a.quantiles()).isEqualTo(b.quantiles());
    }

    @Test
    void theTestIsChosenFromEveryTrainingRowEvenWhenTheProfileHoldsASample() {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            values.add((double) i);
        }
        DataProfile profile = DataProfile.of(numeric(values));

        ColumnDrift x = DriftAnalysis.compare(profile, numeric(values.subList(0, 500)), DriftSettings.defaults())
                .attributes()
                .get(0);

        assertThat(x.test()).isEqualTo("wasserstein");
        assertThat(x.drifted()).isTrue();
    }

    private static Instances numeric(List<Double> values) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute("x"));
        Instances data = new Instances("n", attributes, values.size());
        for (double v : values) {
            data.add(new DenseInstance(1.0, new double[] {v}));
        }
        return data;
    }

    @Test
    void aWrittenProfileReadsBackEqual() throws IOException {
        DataProfile profile = DataProfile.of(Datasets.loadWithWeka("credit-g.arff"));

        profile.writeTo(dir);

        assertThat(DataProfile.read(dir.resolve(DataProfile.FILE))).contains(profile);
        assertThat(Files.readString(dir.resolve(DataProfile.FILE))).startsWith("{\n  \"schemaVersion\" : 1,");
    }

    @Test
    void anAbsentProfileIsEmptyAndABrokenOneNamesTheFileAndTheFix() throws IOException {
        assertThat(DataProfile.read(dir.resolve(DataProfile.FILE))).isEmpty();

        Path broken = Files.writeString(dir.resolve(DataProfile.FILE), "{\"schemaVersion\": 1, \"attributes\": [");
        assertThatThrownBy(() -> DataProfile.read(broken))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("run ml:train again");

        Files.writeString(
                broken,
                "{\"schemaVersion\": 1, \"rows\": 3, \"attributes\": [{\"name\": \"x\", \"kind\": \"numeric\","
                        + " \"values\": [2.0, 1.0], \"counts\": [1, 2]}]}");
        assertThatThrownBy(() -> DataProfile.read(broken))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("attribute 'x' is damaged");
    }

    @Test
    void aProfileIsReadFromThePromotedJarAndAnOlderJarHasNone() throws IOException {
        DataProfile profile = DataProfile.of(Datasets.loadWithWeka("iris.arff"));
        Path jar = dir.resolve("model.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("META-INF/ml-models/iris/data-profile.json"));
            zip.write(profile.toJson().getBytes(StandardCharsets.UTF_8));
        }

        assertThat(DataProfile.readFromJar(jar, "iris")).contains(profile);
        assertThat(DataProfile.readFromJar(jar, "other")).isEmpty();
    }

    /**
     * Not a timing test: prints the size of the profile of 300 numeric attributes of 100,000 rows (every attribute
     * sampled), the figure docs/drift.md quotes, and holds it under 20 MB.
     */
    @Test
    void threeHundredContinuousAttributesStayUnderTwentyMegabytes() throws IOException {
        ArrayList<Attribute> attributes = new ArrayList<>();
        for (int a = 0; a < 300; a++) {
            attributes.add(new Attribute("a" + a));
        }
        Instances data = new Instances("wide", attributes, 100_000);
        Random random = new Random(5);
        for (int r = 0; r < 100_000; r++) {
            double[] row = new double[300];
            for (int a = 0; a < 300; a++) {
                row[a] = random.nextGaussian() * 1000;
            }
            data.add(new DenseInstance(1.0, row));
        }

        DataProfile.of(data).writeTo(dir);

        long size = Files.size(dir.resolve(DataProfile.FILE));
        System.out.printf("data-profile.json of 300 numeric attributes x 100,000 rows: %,d bytes%n", size);
        assertThat(size).isLessThan(20_000_000);
    }
}
