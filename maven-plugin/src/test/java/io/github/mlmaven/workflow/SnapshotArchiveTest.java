package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip of snapshot parts that ml:promote publishes, and its restore into a fresh checkout. */
class SnapshotArchiveTest {
    @TempDir
    Path dir;

    private Path folder;
    private List<SnapshotArchive.Part> parts;

    @BeforeEach
    void twoPartsWithSidecars() throws IOException {
        folder = Files.createDirectories(dir.resolve("data"));
        parts = new ArrayList<>();
        parts.add(part("part-000002.csv", "id,label\n3,bad\n"));
        parts.add(part("part-000001.csv", "id,label\n1,good\n2,bad\n"));
    }

    private SnapshotArchive.Part part(String name, String content) throws IOException {
        Path file = Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
        String sha256 = Sha256.ofFile(file);
        Files.writeString(
                folder.resolve(SnapshotArchive.sidecar(name)),
                "{\"sha256\":\"" + sha256 + "\",\"url\":\"jdbc:postgresql://db/labels\"}");
        return new SnapshotArchive.Part(name, sha256);
    }

    @Test
    void theZipHoldsThePartsAndSidecarsSortedWithOneFixedTimeAndTheSameBytesEachTime() throws Exception {
        // when
        Path first = dir.resolve("first.zip");
        SnapshotArchive.write(folder, parts, List.of(), first);
        for (Path file : Files.list(folder).toList()) {
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
        }
        Path second = dir.resolve("second.zip");
        SnapshotArchive.write(folder, List.of(parts.get(1), parts.get(0)), List.of(), second);

        // then
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        try (ZipFile zip = new ZipFile(first.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName))
                    .containsExactly("part-000001.csv", "part-000001.json", "part-000002.csv", "part-000002.json");
            assertThat(zip.stream().map(ZipEntry::getTimeLocal)).containsOnly(LocalDateTime.of(2000, 1, 1, 0, 0));
        }
    }

    @Test
    void aPartChangedSinceTrainingIsRefusedAndNoZipIsLeft() throws Exception {
        Files.writeString(folder.resolve("part-000001.csv"), "id,label\n1,bad\n2,bad\n");
        Path zip = dir.resolve("data.zip");

        assertThatThrownBy(() -> SnapshotArchive.write(folder, parts, List.of(), zip))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("part-000001.csv has SHA-256 ")
                .hasMessageContaining("but the model was trained on a part with SHA-256 "
                        + parts.get(1).sha256());
        assertThat(zip).doesNotExist();
    }

    @Test
    void aMissingSidecarOrAPasswordInOneIsRefused() throws Exception {
        Files.writeString(folder.resolve("part-000002.json"), "{\"url\":\"jdbc:postgresql://db/x?password=hunter22\"}");
        assertThatThrownBy(() -> SnapshotArchive.write(folder, parts, List.of("hunter22"), dir.resolve("a.zip")))
                .hasMessageContaining("part-000002.json holds the database password; it is not published");

        Files.delete(folder.resolve("part-000002.json"));
        assertThatThrownBy(() -> SnapshotArchive.write(folder, parts, List.of(), dir.resolve("b.zip")))
                .hasMessageContaining("part-000002.json is missing, but the model was trained on it");
    }

    @Test
    void unpackRestoresEveryPartCheckedAgainstTheCard() throws Exception {
        Path zip = dir.resolve("data.zip");
        SnapshotArchive.write(folder, parts, List.of(), zip);
        Path fresh = dir.resolve("fresh/data");

        List<Path> restored = SnapshotArchive.unpack(zip, parts, fresh);

        assertThat(restored).containsExactly(fresh.resolve("part-000001.csv"), fresh.resolve("part-000002.csv"));
        for (String name : List.of("part-000001.csv", "part-000001.json", "part-000002.csv", "part-000002.json")) {
            assertThat(fresh.resolve(name)).hasSameBinaryContentAs(folder.resolve(name));
        }
        try (var left = Files.list(fresh)) {
            assertThat(left).hasSize(4); // no staging folder left behind
        }
    }

    @Test
    void aPartWhoseBytesDifferFromTheCardRestoresNothing() throws Exception {
        Path zip = dir.resolve("data.zip");
        SnapshotArchive.write(folder, parts, List.of(), zip);
        List<SnapshotArchive.Part> card = List.of(parts.get(1), new SnapshotArchive.Part("part-000002.csv", "00ff"));
        Path fresh = dir.resolve("fresh");

        assertThatThrownBy(() -> SnapshotArchive.unpack(zip, card, fresh))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("part-000002.csv in " + zip)
                .hasMessageContaining("the production model's card records 00ff; nothing was restored");
        try (var left = Files.list(fresh)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anEntryWithAPathIsRefused() throws Exception {
        Path zip = dir.resolve("evil.zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream zipped = new ZipOutputStream(out)) {
            zipped.putNextEntry(new ZipEntry("../part-000001.csv"));
            zipped.write("x".getBytes(StandardCharsets.UTF_8));
            zipped.closeEntry();
        }

        assertThatThrownBy(() -> SnapshotArchive.unpack(zip, List.of(), dir.resolve("fresh")))
                .hasMessageContaining("holds ../part-000001.csv, which is no snapshot part");
        assertThat(dir.resolve("part-000001.csv")).doesNotExist();
    }
}
