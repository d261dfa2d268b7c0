package io.github.mlmaven.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.api.Outcome;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The one place where the core's outcome becomes Maven's: a verdict fails the build, anything else errors it. */
class OutcomeTranslationTest {

    @Test
    void okEndsTheGoalNormally() {
        assertThatCode(() -> AbstractMlMojo.translate("train", Outcome.ok(null)))
                .doesNotThrowAnyException();
    }

    @Test
    void aFailedGateFailsTheBuildWithItsMessage() {
        assertThatThrownBy(() -> AbstractMlMojo.translate(
                        "validate",
                        Outcome.failed(Outcome.Kind.GATE_FAILED, "recall 0.61 is below the threshold 0.80", null)))
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessage("recall 0.61 is below the threshold 0.80");
    }

    @Test
    void aRefusalFailsTheBuildToo() {
        assertThatThrownBy(() -> AbstractMlMojo.translate(
                        "promote", Outcome.failed(Outcome.Kind.REFUSED, "version 1.3.0 exists", null)))
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessage("version 1.3.0 exists");
    }

    @Test
    void invalidInputErrorsTheBuildWithItsMessage() {
        assertThatThrownBy(() -> AbstractMlMojo.translate(
                        "train", Outcome.failed(Outcome.Kind.INVALID_INPUT, "data/x.csv: line 3, column 2: ...", null)))
                .isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessage("data/x.csv: line 3, column 2: ...");
    }

    @Test
    void invalidConfigurationNamesTheGoalAndTheElement() {
        assertThatThrownBy(() -> AbstractMlMojo.translate(
                        "validate",
                        Outcome.failed(
                                Outcome.Kind.INVALID_CONFIGURATION, "80 is not between 0 and 1", "thresholds/recall")))
                .isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessage("Invalid configuration of ml:validate <thresholds><recall>: 80 is not between 0 and 1");
    }

    @Test
    void anElementTheMessageNamesAlreadyIsNotRepeated() {
        assertThatThrownBy(() -> AbstractMlMojo.translate(
                        "validate",
                        Outcome.failed(
                                Outcome.Kind.INVALID_CONFIGURATION,
                                "<thresholds><recall> 80 is not between 0 and 1",
                                "thresholds/recall")))
                .hasMessage("Invalid configuration of ml:validate: <thresholds><recall> 80 is not between 0 and 1");
    }

    @Test
    void aPropertyIsNamedAsTheCommandLineOption() {
        assertThatThrownBy(() -> AbstractMlMojo.translate(
                        "rollback",
                        Outcome.failed(
                                Outcome.Kind.INVALID_CONFIGURATION,
                                "name the version to put back in production",
                                "ml.rollback.version")))
                .isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessage("Invalid configuration of ml:rollback (-Dml.rollback.version): name the version to put"
                        + " back in production");
    }
}
