package io.github.mlmaven.workflow;

import io.github.mlmaven.api.GoalContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    static String message(String goal, GoalContext context, OutOfMemoryError error) {
        Path basedir = context == null || context.basedir() == null ? Path.of(".") : context.basedir();
        StringBuilder data = new StringBuilder();
        Map<String, List<String>> entries = new LinkedHashMap<>();
        entries.put("trainingData", context == null ? null : context.trainingData());
        entries.put("testData", context == null ? null : context.testData());
        for (Map.Entry<String, List<String>> entry : entries.entrySet()) {
            String parameter = entry.getKey();
            List<Path> files = files(basedir, entry.getValue(), parameter);
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

    private static List<Path> files(Path basedir, List<String> entries, String parameter) {
        List<Path> files = new ArrayList<>();
        if (entries == null || entries.isEmpty()) {
            return files;
        }
        try {
            files.addAll(io.github.mlmaven.data.DataFiles.resolve(basedir, entries, parameter));
        } catch (RuntimeException e) {
            // the sizes are a courtesy: a pattern that no longer matches leaves them out
        }
        return files;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1048576.0);
    }
}
