package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.trees.J48;

/** A model is refused unless it is byte for byte the one its card records, made only of allowed classes. */
class ModelIntegrityTest {
    @TempDir
    Path dir;

    private static TrainedBundle weather;
    private static TrainedBundle probe;

    @BeforeAll
    static void train() throws Exception {
        weather = TrainedBundle.train("weather", new J48(), Datasets.weatherNominal());
        probe = TrainedBundle.train("probe", new DeserializationProbe(), Datasets.weatherNominal());
    }

    @Test
    void alteredModelIsRefusedBeforeDeserializationNamingTheFileAndBothHashes() throws Exception {
        // given a model whose deserialization would be counted, with one byte changed after training
        TrainedBundle altered = probe.withModelBytes(probe.flippedLastByte());
        Path bundle = altered.writeBundle(dir);
        String actual = Sha256.ofFile(bundle.resolve("probe.model"));
        int before = DeserializationProbe.DESERIALIZED.get();

        // when / then
        assertThatThrownBy(() -> Model.loader()
                        .alsoAllow(type -> type == DeserializationProbe.class)
                        .load(bundle))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining(bundle.resolve("probe.model").toString())
                .hasMessageContaining("has SHA-256 " + actual)
                .hasMessageContaining("model-card.json records " + probe.card.modelSha256())
                .hasMessageContaining("it was not loaded");
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before);
    }

    @Test
    void intactProbeModelIsDeserializedTheControlCase() throws Exception {
        // given
        Path bundle = probe.writeBundle(dir);
        int before = DeserializationProbe.DESERIALIZED.get();

        // when
        Model model = Model.loader()
                .alsoAllow(type -> type == DeserializationProbe.class)
                .load(bundle);

        // then
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before + 1);
        assertThat(model.predict(Datasets.features(Datasets.weatherNominal().instance(0))))
                .isEqualTo("yes");
    }

    @Test
    void alteredModelInAJarOnTheClassPathIsRefusedNamingTheResource() throws Exception {
        // given
        Path jar =
                TrainedBundle.writeJar(dir.resolve("weather.jar"), weather.withModelBytes(weather.flippedLastByte()));

        try (var application =
                new java.net.URLClassLoader(new URL[] {jar.toUri().toURL()})) {
            // when / then
            assertThatThrownBy(() -> Model.load("weather", application))
                    .isInstanceOf(ModelIntegrityException.class)
                    .hasMessageContaining("jar:" + jar.toUri().toURL() + "!/META-INF/ml-models/weather/weather.model")
                    .hasMessageContaining(weather.card.modelSha256());
        }
    }

    @Test
    void truncatedModelInAJarIsRefused() throws Exception {
        // given
        byte[] half = java.util.Arrays.copyOf(weather.modelBytes, weather.modelBytes.length / 2);
        Path jar = TrainedBundle.writeJar(dir.resolve("weather.jar"), weather.withModelBytes(half));

        // when / then
        assertThatThrownBy(() -> Model.load(jar))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("weather.jar!/META-INF/ml-models/weather/weather.model has SHA-256");
    }

    @Test
    void modelWithAClassOutsideTheAllowListIsRefusedUnlessVouchedFor() throws Exception {
        // given an intact model made of a class that is neither Weka's nor the JDK's
        Path bundle = probe.writeBundle(dir);
        int before = DeserializationProbe.DESERIALIZED.get();

        // when / then
        assertThatThrownBy(() -> Model.load(bundle))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("refused to load")
                .hasMessageContaining(DeserializationProbe.class.getName())
                .hasMessageContaining("not allowed");
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before);
    }

    @Test
    void cardThatReordersNominalValuesIsRefusedBecauseIndexesWouldShift() throws Exception {
        // given a card edited to list outlook's values in another order than the model was trained with
        TrainedBundle edited = weather.withCard(
                card -> TrainedBundle.withValues(card, "outlook", List.of("rainy", "sunny", "overcast")));
        Path bundle = edited.writeBundle(dir);

        // when / then
        assertThatThrownBy(() -> Model.load(bundle))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("does not match the training header")
                .hasMessageContaining("attribute 'outlook' has the values [rainy, sunny, overcast] in the card but"
                        + " [sunny, overcast, rainy] in the model");
    }

    @Test
    void cardWithoutAModelHashIsRefused() throws Exception {
        // given
        Path bundle = weather.withCard(card -> TrainedBundle.edited(card, json -> json.putNull("modelSha256")))
                .writeBundle(dir);

        // when / then
        assertThatThrownBy(() -> Model.load(bundle))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("records no modelSha256");
    }

    @Test
    void cardOfANewerSchemaVersionIsRefused() throws Exception {
        // given
        Path bundle = weather.withCard(card -> TrainedBundle.edited(card, json -> json.put("schemaVersion", 2)))
                .writeBundle(dir);

        // when / then
        assertThatThrownBy(() -> Model.load(bundle))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("schemaVersion 2, newer than this ml-model-runtime reads (1)");
    }

    @Test
    void cardNamingAModelFileOutsideItsFolderIsRefused() throws Exception {
        // given
        Path bundle = weather.withCard(card -> TrainedBundle.edited(card, json -> json.put("modelFile", "../x.model")))
                .writeBundle(dir);

        // when / then
        assertThatThrownBy(() -> Model.load(bundle))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("'../x.model', which is not a plain file name");
    }

    @Test
    void cardWithAnUnknownAttributeTypeIsRefused() throws Exception {
        // given
        Path bundle = weather.withCard(card -> TrainedBundle.edited(
                        card,
                        json -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                                        json.get("schema").get("attributes").get(0))
                                .put("type", "relational")))
                .writeBundle(dir);

        // when / then
        assertThatThrownBy(() -> Model.load(bundle))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("gives attribute 'outlook' type 'relational'");
    }

    @Test
    void cardThatCallsANominalAttributeADateIsRefused() throws Exception {
        // given: a known type, but not the one of the header saved in the model
        Path bundle = weather.withCard(card -> TrainedBundle.edited(
                        card,
                        json -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                                        json.get("schema").get("attributes").get(0))
                                .put("type", "date")))
                .writeBundle(dir);

        // when / then
        assertThatThrownBy(() -> Model.load(bundle))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("attribute 'outlook' is date in the card but nominal in the model");
    }

    @Test
    void bundleWithoutItsModelFileIsRefused() throws Exception {
        // given
        Path bundle = weather.writeBundle(dir);
        Files.delete(bundle.resolve("weather.model"));

        // when / then
        assertThatThrownBy(() -> Model.load(bundle))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("weather.model is missing though");
    }

    @Test
    void jarWithoutItsModelEntryIsRefused() throws Exception {
        // given a jar with the card but not the model
        Path full = TrainedBundle.writeJar(dir.resolve("full.jar"), weather);
        Path jar = dir.resolve("incomplete.jar");
        try (ZipFile in = new ZipFile(full.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                if (!entry.getName().endsWith(".model")) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(in.getInputStream(entry).readAllBytes());
                    out.closeEntry();
                }
            }
        }

        // when / then
        assertThatThrownBy(() -> Model.load(jar))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("has no META-INF/ml-models/weather/weather.model");
    }

    @Test
    void cardThatIsNotJsonIsRefused() throws Exception {
        // given
        Path bundle = weather.writeBundle(dir);
        Files.writeString(bundle.resolve("model-card.json"), "{ not json");

        // when / then
        assertThatThrownBy(() -> Model.load(bundle))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("is not a valid model card");
    }
}
