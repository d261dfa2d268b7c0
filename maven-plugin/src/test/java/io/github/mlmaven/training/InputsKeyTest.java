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
    void dataIsKeyedPartByPartByIdentityAndHash() {
        // given
        String base = new InputsKey()
                .data(List.of("a.csv", "b.csv"), List.of("h1", "h2"))
                .digest();

        // when
        String renamed = new InputsKey()
                .data(List.of("a.csv", "c.csv"), List.of("h1", "h2"))
                .digest();
        String reordered = new InputsKey()
                .data(List.of("b.csv", "a.csv"), List.of("h2", "h1"))
                .digest();
        String changed = new InputsKey()
                .data(List.of("a.csv", "b.csv"), List.of("h1", "h3"))
                .digest();

        // then: the key of earlier versions, which wrote the parts by hand, is kept
        assertThat(base)
                .isEqualTo(new InputsKey()
                        .put("data.0000", "a.csv@h1")
                        .put("data.0001", "b.csv@h2")
                        .digest());
        assertThat(List.of(renamed, reordered, changed)).doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void aHashForEveryPartIsRequired() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new InputsKey().data(List.of("a.csv", "b.csv"), List.of("h1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 data parts but 1 hashes");
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
