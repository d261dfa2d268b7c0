package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
    /** SHA-256 of "abc", from FIPS 180-2. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void hashOfAStringIsLowerCaseHex() {
        // then
        assertThat(Sha256.ofString("abc")).isEqualTo(ABC);
    }

    @Test
    void hashOfAFileIsTheHashOfItsBytes() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");

        // then
        assertThat(Sha256.ofFile(file)).isEqualTo(ABC);
    }

    @Test
    void hashOfAMissingFileNamesIt() {
        // when / then
        assertThatThrownBy(() -> Sha256.ofFile(dir.resolve("missing.model")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.model");
    }
}
