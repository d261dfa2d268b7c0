package io.github.mlmaven.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.common.MlException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The property the fuzz tests of the readers check for every input: the read ends in rows, or in the project's own
 * exception that names the file and says where in it (a line, or a whole-file fact such as "holds no data rows"),
 * with a message of bounded size; never another exception type, a hang or an out-of-memory.
 */
final class ReaderFuzzing {
    static final ReadOptions DEFAULTS = new ReadOptions(null, Map.of());

    /** Far longer than any read of the few kilobytes a fuzzer hands over takes; a read still running has hung. */
    private static final long TIMEOUT_SECONDS = 20;

    /** Errors about the data as a whole, which have no line to name. */
    private static final Pattern WHOLE_FILE = Pattern.compile("holds no data rows|is empty|class value|distinct values"
            + "|is a string attribute|its columns are|whose attributes are|its attributes are|line 1[:,]"
            + "|all training files|schemas must agree|not supported yet|is a date attribute in|streaming does not support"
            + "|streaming reader does not handle");

    private static final ExecutorService READS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fuzzed-read");
        thread.setDaemon(true);
        return thread;
    });

    private final Path dir;

    ReaderFuzzing() {
        WekaEnvironment.prepare();
        try {
            dir = Files.createTempDirectory("reader-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dir.toFile().deleteOnExit();
    }

    DatasetReader reader() {
        return new DatasetReader(dir, MlLog.SILENT);
    }

    /** The test oracle the readers are held to. */
    ReferenceDatasetReader reference() {
        return new ReferenceDatasetReader(dir, MlLog.SILENT);
    }

    Path write(String name, byte[] content) {
        try {
            Path file = dir.resolve(name);
            Files.write(file, content);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file from the repository's test resources, by its path under them. */
    static Path resource(String path) {
        try {
            return Path.of(ReaderFuzzing.class.getResource("/" + path).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs a read of {@code file}: its result, or null when it ended in an acceptable error; fails the test on any
     * other outcome.
     */
    <T> T read(Path file, Supplier<T> read) {
        Future<T> future = READS.submit(read::get);
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("the read of " + file.getFileName() + " hung (over " + TIMEOUT_SECONDS + " s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            checkError(file, e.getCause());
            return null;
        }
    }

    static void checkError(Path file, Throwable error) {
        String name = file.getFileName().toString();
        if (!(error instanceof MlException)) {
            throw new AssertionError("the read of " + name + " ended in " + error, error);
        }
        String message = error.getMessage();
        assertThat(message).as("message of %s", error).contains(name).hasSizeLessThan(2_000);
        if (!message.contains(name + " line ")
                && !message.contains(name + " data row ")
                && !WHOLE_FILE.matcher(message).find()) {
            throw new AssertionError("the error names no place in " + name + ": " + message, error);
        }
    }

    /** Rows as comparable text: each value (a number, or a label as text), and the weight; dense or sparse alike. */
    static List<String> rows(Instances instances) {
        List<String> rows = new ArrayList<>();
        for (Instance row : instances) {
            StringBuilder text = new StringBuilder();
            for (int a = 0; a < instances.numAttributes(); a++) {
                text.append(a == 0 ? "" : " | ")
                        .append(
                                row.isMissing(a)
                                        ? "?"
                                        : instances.attribute(a).isNumeric()
                                                ? String.valueOf(row.value(a))
                                                : row.stringValue(a));
            }
            rows.add(text + " w=" + row.weight());
        }
        return rows;
    }

    /** What Weka's own ARFF loader reads from the file, or null when it refuses it (or fails in any way). */
    static Instances wekaArff(Path file) {
        Future<Instances> future = READS.submit(() -> {
            weka.core.converters.ArffLoader loader = new weka.core.converters.ArffLoader();
            loader.setFile(file.toFile());
            return loader.getDataSet();
        });
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception | Error e) {
            future.cancel(true);
            return null;
        }
    }
}
