package io.github.mlmaven.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrdinalRangesTest {
    @Test
    void everyOrdinalFallsInTheRangeThatStartsAtOrBeforeIt() {
        for (long rows : new long[] {1, 2, 7, 100, 1_001}) {
            for (int partitions = 1; partitions <= Math.min(rows, 9); partitions++) {
                OrdinalRanges ranges = new OrdinalRanges(rows, partitions);
                int previous = 0;
                for (long o = 0; o < rows; o++) {
                    int p = ranges.partitionOf(o);
                    assertThat(o).isGreaterThanOrEqualTo(ranges.firstOrdinal(p));
                    assertThat(p == partitions - 1 || o < ranges.firstOrdinal(p + 1))
                            .isTrue();
                    assertThat(p).isBetween(previous, previous + 1);
                    previous = p;
                }
                assertThat(previous).isEqualTo(partitions - 1);
            }
        }
    }

    @Test
    void shares() {
        assertThat(PartitionFit.share(10, 3, 0)).isEqualTo(4);
        assertThat(PartitionFit.share(10, 3, 1)).isEqualTo(3);
        assertThat(PartitionFit.share(10, 3, 2)).isEqualTo(3);
        assertThat(PartitionFit.seedFor(5, 0)).isEqualTo(5);
    }
}
