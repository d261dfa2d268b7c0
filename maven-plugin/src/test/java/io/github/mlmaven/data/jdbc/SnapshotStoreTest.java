package io.github.mlmaven.data.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    private void part(int sequence, String content, WatermarkRange range) throws Exception {
        Path file = dir.resolve(SnapshotStore.partFileName(sequence, "csv"));
        Files.writeString(file, content);
        PartSidecar sidecar = new PartSidecar(
                PartSidecar.SCHEMA_VERSION,
                Sha256.ofFile(file),
                1,
                Files.size(file),
                "2026-03-01T12:00:00Z",
                "jdbc:h2:mem:x",
                "q",
                "d",
                "csv",
                "id",
                null,
                range,
                List.of("id"));
        Files.writeString(SnapshotStore.sidecarOf(file), Json.MAPPER.writeValueAsString(sidecar));
    }

    private static WatermarkRange range(String from, String to) {
        return new WatermarkRange(
                from == null ? null : new WatermarkPosition(from, null), new WatermarkPosition(to, null));
    }

    @Test
    void partsAreListedInNumberOrderAndTheLastOneRecordsTheWatermark() throws Exception {
        for (int i = 12; i >= 1; i--) {
            part(i, "id\n" + i + "\n", range(i == 1 ? null : String.valueOf(i - 1), String.valueOf(i)));
        }
        Files.writeString(dir.resolve(".part-123.tmp"), "id\n99\n");
        Files.writeString(dir.resolve("notes.txt"), "not a part");

        SnapshotStore store = SnapshotStore.open(dir, log);

        assertThat(store.parts())
                .extracting(SnapshotPart::sequence)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(store.recordedWatermark()).contains(new WatermarkPosition("12", null));
        assertThat(store.nextSequence()).isEqualTo(13);
        assertThat(store.newest().orElseThrow().file()).isEqualTo(dir.resolve("part-000012.csv"));
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void aFolderThatDoesNotExistHoldsNoParts() {
        SnapshotStore store = SnapshotStore.open(dir.resolve("missing"), log);

        assertThat(store.parts()).isEmpty();
        assertThat(store.recordedWatermark()).isEmpty();
        assertThat(store.nextSequence()).isEqualTo(1);
    }

    @Test
    void anUnreadableSidecarIsWarnedAndThePartIgnoredButKept() throws Exception {
        part(1, "id\n1\n", range(null, "1"));
        part(2, "id\n2\n", range("1", "2"));
        Files.writeString(dir.resolve("part-000002.json"), "{ not json");

        SnapshotStore store = SnapshotStore.open(dir, log);

        assertThat(store.parts()).extracting(SnapshotPart::sequence).containsExactly(1);
        assertThat(store.recordedWatermark()).contains(new WatermarkPosition("1", null));
        assertThat(store.nextSequence()).isEqualTo(3);
        assertThat(log.text()).contains("WARN Ignoring " + dir.resolve("part-000002.csv") + ": its sidecar");
        assertThat(dir.resolve("part-000002.csv")).exists();
    }

    @Test
    void twoFilesWithOneNumberAreAnError() throws Exception {
        part(1, "id\n1\n", range(null, "1"));
        Files.writeString(dir.resolve("part-0000001.csv"), "id\n1\n");

        assertThatThrownBy(() -> SnapshotStore.open(dir, log).parts())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds two parts numbered 1");
    }
}
