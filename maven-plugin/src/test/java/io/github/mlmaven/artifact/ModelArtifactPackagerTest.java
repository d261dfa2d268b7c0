package io.github.mlmaven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.monitoring.drift.DataProfile;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.ModelSchema;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.testing.Jars;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The Maven artifact of a promoted model: a reproducible jar of the bundle, and a POM pinning Weka. */
class ModelArtifactPackagerTest {
    private static final String FOLDER = "META-INF/ml-models/weather/";
    private static final ModelArtifactPackager.Coordinates COORDINATES =
            new ModelArtifactPackager.Coordinates("com.example", "weather-model", "1.3.0");

    @TempDir
    Path dir;

    private ModelBundle bundle;
    private ModelCard card;

    @BeforeAll
    static void keepWekaInsideTheBuild() {
        WekaEnvironment.prepare();
    }

    @BeforeEach
    void validatedWeatherBundle() {
        bundle = ValidatedBundles.weatherJ48(dir);
        card = bundle.readCard();
    }

    private ModelArtifactPackager.Packaged pack(String outputFolder) {
        return ModelArtifactPackager.pack(bundle, card, COORDINATES, dir.resolve(outputFolder));
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String xpath(Document doc, String expression) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, doc);
    }

    // ------------------------------------------------------------------ the jar

    @Test
    void jarAndPomAreNamedAfterTheArtifactAndVersion() {
        // when
        ModelArtifactPackager.Packaged packaged = pack("promotion");

        // then
        assertThat(packaged.jar()).isRegularFile().hasFileName("weather-model-1.3.0.jar");
        assertThat(packaged.pom()).isRegularFile().hasFileName("weather-model-1.3.0.pom");
        assertThat(packaged.jar().getParent()).isEqualTo(dir.resolve("promotion"));
    }

    @Test
    void jarHoldsTheBundleUnderTheFixedModelFolder() {
        // when
        Path jar = pack("promotion").jar();

        // then
        assertThat(Jars.entries(jar).keySet())
                .containsExactly(
                        "META-INF/",
                        "META-INF/MANIFEST.MF",
                        "META-INF/ml-models/",
                        FOLDER,
                        FOLDER + "weather.model",
                        FOLDER + "model-card.json",
                        FOLDER + "validation.json",
                        FOLDER + "schema.json");
    }

    @Test
    void aDataProfileBesideTheModelIsPackedNextToTheCardByteForByte() throws IOException {
        // given
        Path profile = bundle.directory().resolve(DataProfile.FILE);
        Files.writeString(profile, "{\"schemaVersion\" : 1}");

        // when
        Path jar = pack("promotion").jar();

        // then
        assertThat(ModelArtifactPackager.PROFILE_FILE).isEqualTo(DataProfile.FILE);
        assertThat(new ArrayList<>(Jars.entries(jar).keySet()))
                .containsSubsequence(
                        FOLDER + "model-card.json", FOLDER + "data-profile.json", FOLDER + "validation.json");
        assertThat(Jars.entry(jar, FOLDER + "data-profile.json")).isEqualTo(Files.readAllBytes(profile));
        assertThat(Jars.entry(jar, FOLDER + "model-card.json")).isEqualTo(Files.readAllBytes(bundle.cardFile()));
    }

    @Test
    void modelCardAndValidationInTheJarAreTheBundlesFilesByteForByte() throws IOException {
        // when
        Path jar = pack("promotion").jar();

        // then
        assertThat(Jars.entry(jar, FOLDER + "weather.model")).isEqualTo(Files.readAllBytes(bundle.modelFile()));
        assertThat(Jars.entry(jar, FOLDER + "model-card.json")).isEqualTo(Files.readAllBytes(bundle.cardFile()));
        assertThat(Jars.entry(jar, FOLDER + "validation.json")).isEqualTo(Files.readAllBytes(bundle.validationFile()));
    }

    @Test
    void schemaJsonIsTheCardsSchemaWithTheModelName() throws IOException {
        // when
        Path jar = pack("promotion").jar();

        // then
        ModelSchema schema = Json.MAPPER.readValue(Jars.entry(jar, FOLDER + "schema.json"), ModelSchema.class);
        assertThat(schema).isEqualTo(ModelSchema.of(card));
        assertThat(schema.modelName()).isEqualTo("weather");
        assertThat(schema.classAttribute()).isEqualTo("play");
    }

    @Test
    void everyEntryIsDatedAtTheTrainingTime() throws IOException {
        // when
        Path jar = pack("promotion").jar();

        // then
        Instant trainedAt = Instant.parse(card.trainedAt());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                assertThat(entry.getLastModifiedTime().toInstant())
                        .as(entry.getName())
                        .isEqualTo(trainedAt);
            }
        }
    }

    @Test
    void sameBundlePackagedTwiceGivesTheSameBytes() throws IOException {
        // given a first package, then the bundle's files touched as a later build would
        Path first = pack("first").jar();
        FileTime later = FileTime.from(Instant.parse("2030-01-01T00:00:00Z"));
        for (Path file : List.of(bundle.modelFile(), bundle.cardFile(), bundle.validationFile())) {
            Files.setLastModifiedTime(file, later);
        }

        // when
        ModelArtifactPackager.Packaged second = pack("second");

        // then
        assertThat(Sha256.ofFile(second.jar())).isEqualTo(Sha256.ofFile(first));
        assertThat(Files.readString(second.pom()))
                .isEqualTo(Files.readString(dir.resolve("first/weather-model-1.3.0.pom")));
    }

    @Test
    void sameBundleGivesTheSameBytesWhateverTheBuildsTimeZone() throws IOException {
        // given
        TimeZone original = TimeZone.getDefault();
        String inUtc;
        String inNewYork;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            inUtc = Sha256.ofFile(pack("utc").jar());

            // when
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            inNewYork = Sha256.ofFile(pack("new-york").jar());
        } finally {
            TimeZone.setDefault(original);
        }

        // then the jars have the same SHA-256
        assertThat(inNewYork).isEqualTo(inUtc);
    }

    @Test
    void manifestNamesTheModelItsHashAndCoordinatesAndIsFoundByJarInputStream() throws IOException {
        // when
        Path jar = pack("promotion").jar();

        // then the manifest comes right after META-INF/, where JarInputStream looks for it
        Manifest manifest;
        try (InputStream in = Files.newInputStream(jar);
                JarInputStream jarIn = new JarInputStream(in)) {
            manifest = jarIn.getManifest();
        }
        assertThat(manifest).isNotNull();
        Attributes main = manifest.getMainAttributes();
        assertThat(main.getValue(Attributes.Name.MANIFEST_VERSION)).isEqualTo("1.0");
        assertThat(main.getValue("Created-By")).isEqualTo("ml-maven-plugin test");
        assertThat(main.getValue("ML-Model-Name")).isEqualTo("weather");
        assertThat(main.getValue("ML-Model-Sha256")).isEqualTo(card.modelSha256());
        assertThat(main.getValue("ML-Model-Coordinates")).isEqualTo("com.example:weather-model:1.3.0");
    }

    @Test
    void modelThatNoLongerMatchesTheCardIsRefused() throws IOException {
        // given the model file replaced after the card was written
        byte[] model = Files.readAllBytes(bundle.modelFile());
        model[model.length - 1] ^= 0x01;
        Files.write(bundle.modelFile(), model);

        // when / then
        assertThatThrownBy(() -> pack("promotion"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(card.modelSha256())
                .hasMessageContaining("run ml:train and ml:validate again");
    }

    // ------------------------------------------------------------------ the POM

    @Test
    void pomHasTheCoordinatesAndJarPackaging() throws Exception {
        // when
        Document pom = xml(pack("promotion").pom());

        // then
        assertThat(xpath(pom, "/project/modelVersion")).isEqualTo("4.0.0");
        assertThat(xpath(pom, "/project/groupId")).isEqualTo("com.example");
        assertThat(xpath(pom, "/project/artifactId")).isEqualTo("weather-model");
        assertThat(xpath(pom, "/project/version")).isEqualTo("1.3.0");
        assertThat(xpath(pom, "/project/packaging")).isEqualTo("jar");
        assertThat(xpath(pom, "/project/description")).contains(card.modelSha256());
    }

    @Test
    void pomDependsOnWekaAtTheVersionTheModelWasTrainedWithExcludingNetlib() throws Exception {
        // when
        Document pom = xml(pack("promotion").pom());

        // then
        assertThat(xpath(pom, "count(/project/dependencies/dependency)")).isEqualTo("1");
        assertThat(xpath(pom, "/project/dependencies/dependency/groupId")).isEqualTo("nz.ac.waikato.cms.weka");
        assertThat(xpath(pom, "/project/dependencies/dependency/artifactId")).isEqualTo("weka-stable");
        assertThat(xpath(pom, "/project/dependencies/dependency/version")).isEqualTo(card.wekaVersion());
        assertThat(xpath(pom, "/project/dependencies/dependency/exclusions/exclusion/groupId"))
                .isEqualTo("com.github.fommil.netlib");
        assertThat(xpath(pom, "/project/dependencies/dependency/exclusions/exclusion/artifactId"))
                .isEqualTo("all");
    }

    @Test
    void pomEscapesMarkupInTheCardsTexts() throws Exception {
        // given a meta classifier whose options hold quotes, angle brackets and an ampersand
        String algorithm = "weka.classifiers.meta.FilteredClassifier";
        String options = "-F \"weka.filters.unsupervised.attribute.Remove -R 1\" -W <J48> & 'x'";
        bundle = ValidatedBundles.weatherJ48Described(dir.resolve("described"), algorithm, options);
        card = bundle.readCard();

        // when
        Path pom = pack("promotion").pom();

        // then it is well-formed XML and the description reads back as the original text
        Document doc = xml(pom);
        assertThat(xpath(doc, "/project/description")).contains(algorithm + " " + options);
        assertThat(Files.readString(pom)).contains("&lt;J48&gt; &amp; ").contains("&quot;weka.filters");
    }

    @Test
    void pomIsWellFormedWhenCardTextsAreMissing() throws Exception {
        // given a card without effective options
        bundle = ValidatedBundles.weatherJ48Described(dir.resolve("bare"), "weka.classifiers.trees.J48", null);
        card = bundle.readCard();

        // when
        Document doc = xml(pack("promotion").pom());

        // then
        assertThat(xpath(doc, "/project/description")).doesNotContain("null");
    }

    @Test
    void packagedJarIsAValidZipReadableEntryByEntry() throws IOException {
        // when
        Path jar = pack("promotion").jar();

        // then
        List<String> names = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(Files.readAllBytes(jar)))) {
            for (var entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).contains(FOLDER + "weather.model", FOLDER + "model-card.json");
    }
}
