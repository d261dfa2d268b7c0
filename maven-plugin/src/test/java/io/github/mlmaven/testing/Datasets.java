package io.github.mlmaven.testing;

import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * The named data sets under {@code src/test/resources/datasets/} (see the README there), and small CSV files written
 * from text blocks into a test's temporary folder.
 */
public final class Datasets {
    private Datasets() {}

    /** credit-g, 800 rows, the training part of the deterministic split; class {good, bad}. */
    public static Path creditGTrainArff() {
        return resource("credit-g-train.arff");
    }

    /** credit-g, 200 rows, the test part of the split, same header as the training part. */
    public static Path creditGTestArff() {
        return resource("credit-g-test.arff");
    }

    public static Path creditGTrainCsv() {
        return resource("credit-g-train.csv");
    }

    public static Path creditGTestCsv() {
        return resource("credit-g-test.csv");
    }

    /** All 1000 rows of credit-g: 700 good, 300 bad. */
    public static Path creditGArff() {
        return resource("credit-g.arff");
    }

    /** 209 rows, numeric class (regression). */
    public static Path cpuArff() {
        return resource("cpu.arff");
    }

    /** 856 rows, class Outcome {Active, Inactive} with only 12 Active. */
    public static Path unbalancedArff() {
        return resource("unbalanced.arff");
    }

    /** 14 rows, all attributes nominal, class play {yes, no}. */
    public static Path weatherNominalArff() {
        return resource("weather.nominal.arff");
    }

    public static Path irisArff() {
        return resource("iris.arff");
    }

    public static Path diabetesArff() {
        return resource("diabetes.arff");
    }

    public static Path resource(String name) {
        URL url = Datasets.class.getResource("/datasets/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test data set " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code content} (a text block, say) as UTF-8 to {@code dir/fileName} and returns the file. */
    public static Path writeCsv(Path dir, String fileName, String content) {
        return writeBytes(dir, fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a file of exactly these bytes, for BOMs and line ends a text block cannot hold. */
    public static Path writeBytes(Path dir, String fileName, byte[] content) {
        try {
            Path file = dir.resolve(fileName);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a data set to {@code dir/relativePath}. */
    public static Path copy(Path source, Path dir, String relativePath) {
        try {
            Path target = dir.resolve(relativePath);
            Files.createDirectories(target.getParent());
            return Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes rows as CSV with a header row using Weka's own CSVSaver, as a user exporting from Weka would. */
    public static Path saveAsCsv(Instances rows, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            weka.core.converters.CSVSaver saver = new weka.core.converters.CSVSaver();
            saver.setInstances(rows);
            saver.setFile(file.toFile());
            saver.writeBatch();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #loadWithWeka(Path)} of the test data set {@code resourceName} (under src/test/resources/datasets). */
    public static Instances loadWithWeka(String resourceName) {
        return loadWithWeka(resource(resourceName));
    }

    /**
     * Loads a file with Weka's own loaders, independently of the plugin's reader, with the last attribute as the
     * class.
     */
    public static Instances loadWithWeka(Path file) {
        WekaEnvironment.prepare();
        try {
            Instances data = new DataSource(file.toString()).getDataSet();
            data.setClassIndex(data.numAttributes() - 1);
            return data;
        } catch (Exception e) {
            throw new IllegalStateException("Weka cannot load " + file, e);
        }
    }
}
