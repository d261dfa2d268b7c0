package io.github.mlmaven.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RadixSortTest {
    @Test
    void sortsDoublesIntoArraysSortOrderBitForBit() {
        Random random = new Random(7);
        double[] special = {
            -0.0,
            0.0,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            1.0,
            -1.0,
            1e-300,
            -1e300
        };
        for (int size : new int[] {0, 1, 2, 100, 50_000}) {
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                values[i] = switch (i % 4) {
                    case 0 -> special[random.nextInt(special.length)];
                    case 1 -> Math.round(random.nextGaussian() * 1e6) / 1e6; // few decimals, many ties
                    case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                    default -> random.nextInt(5) - 2;
                };
            }
            double[] expected = values.clone();
            Arrays.sort(expected);

            RadixSort.sortAscending(values);

            long[] actualBits =
                    Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
            long[] expectedBits = Arrays.stream(expected)
                    .mapToLong(Double::doubleToRawLongBits)
                    .toArray();
            assertThat(actualBits).as("size %d", size).containsExactly(expectedBits);
        }
    }
}
