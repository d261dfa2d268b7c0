package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes read as a model card end in a card whose schema the runtime can use, or in a {@link
 * ModelIntegrityException} naming the card; never another exception. Seeds: cards as ml:train writes them.
 */
class ModelCardFuzzTest {
    private static final String SOURCE = "fuzzed/model-card.json";

    @FuzzTest(maxDuration = "20s")
    void cardIsReadOrRefusedNamingTheFile(byte[] json) {
        try {
            ModelCard card = BundleReader.readCard(json, SOURCE, null);
            InputSchema inputs = InputSchema.of(card, SOURCE);
            ModelSchema.of(card);
            inputs.newHeader();
            inputs.allMissing();
        } catch (ModelIntegrityException refused) {
            assertThat(refused.getMessage())
                    .satisfiesAnyOf(
                            m -> assertThat(m).contains(SOURCE),
                            m -> assertThat(m).contains("model card"));
        }
    }
}
