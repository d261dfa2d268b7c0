package io.github.mlmaven.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Random;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.Instances;

/** The columns give back every value added, bit for bit, in 4 bytes a value where the values have few decimals. */
class NaiveBayesColumnsTest {

    private static Instances header(int numeric) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        for (int a = 0; a < numeric; a++) {
            attributes.add(new Attribute("x" + a));
        }
        attributes.add(new Attribute("class", java.util.List.of("a", "b")));
        Instances header = new Instances("r", attributes, 0);
        header.setClassIndex(numeric);
        return header;
    }

    @Test
    void everyValueComesBackBitForBitWhateverItsDecimals() {
        Random random = new Random(5);
        int rows = NaiveBayesColumns.CHUNK * 2 + 123; // three chunks, the last one partly filled
        // per column: 0 decimals then 2 then 6 (codes rescaled twice), a grid with -0.0 and missing values, values
        // that turn the column into doubles half way, and doubles from the start
        double[][] expected = new double[6][rows];
        for (int i = 0; i < rows; i++) {
            expected[0][i] = i < 1000
                    ? random.nextInt(100)
                    : i < 50_000 ? random.nextInt(10_000) / 100.0 : Math.round(random.nextGaussian() * 1e6) / 1e6;
            expected[1][i] =
                    i % 97 == 0 ? Double.NaN : i % 89 == 0 ? -0.0 : Math.round(random.nextGaussian() * 1e3) / 1e3;
            expected[2][i] = i < rows / 2 ? random.nextInt(1000) / 10.0 : random.nextGaussian();
            expected[3][i] = random.nextGaussian() * 1e-300;
            expected[4][i] = i == 7 ? 3e12 : random.nextInt(5);
            expected[5][i] = random.nextInt(2);
        }
        NaiveBayesColumns columns = new NaiveBayesColumns(header(5));
        for (int i = 0; i < rows; i++) {
            double[] row = new double[6];
            for (int a = 0; a < 6; a++) {
                row[a] = expected[a][i];
            }
            columns.add(row, 1.0);
        }

        assertThat(columns.size()).isEqualTo(rows);
        for (int a = 0; a < 6; a++) {
            double[] actual = new double[rows];
            columns.copyColumn(a, actual);
            for (int i = 0; i < rows; i++) {
                assertThat(Double.doubleToRawLongBits(actual[i]))
                        .as("attribute %d row %d: %s", a, i, expected[a][i])
                        .isEqualTo(Double.doubleToRawLongBits(expected[a][i]));
            }
        }
        int[] classes = new int[rows];
        columns.copyAsInts(5, classes);
        assertThat(classes[rows - 1]).isEqualTo((int) expected[5][rows - 1]);
        // whole numbers: x0, x1 and the class; doubles: x2 (half way), x3 (no decimals reach it), x4 (too large)
        assertThat(columns.bytesPerRow()).isEqualTo(3 * 4 + 3 * 8);
    }
}
