package io.github.mlmaven.artifact;

import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.BundleLayout;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelBytes;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.ModelIntegrityException;
import io.github.mlmaven.runtime.ModelSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Turns a validated model bundle into the Maven artifact that promotion deploys: a jar with the model, its card (and
 * the training data's profile when ml:train wrote one), its validation and its schema under {@code META-INF/ml-models/<modelName>/} (the layout the runtime library reads), and a
 * POM that depends on the exact Weka release the model was trained with. The jar is reproducible: the same bundle
 * gives the same bytes, because entries are written in a fixed order with the training time as their timestamp.
 */
public final class ModelArtifactPackager {

    /** The training-data profile ml:train writes beside the model (monitoring.drift's DataProfile.FILE). */
    static final String PROFILE_FILE = "data-profile.json";

    private ModelArtifactPackager() {}

    /** Maven coordinates of a promoted model. */
    public record Coordinates(String groupId, String artifactId, String version) {
        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    /** The files to deploy. */
    public record Packaged(Path jar, Path pom) {}

    public static Packaged pack(ModelBundle bundle, ModelCard card, Coordinates coordinates, Path outputDirectory) {
        try {
            // the bytes packed are the bytes checked against the card, so the file cannot change in between
            byte[] model;
            try {
                model = ModelBytes.readModel(bundle.modelFile(), card);
            } catch (ModelIntegrityException e) {
                throw new InvalidInputException(
                        "the model file is not the one validated: " + e.getMessage()
                                + "; run ml:train and ml:validate again",
                        e);
            }
            Files.createDirectories(outputDirectory);
            String base = coordinates.artifactId() + "-" + coordinates.version();
            Path jar = outputDirectory.resolve(base + ".jar");
            Path pom = outputDirectory.resolve(base + ".pom");
            FileTime time = FileTime.from(Instant.parse(card.trainedAt()));
            String folder = BundleLayout.directory(card.modelName());
            AtomicFiles.write(jar, out -> {
                Manifest manifest = new Manifest();
                Attributes main = manifest.getMainAttributes();
                main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
                main.putValue("Created-By", "ml-maven-plugin " + card.pluginVersion());
                main.putValue("ML-Model-Name", card.modelName());
                main.putValue("ML-Model-Sha256", card.modelSha256());
                main.putValue("ML-Model-Coordinates", coordinates.toString());
                try (JarOutputStream jarOut = new JarOutputStream(out)) {
                    entry(jarOut, "META-INF/", null, time);
                    entry(jarOut, "META-INF/MANIFEST.MF", manifestBytes(manifest), time);
                    entry(jarOut, BundleLayout.ROOT, null, time);
                    entry(jarOut, folder, null, time);
                    entry(jarOut, folder + card.modelFile(), model, time);
                    entry(jarOut, folder + ModelBundle.CARD_FILE, Files.readAllBytes(bundle.cardFile()), time);
                    // the training data's profile for ml:monitor; a model trained on streamed rows has none
                    Path profile = bundle.directory().resolve(PROFILE_FILE);
                    if (Files.isRegularFile(profile)) {
                        entry(jarOut, folder + PROFILE_FILE, Files.readAllBytes(profile), time);
                    }
                    entry(
                            jarOut,
                            folder + ModelBundle.VALIDATION_FILE,
                            Files.readAllBytes(bundle.validationFile()),
                            time);
                    entry(
                            jarOut,
                            folder + BundleLayout.SCHEMA_FILE,
                            Json.MAPPER.writeValueAsBytes(ModelSchema.of(card)),
                            time);
                }
            });
            AtomicFiles.writeString(pom, pomXml(card, coordinates));
            return new Packaged(jar, pom);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot package the model into " + outputDirectory + ": " + e.getMessage(), e);
        }
    }

    private static void entry(JarOutputStream jar, String name, byte[] content, FileTime time) throws IOException {
        JarEntry entry = new JarEntry(name);
        // DOS date-time fields, written as UTC so the bytes do not depend on the build machine's time zone
        entry.setTimeLocal(java.time.LocalDateTime.ofInstant(time.toInstant(), java.time.ZoneOffset.UTC));
        jar.putNextEntry(entry);
        if (content != null) {
            jar.write(content);
        }
        jar.closeEntry();
    }

    private static byte[] manifestBytes(Manifest manifest) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        manifest.write(out);
        return out.toByteArray();
    }

    static String pomXml(ModelCard card, Coordinates c) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <packaging>jar</packaging>
                  <name>Model %s</name>
                  <description>%s %s trained with Weka %s; model SHA-256 %s. Load it with io.github.mlmaven:ml-model-runtime.</description>
                  <dependencies>
                    <!-- the exact Weka release the model was trained with, so that it deserializes and predicts the same -->
                    <dependency>
                      <groupId>nz.ac.waikato.cms.weka</groupId>
                      <artifactId>weka-stable</artifactId>
                      <version>%s</version>
                      <exclusions>
                        <exclusion>
                          <groupId>com.github.fommil.netlib</groupId>
                          <artifactId>all</artifactId>
                        </exclusion>
                      </exclusions>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(
                        xml(c.groupId()),
                        xml(c.artifactId()),
                        xml(c.version()),
                        xml(card.modelName()),
                        xml(card.algorithm()),
                        xml(card.effectiveOptions()),
                        xml(card.wekaVersion()),
                        xml(card.modelSha256()),
                        xml(card.wekaVersion()));
    }

    private static String xml(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
