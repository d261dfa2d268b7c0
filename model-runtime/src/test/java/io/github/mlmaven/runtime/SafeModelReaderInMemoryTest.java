package io.github.mlmaven.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Classifier;
import weka.classifiers.trees.J48;
import weka.core.Instances;

/** Models that are not files (class path resources, bytes) are read through the same allow-list, verified first. */
class SafeModelReaderInMemoryTest {
    private static final ClassLoader LOADER = SafeModelReaderInMemoryTest.class.getClassLoader();
    private static final Predicate<Class<?>> NOTHING_ELSE = type -> false;

    @TempDir
    Path dir;

    private static TrainedBundle weather;

    @BeforeAll
    static void train() throws Exception {
        weather = TrainedBundle.train("weather", new J48(), Datasets.weatherNominal());
    }

    private static byte[] serialized(Object... objects) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            for (Object o : objects) {
                out.writeObject(o);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void bytesAndStreamsReadTheSameClassifierAsTheFile() throws Exception {
        // given
        Path file = dir.resolve("weather.model");
        Files.write(file, weather.modelBytes);
        Instances data = Datasets.weatherNominal();

        // when
        Classifier fromFile = SafeModelReader.read(file, LOADER, NOTHING_ELSE);
        Classifier fromBytes = SafeModelReader.read(weather.modelBytes, "bytes", LOADER, NOTHING_ELSE);
        Classifier fromStream =
                SafeModelReader.read(new ByteArrayInputStream(weather.modelBytes), "stream", LOADER, NOTHING_ELSE);

        // then
        for (int i = 0; i < data.numInstances(); i++) {
            double[] expected = weather.classifier.distributionForInstance(data.instance(i));
            assertThat(fromFile.distributionForInstance(data.instance(i))).containsExactly(expected);
            assertThat(fromBytes.distributionForInstance(data.instance(i))).containsExactly(expected);
            assertThat(fromStream.distributionForInstance(data.instance(i))).containsExactly(expected);
        }
    }

    @Test
    void streamOfADisallowedClassIsRefusedNamingTheSourceAndTheClass() throws Exception {
        // given
        byte[] crafted = serialized(new URL("http://example.org/"));

        // when / then
        assertThatThrownBy(() -> SafeModelReader.read(
                        new ByteArrayInputStream(crafted), "resource x.model", LOADER, NOTHING_ELSE))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("refused to load resource x.model")
                .hasMessageContaining("java.net.URL")
                .hasMessageContaining("not allowed");
    }

    @Test
    void verifiedReadRefusesOtherBytesBeforeDeserializingNamingBothHashes() throws Exception {
        // given a probe model, and the SHA-256 of another model
        byte[] probe = serialized(new DeserializationProbe());
        String recorded = weather.card.modelSha256();
        int before = DeserializationProbe.DESERIALIZED.get();

        // when / then
        assertThatThrownBy(() -> SafeModelReader.readVerified(
                        probe, recorded, "resource probe.model", LOADER, type -> type == DeserializationProbe.class))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("resource probe.model has SHA-256 "
                        + Sha256.hex(Sha256.newDigest().digest(probe)))
                .hasMessageContaining("records " + recorded);
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before);
    }

    @Test
    void verifiedReadOfAFileReadsTheBytesItChecked() throws Exception {
        // given
        Path file = dir.resolve("weather.model");
        Files.write(file, weather.modelBytes);

        // when
        Classifier read = SafeModelReader.readVerified(file, weather.card.modelSha256(), LOADER, NOTHING_ELSE);

        // then
        assertThat(read).isInstanceOf(J48.class);
    }

    @Test
    void verifiedReadRefusesACardWithoutHash() {
        // when / then
        assertThatThrownBy(() -> SafeModelReader.verifySha256(weather.modelBytes, null, "weather.model"))
                .isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("records no modelSha256 for weather.model");
    }

    @Test
    void headerAfterTheClassifierIsReadWithIt() throws Exception {
        // when
        SafeModelReader.Contents contents =
                SafeModelReader.readWithHeader(weather.modelBytes, "weather.model", LOADER, NOTHING_ELSE);

        // then
        assertThat(contents.classifier()).isInstanceOf(J48.class);
        assertThat(contents.header().equalHeaders(Datasets.weatherNominal())).isTrue();
        assertThat(contents.header().numInstances()).isZero();
    }

    @Test
    void modelSavedWithoutHeaderHasNone() throws Exception {
        // given
        byte[] classifierOnly = serialized(weather.classifier);

        // when / then
        assertThat(SafeModelReader.readWithHeader(classifierOnly, "x", LOADER, NOTHING_ELSE)
                        .header())
                .isNull();
    }
}
