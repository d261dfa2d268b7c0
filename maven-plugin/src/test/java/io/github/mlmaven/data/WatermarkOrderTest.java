package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.data.jdbc.WatermarkPosition;
import org.junit.jupiter.api.Test;

class WatermarkOrderTest {

    @Test
    void numbersCompareByValueNotAsText() {
        assertThat(WatermarkOrder.compare("9", "10")).isNegative();
        assertThat(WatermarkOrder.compare("2.50", "2.5")).isZero();
        assertThat(WatermarkOrder.compare("-3", "-20")).isPositive();
    }

    @Test
    void timestampsCompareInTimeWhateverTheirFractionalDigits() {
        assertThat(WatermarkOrder.compare("2026-01-08T10:00:00.5", "2026-01-08T10:00:00.123456"))
                .isPositive();
        assertThat(WatermarkOrder.compare("2026-01-08T10:00:00.500", "2026-01-08T10:00:00.5"))
                .isZero();
        assertThat(WatermarkOrder.compare("2026-01-08T10:00:00Z", "2026-01-08T10:00:00"))
                .isZero();
        assertThat(WatermarkOrder.compare("2026-01-08", "2026-01-08T00:00:01")).isNegative();
        assertThat(WatermarkOrder.compare("2026-02-01", "2026-01-31")).isPositive();
    }

    @Test
    void otherValuesCompareAsText() {
        assertThat(WatermarkOrder.compare("b-10", "b-9")).isNegative();
    }

    @Test
    void theTieBreakerOrdersEqualValuesOnlyWhenBothPositionsHaveOne() {
        WatermarkPosition seen = new WatermarkPosition("2026-01-08T10:00:00", "10");
        assertThat(WatermarkOrder.compare(new WatermarkPosition("2026-01-08T10:00:00", "9"), seen))
                .isNegative();
        assertThat(WatermarkOrder.compare(new WatermarkPosition("2026-01-08T10:00:00", "11"), seen))
                .isPositive();
        assertThat(WatermarkOrder.compare(new WatermarkPosition("2026-01-08T10:00:00", null), seen))
                .isZero();
        assertThat(WatermarkOrder.compare(new WatermarkPosition("2026-01-07T23:59:59", "99"), seen))
                .isNegative();
    }
}
