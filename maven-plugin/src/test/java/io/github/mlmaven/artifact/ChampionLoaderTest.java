package io.github.mlmaven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.DeserializationProbe;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.Jars;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.function.Predicate;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.trees.J48;
import weka.core.Instances;

/** Loading the production model from its promoted jar: verified against the card and the registry first. */
class ChampionLoaderTest {
    private static final ClassLoader LOADER = ChampionLoaderTest.class.getClassLoader();
    private static final Predicate<Class<?>> NOTHING_ELSE = c -> false;
    private static final Predicate<Class<?>> PROBE = c -> c == DeserializationProbe.class;
    private static final String FOLDER = "META-INF/ml-models/weather/";
    private static final String OTHER_SHA = "0".repeat(64);
    private static final ModelArtifactPackager.Coordinates COORDINATES =
            new ModelArtifactPackager.Coordinates("com.example", "weather", "1.3.0");

    @TempDir
    Path dir;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    /** The promoted jar of a validated bundle, as resolved from the release repository. */
    private Path promotedJar(ModelBundle bundle) {
        return ModelArtifactPackager.pack(bundle, bundle.readCard(), COORDINATES, dir.resolve("repository"))
                .jar();
    }

    private ChampionLoader.Loaded load(Path jar, String expectedSha, Predicate<Class<?>> alsoAllowed) {
        return ChampionLoader.load(jar, "weather", expectedSha, LOADER, alsoAllowed);
    }

    /** Another valid serialization stream, starting with the same probe: the bytes differ, the object does not. */
    private static byte[] otherProbeBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new DeserializationProbe());
            out.writeObject("tampered");
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void promotedJarLoadsWithItsCardAndPredictsAsTheTrainedModel() throws Exception {
        // given
        ModelBundle bundle = ValidatedBundles.weatherJ48(dir);
        ModelCard card = bundle.readCard();
        Path jar = promotedJar(bundle);

        // when
        ChampionLoader.Loaded loaded = load(jar, card.modelSha256(), NOTHING_ELSE);

        // then
        assertThat(loaded.card()).isEqualTo(card);
        assertThat(loaded.classifier()).isInstanceOf(J48.class);
        J48 trained = ValidatedBundles.trainedJ48();
        Instances rows = ValidatedBundles.weatherRows();
        for (int i = 0; i < rows.numInstances(); i++) {
            assertThat(loaded.classifier().distributionForInstance(rows.instance(i)))
                    .as("row %d", i)
                    .containsExactly(trained.distributionForInstance(rows.instance(i)));
        }
    }

    @Test
    void productionModelThatInflatesFarBeyondItsCardIsRefusedBeforeItIsReadWhole() throws IOException {
        // given the promoted jar with its model entry replaced by 1 GiB of zeros, about 1 MB deflated
        ModelBundle bundle = ValidatedBundles.weatherJ48(dir);
        ModelCard card = bundle.readCard();
        Path bomb = dir.resolve("bomb.jar");
        try (ZipFile in = new ZipFile(promotedJar(bundle).toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.setLevel(Deflater.BEST_SPEED);
            for (ZipEntry entry : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(FOLDER + "weather.model")) {
                    byte[] zeros = new byte[1 << 20];
                    for (int i = 0; i < 1024; i++) {
                        out.write(zeros);
                    }
                } else {
                    in.getInputStream(entry).transferTo(out);
                }
                out.closeEntry();
            }
        }
        long start = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> load(bomb, card.modelSha256(), NOTHING_ELSE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bomb.jar!/" + FOLDER + "weather.model has " + (1L << 30)
                        + " bytes but model-card.json records modelSizeBytes " + card.modelSizeBytes())
                .hasMessageContaining("refused before it was read whole");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void withoutAnExpectedShaOnlyTheCardIsChecked() {
        // given
        Path jar = promotedJar(ValidatedBundles.weatherJ48(dir));

        // when
        ChampionLoader.Loaded loaded = load(jar, null, NOTHING_ELSE);

        // then
        assertThat(loaded.classifier()).isInstanceOf(J48.class);
    }

    @Test
    void untamperedProbeIsDeserializedSoTheRefusalsBelowProveSomething() {
        // given
        Path jar = promotedJar(ValidatedBundles.weather(dir, new DeserializationProbe()));
        int before = DeserializationProbe.DESERIALIZED.get();

        // when
        ChampionLoader.Loaded loaded = load(jar, null, PROBE);

        // then
        assertThat(loaded.classifier()).isInstanceOf(DeserializationProbe.class);
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before + 1);
    }

    @Test
    void modelAlteredInTheJarIsRefusedBeforeItIsDeserialized() {
        // given the model entry replaced by other bytes, the card in the jar left as it was
        ModelBundle bundle = ValidatedBundles.weather(dir, new DeserializationProbe());
        String recorded = bundle.readCard().modelSha256();
        byte[] tampered = otherProbeBytes();
        Path jar = Jars.withEntryReplaced(
                promotedJar(bundle), dir.resolve("tampered.jar"), FOLDER + "weather.model", old -> tampered);
        int before = DeserializationProbe.DESERIALIZED.get();

        // when / then
        assertThatThrownBy(() -> load(jar, recorded, PROBE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(Sha256.hex(Sha256.newDigest().digest(tampered)))
                .hasMessageContaining("model-card.json records "
                        + bundle.readCard().modelSizeBytes() + " bytes and SHA-256 " + recorded)
                .hasMessageContaining("altered")
                .hasMessageContaining("not loaded");
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before);
    }

    @Test
    void modelAlteredTogetherWithItsCardIsCaughtByTheRegistrysSha() throws IOException {
        // given a jar rebuilt with another model and a card claiming that model's hash
        ModelBundle original = ValidatedBundles.weather(dir.resolve("original"), new DeserializationProbe());
        String registrySha = original.readCard().modelSha256();
        ModelBundle other = ValidatedBundles.weather(dir.resolve("other"), new DeserializationProbe());
        Files.write(other.modelFile(), otherProbeBytes());
        ModelCard forged = other.readCard().withModel("weather.model", Sha256.ofFile(other.modelFile()));
        other.writeJson(other.cardFile(), forged);
        Path jar = promotedJar(other);
        int before = DeserializationProbe.DESERIALIZED.get();

        // when / then
        assertThatThrownBy(() -> load(jar, registrySha, PROBE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the registry " + registrySha)
                .hasMessageContaining(forged.modelSha256())
                .hasMessageContaining("not loaded");
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before);
    }

    @Test
    void jarWhoseModelDiffersFromTheRegistrysRecordIsRefused() {
        // given an intact jar, but the registry recorded another model for this version
        Path jar = promotedJar(ValidatedBundles.weather(dir, new DeserializationProbe()));
        int before = DeserializationProbe.DESERIALIZED.get();

        // when / then
        assertThatThrownBy(() -> load(jar, OTHER_SHA, PROBE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the registry " + OTHER_SHA);
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before);
    }

    @Test
    void jarOfAnotherModelHasNoCardForThisOne() {
        // given
        Path jar = promotedJar(ValidatedBundles.weatherJ48(dir));

        // when / then
        assertThatThrownBy(() -> ChampionLoader.load(jar, "credit", null, LOADER, NOTHING_ELSE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds no META-INF/ml-models/credit/model-card.json")
                .hasMessageContaining("not a model artifact of credit");
    }

    @Test
    void jarWithoutTheCardIsRefused() {
        // given
        Path jar = Jars.withoutEntry(
                promotedJar(ValidatedBundles.weatherJ48(dir)), dir.resolve("no-card.jar"), FOLDER + "model-card.json");

        // when / then
        assertThatThrownBy(() -> load(jar, null, NOTHING_ELSE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds no " + FOLDER + "model-card.json");
    }

    @Test
    void jarWithoutTheModelIsRefused() {
        // given
        Path jar = Jars.withoutEntry(
                promotedJar(ValidatedBundles.weatherJ48(dir)), dir.resolve("no-model.jar"), FOLDER + "weather.model");

        // when / then
        assertThatThrownBy(() -> load(jar, null, NOTHING_ELSE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds no " + FOLDER + "weather.model");
    }

    @Test
    void fileThatIsNoJarIsAnInputError() throws IOException {
        // given
        Path jar = Files.writeString(dir.resolve("weather-1.3.0.jar"), "<html>404 Not Found</html>");

        // when / then
        assertThatThrownBy(() -> load(jar, null, NOTHING_ELSE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot read the production model from " + jar);
    }

    @Test
    void missingJarIsAnInputError() {
        // when / then
        assertThatThrownBy(() -> load(dir.resolve("absent.jar"), null, NOTHING_ELSE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot read the production model");
    }

    @Test
    void classOutsideTheAllowListIsRefusedEvenWithMatchingHashes() {
        // given an intact jar whose model is a class the caller does not allow
        ModelBundle bundle = ValidatedBundles.weather(dir, new DeserializationProbe());
        Path jar = promotedJar(bundle);
        int before = DeserializationProbe.DESERIALIZED.get();

        // when / then
        assertThatThrownBy(() -> load(jar, bundle.readCard().modelSha256(), NOTHING_ELSE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(DeserializationProbe.class.getName());
        assertThat(DeserializationProbe.DESERIALIZED.get()).isEqualTo(before);
    }
}
