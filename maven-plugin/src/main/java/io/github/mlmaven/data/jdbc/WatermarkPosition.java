package io.github.mlmaven.data.jdbc;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where an extraction stopped: the watermark column's value of the last row extracted, and that row's tie-breaker
 * value (null without a tie-breaker). Values are text as the part's sidecar records them: numbers as Java prints them,
 * dates {@code yyyy-MM-dd}, timestamps ISO-8601 with every fractional digit the database keeps (UTC for a timestamp
 * with time zone), so that the next extraction's {@code >} starts exactly after this row.
 */
public record WatermarkPosition(String value, @Nullable String tieBreaker) {
    public WatermarkPosition {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return tieBreaker == null ? value : value + " (tie-breaker " + tieBreaker + ")";
    }
}
