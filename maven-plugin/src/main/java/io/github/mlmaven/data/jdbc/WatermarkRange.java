package io.github.mlmaven.data.jdbc;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one incremental part: those after {@code fromExclusive} (null: from the first row) up to and including
 * {@code toInclusive}, in the order of the watermark column and its tie-breaker.
 */
public record WatermarkRange(@Nullable WatermarkPosition fromExclusive, WatermarkPosition toInclusive) {
    public WatermarkRange {
        Objects.requireNonNull(toInclusive, "toInclusive");
    }
}
