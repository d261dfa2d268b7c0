package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.trees.J48;

/** The fixed paths of a model in a jar, which ml:promote writes and Model reads. */
class BundleLayoutTest {
    @Test
    void modelFilesLiveUnderMetaInfMlModelsAndTheModelName() {
        // then
        assertThat(BundleLayout.directory("credit-risk")).isEqualTo("META-INF/ml-models/credit-risk/");
        assertThat(BundleLayout.modelResource("credit-risk"))
                .isEqualTo("META-INF/ml-models/credit-risk/credit-risk.model");
        assertThat(BundleLayout.cardResource("credit-risk"))
                .isEqualTo("META-INF/ml-models/credit-risk/model-card.json");
        assertThat(BundleLayout.validationResource("credit-risk"))
                .isEqualTo("META-INF/ml-models/credit-risk/validation.json");
        assertThat(BundleLayout.schemaResource("credit-risk")).isEqualTo("META-INF/ml-models/credit-risk/schema.json");
        assertThat(BundleLayout.modelFileName("credit-risk")).isEqualTo("credit-risk.model");
    }

    @Test
    void cardPathNamesItsModel() {
        // then
        assertThat(BundleLayout.modelNameOfCard("META-INF/ml-models/credit-risk/model-card.json"))
                .contains("credit-risk");
        assertThat(BundleLayout.modelNameOfCard("META-INF/ml-models/credit-risk/schema.json"))
                .isEmpty();
        assertThat(BundleLayout.modelNameOfCard("META-INF/ml-models/a/b/model-card.json"))
                .isEmpty();
        assertThat(BundleLayout.modelNameOfCard("META-INF/ml-models//model-card.json"))
                .isEmpty();
        assertThat(BundleLayout.modelNameOfCard("other/credit-risk/model-card.json"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a/b", "a\\b", ".", "..", " padded", "tab\tname"})
    void namesThatAreNotOnePathSegmentAreRefused(String name) {
        // when / then
        assertThatThrownBy(() -> BundleLayout.directory(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot name a model");
    }

    @Test
    void schemaDocumentIsTheCardsSchemaWithNameAndVersion() throws Exception {
        // given
        TrainedBundle weather = TrainedBundle.train("weather", new J48(), Datasets.weatherNominal());

        // when
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(ModelSchema.of(weather.card)));

        // then
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("modelName").asText()).isEqualTo("weather");
        assertThat(json.get("classAttribute").asText()).isEqualTo("play");
        assertThat(json.get("classType").asText()).isEqualTo("nominal");
        assertThat(json.get("positiveClass").asText()).isEqualTo("no");
        assertThat(json.get("attributes").get(0).get("name").asText()).isEqualTo("outlook");
        assertThat(json.get("attributes").get(0).get("values").toString())
                .isEqualTo("[\"sunny\",\"overcast\",\"rainy\"]");
        assertThat(Json.MAPPER.treeToValue(json, ModelSchema.class)).isEqualTo(ModelSchema.of(weather.card));
    }
}
