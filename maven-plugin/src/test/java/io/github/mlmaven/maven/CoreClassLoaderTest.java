package io.github.mlmaven.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.mlmaven.api.CoreGoals;
import io.github.mlmaven.api.Outcome;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

class CoreClassLoaderTest {
    private static final String JGIT_TEXT = "org/eclipse/jgit/internal/JGitText.properties";

    private static URL jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void theSignedJgitJarIsReadUnverifiedButOtherwiseAsUrlClassLoaderReadsIt() throws Exception {
        URL jgit = jarOf(Repository.class);
        try (JarFile jar = new JarFile(jgit.getPath())) {
            assertTrue(jar.stream().anyMatch(e -> e.getName().endsWith(".SF")), "this test needs JGit's signed jar");
        }
        try (CoreClassLoader loader =
                new CoreClassLoader(new URL[] {jgit}, getClass().getClassLoader())) {
            Class<?> type = loader.loadClass(Repository.class.getName());

            assertSame(loader, type.getClassLoader());
            assertEquals(jgit, jarOf(type));
            assertNull(type.getSigners());
            // the package is defined from the jar's manifest, as URLClassLoader defines it
            assertEquals(
                    Repository.class.getPackage().getImplementationVersion(),
                    type.getPackage().getImplementationVersion());
            assertNotNull(type.getPackage().getImplementationVersion());
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.eclipse.jgit.lib.NoSuchClass"));

            URL resource = loader.getResource(JGIT_TEXT);
            assertEquals("jar:" + jgit + "!/" + JGIT_TEXT, resource.toString());
            assertFalse(resource.openConnection() instanceof JarURLConnection);
            assertEquals(1, Collections.list(loader.getResources(JGIT_TEXT)).size());
            try (InputStream unverified = loader.getResourceAsStream(JGIT_TEXT);
                    InputStream expected = Repository.class.getClassLoader().getResourceAsStream(JGIT_TEXT)) {
                assertArrayEquals(expected.readAllBytes(), unverified.readAllBytes());
            }
            // as JGit reads its messages
            ResourceBundle bundle = ResourceBundle.getBundle("org.eclipse.jgit.internal.JGitText", Locale.ROOT, loader);
            assertFalse(bundle.keySet().isEmpty());
        }
    }

    @Test
    void aManifestWhoseOtherSectionsNameNoDirectoryIsReadAsItsMainSection() throws Exception {
        for (String lineBreak : List.of("\r\n", "\n", "\r")) {
            String text = String.join(
                    lineBreak,
                    "Manifest-Version: 1.0",
                    "Implementation-Version: 1.2",
                    "Implementation-Vendor-URL: https://example.org/",
                    "Specification-Title: a title that a manifest writer wraps after seventy-two bytes, like th",
                    " is",
                    "",
                    "Name: a/b/C.class",
                    "SHA-256-Digest: x",
                    "",
                    "Name: a/b/D.class",
                    "SHA-256-Digest: y",
                    "");
            byte[] main = CoreClassLoader.mainSectionIfAlone(text.getBytes(StandardCharsets.UTF_8))
                    .orElseThrow();

            Manifest full = new Manifest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            Manifest reduced = new Manifest(new ByteArrayInputStream(main));
            assertEquals(full.getMainAttributes(), reduced.getMainAttributes());
            assertTrue(reduced.getEntries().isEmpty());
        }
    }

    @Test
    void aManifestThatMayNameADirectoryIsReadWhole() {
        String main = "Manifest-Version: 1.0\r\nImplementation-Version: 1.2\r\n\r\n";
        for (String rest : List.of(
                "Name: a/b/\r\nSealed: true\r\n",
                "Name: a/very/long/package/name/that/a/manifest/writer/wraps/after/seventy-two/by\r\n tes/\r\n",
                "Name: a/b/C.class\r\nX-Location: https://example.org/\r\n",
                "Name: a/b/C.class\r\nSHA-256-Digest: x")) { // no final line break: refused by the whole parse
            assertTrue(
                    CoreClassLoader.mainSectionIfAlone((main + rest).getBytes(StandardCharsets.UTF_8))
                            .isEmpty(),
                    rest);
        }
    }

    @Test
    void jgitsManifestIsReadAsItsMainSection() throws Exception {
        try (JarFile jar = new JarFile(jarOf(Repository.class).getPath(), false)) {
            byte[] raw;
            try (InputStream in = jar.getInputStream(jar.getJarEntry(JarFile.MANIFEST_NAME))) {
                raw = in.readAllBytes();
            }
            Manifest full = new Manifest(new ByteArrayInputStream(raw));
            byte[] main = CoreClassLoader.mainSectionIfAlone(raw).orElseThrow();

            assertEquals(full.getMainAttributes(), new Manifest(new ByteArrayInputStream(main)).getMainAttributes());
            assertTrue(full.getEntries().size() > 1000, "JGit's manifest holds a section per file");
            assertTrue(full.getEntries().keySet().stream().noneMatch(name -> name.endsWith("/")));
        }
    }

    @Test
    void anUnsignedJarIsReadByUrlClassLoader() throws Exception {
        URL jackson = jarOf(JsonProperty.class);
        try (CoreClassLoader loader =
                new CoreClassLoader(new URL[] {jackson}, getClass().getClassLoader())) {
            Class<?> type = loader.loadClass(JsonProperty.class.getName());

            assertSame(loader, type.getClassLoader());
            assertEquals(jackson, jarOf(type));
            URL resource = loader.getResource("META-INF/MANIFEST.MF");
            assertInstanceOf(JarURLConnection.class, resource.openConnection());
        }
    }

    @Test
    void theBoundaryIsSharedWithThePluginAndTheRestOfThePluginIsNot() throws Exception {
        // given the plugin's own classes on the core's path, as IsolatedCore puts them there
        URL plugin = jarOf(CoreGoals.class);
        try (CoreClassLoader loader =
                new CoreClassLoader(new URL[] {plugin}, getClass().getClassLoader())) {
            // then the parameters, outcomes and interfaces are the plugin's very classes, so a record passes as is
            assertSame(CoreGoals.class, loader.loadClass(CoreGoals.class.getName()));
            assertSame(Outcome.class, loader.loadClass(Outcome.class.getName()));
            // and the core's own classes are the loader's, isolated from the plugin's
            Class<?> goals = loader.loadClass(CoreGoals.IMPLEMENTATION);
            assertSame(loader, goals.getClassLoader());
            assertTrue(CoreGoals.class.isAssignableFrom(goals));
            assertInstanceOf(CoreGoals.class, goals.getConstructor().newInstance());
        }
    }
}
