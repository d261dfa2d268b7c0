package io.github.mlmaven.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps Weka inside the build. Weka's package manager starts with the first classifier (through Capabilities): it
 * creates {@code ~/wekafiles}, may contact its package repository and loads packages from there. In CI there is no
 * network and homes may be read-only, and the plugin takes classifiers from the Maven classpath instead. So, unless the
 * user set them: packages are neither loaded nor fetched, WEKA_HOME is a private temporary folder, and the matrix
 * library uses its pure-Java BLAS, LAPACK and ARPACK (the same figures on every machine; the plugin does not ship the
 * platform-native builds).
 */
public final class WekaEnvironment {
    private static volatile boolean prepared;

    private WekaEnvironment() {}

    public static synchronized void prepare() {
        if (prepared) {
            return;
        }
        setIfAbsent("weka.packageManager.offline", "true");
        setIfAbsent("weka.packageManager.loadPackages", "false");
        setIfAbsent("java.awt.headless", "true");
        setIfAbsent("com.github.fommil.netlib.BLAS", "com.github.fommil.netlib.F2jBLAS");
        setIfAbsent("com.github.fommil.netlib.LAPACK", "com.github.fommil.netlib.F2jLAPACK");
        setIfAbsent("com.github.fommil.netlib.ARPACK", "com.github.fommil.netlib.F2jARPACK");
        if (System.getenv("WEKA_HOME") == null && System.getProperty("WEKA_HOME") == null) {
            try {
                Path home = Files.createTempDirectory("ml-maven-plugin-weka-home");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(home), "ml-weka-home-cleanup"));
                System.setProperty("WEKA_HOME", home.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary WEKA_HOME: " + e.getMessage(), e);
            }
        }
        prepared = true;
    }

    private static void deleteQuietly(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: it is a temporary folder
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
