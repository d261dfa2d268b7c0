package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The card's data section: files alone are written exactly as before the database extraction existed, and an
 * extraction is written and read back whole.
 */
class ModelCardDataSectionTest {
    private static Map<String, Long> distribution() {
        Map<String, Long> classes = new LinkedHashMap<>();
        classes.put("good", 3L);
        classes.put("bad", 1L);
        return classes;
    }

    @Test
    void filesWithoutExtractionAreWrittenAsBefore() throws Exception {
        // given
        ModelCard.DataSection files = new ModelCard.DataSection(
                List.of(new ModelCard.FileEntry("data/train.csv", "ab12", 4, 120)), 4, 120, distribution());

        // when
        String json = Json.MAPPER.writeValueAsString(files);

        // then: the bytes of a card written before extractions were recorded
        assertThat(json.replace("\r\n", "\n")).isEqualTo("""
                {
                  "files" : [ {
                    "path" : "data/train.csv",
                    "sha256" : "ab12",
                    "rows" : 4,
                    "sizeBytes" : 120
                  } ],
                  "totalRows" : 4,
                  "totalBytes" : 120,
                  "classDistribution" : {
                    "good" : 3,
                    "bad" : 1
                  }
                }""");
        assertThat(Json.MAPPER.readValue(json, ModelCard.DataSection.class)).isEqualTo(files);
    }

    @Test
    void anExtractionIsWrittenAndReadBack() throws Exception {
        // given
        ModelCard.Extraction extraction = new ModelCard.Extraction(
                "jdbc:postgresql://db.example:5432/labels",
                "c0ffee",
                "org.postgresql:postgresql:42.7.4",
                "labelled_at",
                "id",
                null,
                "2026-12-01T10:00:00",
                "42",
                7,
                List.of(
                        new ModelCard.SnapshotPart("part-000001.csv", "aa", 4),
                        new ModelCard.SnapshotPart("part-000002.csv", "bb", 3)));
        ModelCard.DataSection data = new ModelCard.DataSection(
                List.of(
                        new ModelCard.FileEntry("target/ml/m/data/part-000001.csv", "aa", 4, 100),
                        new ModelCard.FileEntry("target/ml/m/data/part-000002.csv", "bb", 3, 80)),
                7,
                180,
                distribution(),
                extraction);

        // when
        String json = Json.MAPPER.writeValueAsString(data);
        ModelCard.DataSection read = Json.MAPPER.readValue(json, ModelCard.DataSection.class);

        // then
        assertThat(read).isEqualTo(data);
        var tree = Json.MAPPER.readTree(json).get("extraction");
        assertThat(tree.get("url").asText()).isEqualTo("jdbc:postgresql://db.example:5432/labels");
        assertThat(tree.get("watermarkTo").asText()).isEqualTo("2026-12-01T10:00:00");
        assertThat(tree.has("watermarkFrom")).as("null values are left out").isFalse();
        assertThat(tree.get("parts")).hasSize(2);
        assertThat(tree.get("parts").get(1).get("path").asText()).isEqualTo("part-000002.csv");
    }

    @Test
    void aCardFromBeforeExtractionsReadsWithoutOne() throws Exception {
        // given a data section as older plugins wrote it
        String old = """
                {"files":[],"totalRows":0,"totalBytes":0,"classDistribution":{}}""";

        // when
        ModelCard.DataSection read = Json.MAPPER.readValue(old, ModelCard.DataSection.class);

        // then
        assertThat(read.extraction()).isNull();
    }
}
