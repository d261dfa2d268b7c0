package io.github.mlmaven.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestNameTest {
    private static final List<String> PARAMETERS =
            List.of("thresholds", "thresholdsProperty", "positiveClass", "folds", "force", "testData", "trainingData");

    @Test
    void aMissingLetterFindsTheParameter() {
        assertThat(ClosestName.to("threshold", PARAMETERS)).contains("thresholds");
    }

    @Test
    void theWrongCaseFindsTheParameterWrittenRight() {
        assertThat(ClosestName.to("positiveclass", PARAMETERS)).contains("positiveClass");
        assertThat(ClosestName.to("TESTDATA", PARAMETERS)).contains("testData");
    }

    @Test
    void swappedLettersCountAsOneEdit() {
        assertThat(ClosestName.distance("fodls", "folds")).isEqualTo(1);
        assertThat(ClosestName.to("fodls", PARAMETERS)).contains("folds");
    }

    @Test
    void aNameFarFromEveryCandidateGetsNoSuggestion() {
        assertThat(ClosestName.to("banana", PARAMETERS)).isEmpty();
        assertThat(ClosestName.to("x", List.of())).isEmpty();
    }

    @Test
    void theValidNameItselfIsNotSuggested() {
        assertThat(ClosestName.to("folds", List.of("folds"))).isEmpty();
    }

    @Test
    void ofEquallyCloseNamesTheOneThatDiffersLeastInCaseWins() {
        // "forcE" is one edit from "force" ignoring case, as "Force" is; "force" differs only in case
        assertThat(ClosestName.to("Force", List.of("forcE", "force"))).contains("force");
    }
}
