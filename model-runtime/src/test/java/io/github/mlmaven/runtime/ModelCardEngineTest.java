package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The card's engine section: absent for a model trained in the build's JVM, written and read back for Spark's. */
class ModelCardEngineTest {
    private static ModelCard local() {
        return new ModelCard(
                1,
                "m",
                "weka.classifiers.bayes.NaiveBayes",
                "",
                "",
                "3.8.7",
                "3.8.7",
                "17",
                "0.2.0",
                1,
                "2026-12-07T20:00:00Z",
                12,
                new ModelCard.TrainedOn("all", null, 4),
                new ModelCard.SchemaSection(
                        List.of(new ModelCard.AttributeEntry("x", "numeric", List.of())), "x", "numeric", null),
                new ModelCard.DataSection(List.of(), 4, 0, Map.of()),
                null,
                "m.model",
                "ab",
                "key",
                "conf",
                null,
                10L);
    }

    @Test
    void aLocalCardHasNoEngineInItsJsonAndAnOldCardReadsWithout() throws Exception {
        String json = Json.MAPPER.writeValueAsString(local());

        assertThat(Json.MAPPER.readTree(json).has("engine")).isFalse();
        ModelCard read = Json.MAPPER.readValue(json, ModelCard.class);
        assertThat(read.engine()).isNull();
        assertThat(read).isEqualTo(local());
    }

    @Test
    void aSparkCardKeepsItsEngineSectionThroughWithModel() throws Exception {
        ModelCard.Engine engine = new ModelCard.Engine("spark", "local[2]", 2, "4.2.0", "estimators summed");
        ModelCard card = local().withEngine(engine).withModel("m.model", "cd", 11L);

        String json = Json.MAPPER.writeValueAsString(card);
        JsonNode section = Json.MAPPER.readTree(json).get("engine");

        assertThat(section.get("name").asText()).isEqualTo("spark");
        assertThat(section.get("partitions").asInt()).isEqualTo(2);
        assertThat(section.get("sparkVersion").asText()).isEqualTo("4.2.0");
        assertThat(Json.MAPPER.readValue(json, ModelCard.class).engine()).isEqualTo(engine);
    }
}
