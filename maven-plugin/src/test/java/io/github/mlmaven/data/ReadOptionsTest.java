package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadOptionsTest {

    @Test
    void propertyFormOverridesThePomForTheSameColumn() {
        // when
        ReadOptions options = ReadOptions.fromConfiguration(
                null, Map.of("zip", "nominal", "age", "numeric"), "zip : string, text:STRING");

        // then
        assertThat(options.attributeTypes())
                .containsEntry("zip", AttributeType.STRING)
                .containsEntry("age", AttributeType.NUMERIC)
                .containsEntry("text", AttributeType.STRING)
                .hasSize(3);
    }

    @Test
    void blankClassAttributeMeansTheLastColumn() {
        // when / then
        assertThat(ReadOptions.fromConfiguration("  ", null, null).classAttribute())
                .isNull();
        assertThat(ReadOptions.fromConfiguration(" label ", null, null).classAttribute())
                .isEqualTo("label");
    }

    @Test
    void columnNameMayContainAColon() {
        // when
        ReadOptions options = ReadOptions.fromConfiguration(null, null, "time:of:day:nominal");

        // then
        assertThat(options.attributeTypes()).containsEntry("time:of:day", AttributeType.NOMINAL);
    }

    @Test
    void propertyEntryWithoutATypeIsRefused() {
        // when / then
        assertThatThrownBy(() -> ReadOptions.fromConfiguration(null, null, "zip"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'zip'")
                .hasMessageContaining("column:type");
    }

    @Test
    void unknownTypeIsRefusedNamingTheColumn() {
        // when / then
        assertThatThrownBy(() -> ReadOptions.fromConfiguration(null, Map.of("when", "datetime"), null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'datetime'")
                .hasMessageContaining("'when'")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).parameter())
                        .isEqualTo("attributeTypes/when"));
    }

    @Test
    void dateIsAType() {
        ReadOptions options = ReadOptions.fromConfiguration(null, Map.of("visit", "Date"), "booked:date");

        assertThat(options.attributeTypes())
                .containsEntry("visit", AttributeType.DATE)
                .containsEntry("booked", AttributeType.DATE);
    }
}
