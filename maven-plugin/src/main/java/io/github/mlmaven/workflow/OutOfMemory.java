package io.github.mlmaven.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The message for a goal that ran out of heap while reading or fitting: what happened, how big the data is against the
 * heap Maven was given, and the ways out. Without it Maven prints "failed unexpectedly: java.lang.OutOfMemoryError",
 * which says neither that the data is the cause nor what to do.
 */
final class OutOfMemory {
    private OutOfMemory() {}

    static String message(String goal, Map<String, Object> p, OutOfMemoryError error) {
        Path basedir = p.get("basedir") == null ? Path.of(".") : Path.of((String) p.get("basedir"));
        StringBuilder data = new StringBuilder();
        for (String parameter : List.of("trainingData", "testData")) {
            List<Path> files = files(basedir, p.get(parameter), parameter);
            if (files.isEmpty()) {
                continue;
            }
            long bytes = 0;
            for (Path file : files) {
                try {
                    bytes += Files.size(file);
                } catch (java.io.IOException | RuntimeException e) {
                    // a file gone since it was read: counted as empty
                }
            }
            data.append(data.length() == 0 ? "" : ", ")
                    .append("<")
                    .append(parameter)
                    .append("> ")
                    .append(files.size())
                    .append(files.size() == 1 ? " file of " : " files of ")
                    .append(megabytes(bytes));
        }
        return "ml:" + goal + " ran out of memory (" + error.getMessage() + ") with a heap of at most "
                + megabytes(Runtime.getRuntime().maxMemory())
                + (data.length() == 0 ? "" : " for " + data)
                + ". Read into memory, rows take several times their size in the file, and most classifiers need"
                + " the whole data set at once. Ways out: give Maven a larger heap (MAVEN_OPTS=-Xmx4g, or -Xmx in"
                + " .mvn/jvm.config); train an updateable classifier (NaiveBayesUpdateable, SGD, HoeffdingTree), which"
                + " learns as the files stream by without holding their rows; or train on a sample of the data."
                + " A cluster engine for data larger than one machine's memory is not available yet";
    }

    private static List<Path> files(Path basedir, Object entries, String parameter) {
        List<Path> files = new ArrayList<>();
        if (!(entries instanceof List<?> list) || list.isEmpty()) {
            return files;
        }
        try {
            files.addAll(io.github.mlmaven.data.DataFiles.resolve(
                    basedir, list.stream().map(String::valueOf).toList(), parameter));
        } catch (RuntimeException e) {
            // the sizes are a courtesy: a pattern that no longer matches leaves them out
        }
        return files;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1048576.0);
    }
}
