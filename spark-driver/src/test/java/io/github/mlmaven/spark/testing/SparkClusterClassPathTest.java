package io.github.mlmaven.spark.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How SparkCluster finds the jars its JVMs start from and lays out their SPARK_HOME, with no cluster started. */
class SparkClusterClassPathTest {

    @TempDir
    Path folder;

    @Test
    void aManifestOnlyJarIsExpandedIntoTheEntriesItsClassPathNames() throws IOException {
        Path library =
                Files.createDirectories(folder.resolve("repo with space")).resolve("lib-1.0.jar");
        Files.write(library, new byte[0]);
        Path classes = Files.createDirectories(folder.resolve("target/test-classes"));
        Path booter = manifestOnlyJar(
                folder.resolve("surefirebooter1.jar"), library.toUri() + " " + classes.toUri() + " relative.jar");

        assertThat(SparkCluster.manifestClassPath(booter))
                .containsExactly(library, classes, folder.resolve("relative.jar"));
    }

    @Test
    void aJarWithoutClassPathInItsManifestNamesNothing() throws IOException {
        Path plain = manifestOnlyJar(folder.resolve("plain.jar"), null);

        assertThat(SparkCluster.manifestClassPath(plain)).isEmpty();
    }

    @Test
    void theTestJvmsClassPathHoldsSparkAndTheTestClasses() {
        // whatever surefire's useManifestOnlyJar says, the real entries come out
        assertThat(SparkCluster.classPathJars())
                .anySatisfy(jar -> assertThat(jar.getFileName().toString()).startsWith("spark-core_2.13-"))
                .allSatisfy(jar -> assertThat(jar).isRegularFile());
        assertThat(SparkCluster.classPath())
                .anySatisfy(entry ->
                        assertThat(entry.endsWith(Path.of("test-classes"))).isTrue());
    }

    @Test
    void sparkHomeLinksEveryJarButTheExcludedOnesAndKeepsSameNamedJarsApart() throws IOException {
        Path spark = jar(folder.resolve("a/spark-core_2.13-4.2.0.jar"));
        Path weka = jar(folder.resolve("b/weka-stable-3.8.7.jar"));
        Path utilsA = jar(folder.resolve("c/utils-1.0.jar"));
        Path utilsB = jar(folder.resolve("d/utils-1.0.jar"));
        SparkCluster cluster = new SparkCluster(
                folder.resolve("cluster"), "1g", 1, List.of(spark, weka, utilsA, utilsB), Pattern.compile("weka-.*"));

        Path jars = cluster.prepareSparkHome().resolve("jars");

        try (Stream<Path> links = Files.list(jars)) {
            assertThat(links.map(Files::isSymbolicLink)).containsOnly(true);
        }
        assertThat(Files.readSymbolicLink(jars.resolve("spark-core_2.13-4.2.0.jar")))
                .isEqualTo(spark);
        assertThat(jars.resolve("weka-stable-3.8.7.jar")).doesNotExist();
        try (Stream<Path> links = Files.list(jars)) {
            assertThat(links.map(link -> {
                        try {
                            return Files.readSymbolicLink(link);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }))
                    .containsExactlyInAnyOrder(spark, utilsA, utilsB);
        }
    }

    private static Path jar(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.write(path, new byte[0]);
    }

    private static Path manifestOnlyJar(Path jar, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
        return jar;
    }
}
