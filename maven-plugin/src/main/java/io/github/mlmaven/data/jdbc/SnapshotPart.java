package io.github.mlmaven.data.jdbc;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One immutable snapshot part: its data file ({@code part-000001.csv}), its sequence number (1 for {@code
 * part-000001}) and its verified sidecar.
 */
public record SnapshotPart(int sequence, Path file, PartSidecar sidecar) {
    public String sha256() {
        return sidecar.sha256();
    }

    public long rows() {
        return sidecar.rows();
    }

    /** The watermark range of an incremental part; empty for a full extraction. */
    public Optional<WatermarkRange> range() {
        return Optional.ofNullable(sidecar.range());
    }

    /** The sidecar's path: the part's name with {@code .json}. */
    public Path sidecarFile() {
        return SnapshotStore.sidecarOf(file);
    }
}
