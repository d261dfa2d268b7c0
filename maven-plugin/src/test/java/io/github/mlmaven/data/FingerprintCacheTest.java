package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCacheTest {
    @TempDir
    Path dir;

    @Test
    void statsAreEqualExactlyWhenSizeAndModificationTimeAre() {
        FileTime time = FileTime.fromMillis(1_700_000_000_123L);
        FingerprintCache.Stat stat = FingerprintCache.Stat.of(10, time);

        assertThat(stat)
                .isEqualTo(FingerprintCache.Stat.of(10, time))
                .hasSameHashCodeAs(FingerprintCache.Stat.of(10, time));
        assertThat(stat).isNotEqualTo(FingerprintCache.Stat.of(11, time));
        assertThat(stat).isNotEqualTo(FingerprintCache.Stat.of(10, FileTime.fromMillis(1_700_000_000_124L)));
        assertThat(stat).isNotEqualTo(null).isNotEqualTo("10");
    }

    @Test
    void recordsTheHashOfAnUnchangedFileAndForgetsAFileChangedWhileItWasRead() throws Exception {
        Path data = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");
        Files.setLastModifiedTime(data, FileTime.fromMillis(1_700_000_000_000L));
        FingerprintCache cache = FingerprintCache.load(dir.resolve("cache"));
        FingerprintCache.Stat before = FingerprintCache.Stat.of(data);

        cache.record(data, before, FingerprintCache.nowNanos(), "hash-1");
        assertThat(cache.unchanged(data)).contains("hash-1");

        Files.writeString(data, "a,b\n1,2\n3,4\n"); // changed after its reading started
        cache.record(data, before, FingerprintCache.nowNanos(), "hash-2");
        assertThat(cache.unchanged(data)).isEmpty();
    }
}
