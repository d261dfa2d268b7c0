package io.github.mlmaven.data;

import io.github.mlmaven.common.MlLog;
import java.util.Locale;

/** Logs how far the reading of a long file has come, at most every {@link #INTERVAL_NANOS}. */
final class Progress {
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final MlLog log;
    private final String shown;
    private final long start = System.nanoTime();
    private long last = start;

    Progress(MlLog log, String shown) {
        this.log = log;
        this.shown = shown;
    }

    void row(long rows) {
        if ((rows & 0x3FFF) == 0) {
            long now = System.nanoTime();
            if (now - last >= INTERVAL_NANOS) {
                last = now;
                log.info(String.format(
                        Locale.ROOT,
                        "  ... %s: %,d rows so far (%,.0f rows/s)",
                        shown,
                        rows,
                        rows / ((now - start) / 1e9)));
            }
        }
    }
}
