package io.github.mlmaven.data.jdbc;

import io.github.mlmaven.common.MlLog;
import java.time.Clock;
import java.util.Optional;

/**
 * Extracts a {@link JdbcSpec}'s rows into a new immutable part of a {@link SnapshotStore}: in watermark mode the rows
 * after the recorded watermark up to {@code min(max(column), now - delay)}, in full mode the whole result (kept only
 * when it differs from the newest part). The rows stream from the result set into the part file; a failure leaves no
 * part and the recorded watermark where it was.
 */
public final class SnapshotExtractor {
    private final JdbcConnector connector;
    private final Clock clock;
    private final MlLog log;

    public SnapshotExtractor(JdbcConnector connector, Clock clock, MlLog log) {
        this.connector = connector;
        this.clock = clock;
        this.log = log;
    }

    /** An extractor with the thread's context class loader for drivers and the system clock. */
    public SnapshotExtractor(MlLog log) {
        this(new JdbcConnector(), Clock.systemDefaultZone(), log);
    }

    /**
     * Runs one extraction.
     *
     * @param production the production model's recorded watermark, used when the store has no incremental part yet
     *     (a fresh checkout extracts only what production has not seen)
     */
    public Extraction extract(JdbcSpec spec, SnapshotStore store, Optional<WatermarkPosition> production) {
        throw new UnsupportedOperationException("extraction of " + spec.sanitizedUrl() + " into " + store.directory()
                + " with " + connector + clock + log + production);
    }
}
