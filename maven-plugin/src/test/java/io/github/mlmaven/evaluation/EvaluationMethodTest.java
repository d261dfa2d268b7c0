package io.github.mlmaven.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class EvaluationMethodTest {

    @Test
    void methodsAreNamedAsInThePom() {
        // then
        assertThat(EvaluationMethod.fromConfiguration("test")).isEqualTo(EvaluationMethod.TEST);
        assertThat(EvaluationMethod.fromConfiguration(" Holdout ")).isEqualTo(EvaluationMethod.HOLDOUT);
        assertThat(EvaluationMethod.fromConfiguration("CV")).isEqualTo(EvaluationMethod.CV);
    }

    @Test
    void noMethodConfiguredLeavesTheDefaultToTheGoal() {
        // then
        assertThat(EvaluationMethod.fromConfiguration(null)).isNull();
        assertThat(EvaluationMethod.fromConfiguration("")).isNull();
    }

    @Test
    void unknownMethodIsRefusedListingTheValidOnes() {
        // when / then
        assertThatThrownBy(() -> EvaluationMethod.fromConfiguration("kfold"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'kfold'")
                .hasMessageContaining("test, holdout or cv");
    }
}
