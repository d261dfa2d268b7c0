package io.github.mlmaven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.DeserializationProbe;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.Datasets;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Classifier;
import weka.classifiers.trees.J48;
import weka.core.Instances;
import weka.core.SerializationHelper;

class ModelBundleTest {
    private static final ClassLoader LOADER = ModelBundleTest.class.getClassLoader();
    private static final Predicate<Class<?>> NOTHING_ELSE = c -> false;

    @TempDir
    Path dir;

    private ModelBundle bundle;
    private Instances weather;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void bundleAndData() {
        bundle = new ModelBundle(dir.resolve("target/ml/weather"), "weather");
        weather = Datasets.loadWithWeka(Datasets.weatherNominalArff());
    }

    /** A card with everything but the model's file name and hash, which {@link ModelBundle#write} fills in. */
    static ModelCard cardWithoutModel(String modelName) {
        return new ModelCard(
                ModelCard.CURRENT_SCHEMA_VERSION,
                modelName,
                "weka.classifiers.trees.J48",
                "",
                "-C 0.25 -M 2",
                "3.8.7",
                "3.8.7",
                "17",
                "test",
                1,
                "2024-03-01T12:00:00Z",
                5,
                new ModelCard.TrainedOn("all", null, 14),
                new ModelCard.SchemaSection(
                        List.of(new ModelCard.AttributeEntry("play", "nominal", List.of("yes", "no"))),
                        "play",
                        "nominal",
                        "no"),
                new ModelCard.DataSection(
                        List.of(new ModelCard.FileEntry("data/weather.arff", "abc", 14, 100)),
                        14,
                        100,
                        Map.of("yes", 9L, "no", 5L)),
                null,
                null,
                null,
                "key");
    }

    private J48 trainedJ48() throws Exception {
        J48 model = new J48();
        model.buildClassifier(weather);
        return model;
    }

    private static void flipLastByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);
    }

    private static void truncateToHalf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    @Test
    void writtenModelOpensWithWekasSerializationHelperAndPredictsTheSame() throws Exception {
        // given
        J48 model = trainedJ48();

        // when
        bundle.write(model, weather, cardWithoutModel("weather"));

        // then
        Object[] objects = SerializationHelper.readAll(bundle.modelFile().toString());
        assertThat(objects).hasSize(2);
        assertThat(objects[0]).isInstanceOf(J48.class);
        assertThat(objects[1]).isInstanceOfSatisfying(Instances.class, header -> {
            assertThat(header.equalHeaders(weather)).isTrue();
            assertThat(header.numInstances()).isZero();
        });
        Classifier read =
                (Classifier) SerializationHelper.read(bundle.modelFile().toString());
        for (int i = 0; i < weather.numInstances(); i++) {
            assertThat(read.distributionForInstance(weather.instance(i)))
                    .containsExactly(model.distributionForInstance(weather.instance(i)));
        }
    }

    @Test
    void cardRecordsTheSha256AndSizeOfTheWrittenModel() throws Exception {
        // when
        ModelCard card = bundle.write(trainedJ48(), weather, cardWithoutModel("weather"));

        // then
        assertThat(card.modelSha256()).isEqualTo(Sha256.ofFile(bundle.modelFile()));
        assertThat(card.modelSizeBytes()).isEqualTo(Files.size(bundle.modelFile()));
        assertThat(card.modelFile()).isEqualTo("weather.model");
        assertThat(bundle.readCard()).isEqualTo(card);
        assertThat(bundle.modelMatches(card)).isTrue();
    }

    @Test
    void cardReadsBackEqualToTheCardWritten() throws Exception {
        // given a card whose schema has a numeric attribute (no nominal values)
        ModelCard withNumeric = cardWithoutModel("weather");
        ModelCard.SchemaSection schema = new ModelCard.SchemaSection(
                List.of(
                        new ModelCard.AttributeEntry("temperature", "numeric", List.of()),
                        new ModelCard.AttributeEntry("play", "nominal", List.of("yes", "no"))),
                "play",
                "nominal",
                "no");
        withNumeric = new ModelCard(
                withNumeric.schemaVersion(),
                withNumeric.modelName(),
                withNumeric.algorithm(),
                withNumeric.options(),
                withNumeric.effectiveOptions(),
                withNumeric.wekaVersion(),
                withNumeric.wekaReportedVersion(),
                withNumeric.javaVersion(),
                withNumeric.pluginVersion(),
                withNumeric.seed(),
                withNumeric.trainedAt(),
                withNumeric.trainingMillis(),
                withNumeric.trainedOn(),
                schema,
                withNumeric.data(),
                withNumeric.git(),
                null,
                null,
                withNumeric.inputsKey());

        // when
        ModelCard written = bundle.write(trainedJ48(), weather, withNumeric);
        ModelCard read = bundle.readCard();

        // then
        assertThat(read.schema().attributes().get(0).values()).isEmpty();
        assertThat(read).isEqualTo(written);
    }

    @Test
    void writingLeavesNoTemporaryFiles() throws Exception {
        // when
        bundle.write(trainedJ48(), weather, cardWithoutModel("weather"));

        // then
        try (Stream<Path> files = Files.list(bundle.directory())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("weather.model", "model-card.json");
        }
    }

    /** A classifier that cannot be serialized, so writing it fails halfway through the model file. */
    static final class Unserializable extends weka.classifiers.rules.ZeroR {
        private static final long serialVersionUID = 1L;
        final Object handle = new Object();
    }

    @Test
    void failedWriteKeepsThePreviousModelAndCardAndLeavesNoTemporaryFile() throws Exception {
        // given
        ModelCard previous = bundle.write(trainedJ48(), weather, cardWithoutModel("weather"));
        byte[] previousModel = Files.readAllBytes(bundle.modelFile());
        Unserializable broken = new Unserializable();
        broken.buildClassifier(weather);

        // when
        assertThatThrownBy(() -> bundle.write(broken, weather, cardWithoutModel("weather")))
                .isInstanceOf(java.io.NotSerializableException.class);

        // then
        assertThat(Files.readAllBytes(bundle.modelFile())).isEqualTo(previousModel);
        assertThat(bundle.readCard()).isEqualTo(previous);
        try (Stream<Path> files = Files.list(bundle.directory())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("weather.model", "model-card.json");
        }
    }

    @Test
    void verifiedModelIsReadBackAndPredictsTheSame() throws Exception {
        // given
        J48 model = trainedJ48();
        ModelCard card = bundle.write(model, weather, cardWithoutModel("weather"));

        // when
        Classifier read = bundle.readVerifiedModel(card, LOADER, NOTHING_ELSE);

        // then
        assertThat(read.classifyInstance(weather.instance(3))).isEqualTo(model.classifyInstance(weather.instance(3)));
    }

    @Test
    void alteredModelIsRefusedBeforeDeserialization() throws Exception {
        // given a model whose deserialization would be counted, with its last byte (in the header) changed
        DeserializationProbe probe = new DeserializationProbe();
        probe.buildClassifier(weather);
        ModelCard card = bundle.write(probe, weather, cardWithoutModel("weather"));
        flipLastByte(bundle.modelFile());
        int before = DeserializationProbe.DESERIALIZED.get();

        // when / then
        assertThatThrownBy(() -> bundle.readVerifiedModel(card, LOADER, c -> c == DeserializationProbe.class))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SHA-256")
                .hasMessageContaining(card.modelSha256())
                .hasMessageContaining("altered or truncated");
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before);
        assertThat(bundle.modelMatches(card)).isFalse();
    }

    @Test
    void probeCountsDeserializationsOfAnIntactModel() throws Exception {
        // given the control case of the test above: the same model, untouched
        DeserializationProbe probe = new DeserializationProbe();
        probe.buildClassifier(weather);
        ModelCard card = bundle.write(probe, weather, cardWithoutModel("weather"));
        int before = DeserializationProbe.DESERIALIZED.get();

        // when
        Classifier read = bundle.readVerifiedModel(card, LOADER, c -> c == DeserializationProbe.class);

        // then
        assertThat(read).isInstanceOf(DeserializationProbe.class);
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before + 1);
    }

    @Test
    void truncatedModelIsRefusedNamingSha256() throws Exception {
        // given
        ModelCard card = bundle.write(trainedJ48(), weather, cardWithoutModel("weather"));
        truncateToHalf(bundle.modelFile());

        // when / then
        assertThatThrownBy(() -> bundle.readVerifiedModel(card, LOADER, NOTHING_ELSE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SHA-256");
    }

    @Test
    void missingModelFileIsRefused() throws Exception {
        // given
        ModelCard card = bundle.write(trainedJ48(), weather, cardWithoutModel("weather"));
        Files.delete(bundle.modelFile());

        // when / then
        assertThatThrownBy(() -> bundle.readVerifiedModel(card, LOADER, NOTHING_ELSE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing")
                .hasMessageContaining("ml:train");
    }

    @Test
    void bundleWithoutCardHasNoModelYet() {
        // when / then
        assertThat(bundle.readCardIfPresent()).isEmpty();
        assertThatThrownBy(bundle::readCard)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("run ml:train first");
    }

    @Test
    void corruptCardIsAnErrorThatSaysToRetrain() throws Exception {
        // given
        Files.createDirectories(bundle.directory());
        Files.writeString(bundle.cardFile(), "{ not json");

        // when / then
        assertThatThrownBy(bundle::readCardIfPresent)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("model-card.json")
                .hasMessageContaining("ml:train");
    }

    @Test
    void outputFilesAreNamedAfterTheModel() {
        // then
        assertThat(bundle.modelFile().getFileName()).hasToString("weather.model");
        assertThat(bundle.junitFile().getFileName()).hasToString("TEST-ml-weather.xml");
        assertThat(bundle.validationFile().getFileName()).hasToString("validation.json");
        assertThat(bundle.summaryFile().getFileName()).hasToString("summary.md");
    }
}
