package io.github.mlmaven.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.registry.RegistryException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.3-SNAPSHOT", "1.3.0-SNAPSHOT", "1.3", "1.3.7", "1.3.7-rc1", " 1.3-SNAPSHOT "})
    void firstVersionTakesMajorAndMinorFromTheProjectVersionAndStartsAtZero(String projectVersion) {
        // when
        String next = Versions.next(projectVersion, List.of());

        // then
        assertThat(next).isEqualTo("1.3.0");
    }

    @Test
    void nextVersionIsOneAboveTheHighestOfTheSameMajorAndMinor() {
        // given versions out of order, with a gap, and of other lines
        List<String> existing = List.of("1.3.1", "1.3.0", "1.3.4", "1.2.9", "2.0.0", "1.30.7");

        // when
        String next = Versions.next("1.3-SNAPSHOT", existing);

        // then
        assertThat(next).isEqualTo("1.3.5");
    }

    @Test
    void numbersCountAsNumbersNotAsText() {
        // when
        String next = Versions.next("1.3", List.of("1.3.9", "1.3.10"));

        // then
        assertThat(next).isEqualTo("1.3.11");
    }

    @Test
    void stringsThatAreNoModelVersionAreIgnored() {
        // when
        String next = Versions.next("1.3", List.of("1.3.x", "1.3", "latest", "1.3.02"));

        // then
        assertThat(next).isEqualTo("1.3.0");
    }

    @Test
    void projectVersionWithOnlyAMajorGivesMinorZero() {
        // when
        String next = Versions.next("2-SNAPSHOT", List.of("2.0.0"));

        // then
        assertThat(next).isEqualTo("2.0.1");
    }

    @Test
    void leadingZerosOfTheProjectVersionAreDropped() {
        // when
        String majorMinor = Versions.majorMinor("01.03.0-SNAPSHOT");

        // then
        assertThat(majorMinor).isEqualTo("1.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SNAPSHOT", "dev-1.3", "", "v1.3"})
    void projectVersionThatDoesNotStartWithANumberIsRefusedWithTheFix(String projectVersion) {
        // when / then
        assertThatThrownBy(() -> Versions.next(projectVersion, List.of()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("'" + projectVersion + "'")
                .hasMessageContaining("give an explicit version")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.INVALID_VERSION);
    }

    @Test
    void requestedVersionThatIsNewIsAccepted() {
        // when
        String version = Versions.requireNew(" 2.0.0 ", List.of("1.3.0"));

        // then
        assertThat(version).isEqualTo("2.0.0");
    }

    @Test
    void requestedVersionThatExistsInAnyStatusIsRefusedBecauseReleasesAreImmutable() {
        // given 1.3.1 was reserved and failed: it is taken all the same
        List<String> existing = List.of("1.3.0", "1.3.1");

        // when / then
        assertThatThrownBy(() -> Versions.requireNew("1.3.1", existing))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("version 1.3.1 exists already")
                .hasMessageContaining("immutable")
                .hasMessageContaining("[1.3.0, 1.3.1]")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.VERSION_EXISTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.3.0-SNAPSHOT", "v1.3.0", "01.3.0", "1.3.0.1", "a.b.c"})
    void requestedVersionThatIsNotThreeNumbersIsRefused(String requested) {
        // when / then
        assertThatThrownBy(() -> Versions.requireNew(requested, List.of()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("'" + requested + "' is not a model version")
                .hasMessageContaining("<major>.<minor>.<patch>")
                .extracting(e -> ((RegistryException) e).reason())
                .isEqualTo(Reason.INVALID_VERSION);
    }
}
