package io.github.mlmaven.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.testing.Datasets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsKeyTest {

    @TempDir
    Path dir;

    @Test
    void sameInputsInAnyOrderGiveTheSameKey() {
        // when
        String one = new InputsKey().put("algorithm", "J48").put("seed", 1).digest();
        String other = new InputsKey().put("seed", 1).put("algorithm", "J48").digest();

        // then
        assertThat(one).isEqualTo(other).hasSize(64);
    }

    @Test
    void anyChangedInputChangesTheKey() {
        // given
        String base = new InputsKey().put("algorithm", "J48").put("seed", 1).digest();

        // when
        String otherSeed =
                new InputsKey().put("algorithm", "J48").put("seed", 2).digest();
        String extra = new InputsKey()
                .put("algorithm", "J48")
                .put("seed", 1)
                .putAll("attributeTypes", Map.of("age", "numeric"))
                .digest();

        // then
        assertThat(otherSeed).isNotEqualTo(base);
        assertThat(extra).isNotEqualTo(base);
    }

    @Test
    void classesDirectoryIsHashedByContent() {
        // given
        Path classes = dir.resolve("classes");
        Datasets.writeCsv(classes, "com/example/MyFilter.class", "v1");
        String before = new InputsKey().classpath(List.of(classes)).digest();

        // when
        Datasets.writeCsv(classes, "com/example/MyFilter.class", "v2");
        String after = new InputsKey().classpath(List.of(classes)).digest();

        // then
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void absentClasspathElementIsNotAnError() {
        // when
        String key =
                new InputsKey().classpath(List.of(dir.resolve("missing.jar"))).digest();

        // then
        assertThat(key).hasSize(64);
    }
}
