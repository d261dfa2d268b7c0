package io.github.mlmaven.spark;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.engine.SparkFailure;
import io.github.mlmaven.engine.SparkJob;
import java.io.FileNotFoundException;
import java.io.NotSerializableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line a failed job reports: the failure the driver recognised, the plugin's own exceptions (thrown on the
 * driver, or in a task and wrapped in Spark's), or what Spark's cause chain says about lost executors, memory and
 * unreadable paths. Anything else is reported as Spark's root cause, its stack trace left to the driver's log.
 */
final class Failures {
    private static final Pattern INPUT_PATH = Pattern.compile("Input path does not exist: (\\S+)");
    private static final Pattern PLUGIN_EXCEPTION = Pattern.compile(
            "io\\.github\\.mlmaven\\.common\\.(InvalidInputException|InvalidConfigurationException): ([^\\n]*)");

    private Failures() {}

    static SparkFailure describe(Throwable failure, SparkJob job) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof DriverFailure d) {
                return d.toFailure();
            }
            if (t instanceof InvalidConfigurationException e) {
                return failure(SparkFailure.INVALID_CONFIGURATION, e.parameter(), e.getMessage());
            }
            if (t instanceof InvalidInputException e) {
                return failure(SparkFailure.INVALID_INPUT, null, e.getMessage());
            }
        }
        String text = allMessages(chain);
        Matcher plugin = PLUGIN_EXCEPTION.matcher(text);
        if (plugin.find()) {
            boolean input = plugin.group(1).equals("InvalidInputException");
            String message = plugin.group(2).strip();
            return input
                    ? failure(SparkFailure.INVALID_INPUT, null, message)
                    : failure(SparkFailure.INVALID_CONFIGURATION, parameterOf(message), message);
        }
        String memory = "<spark><executorMemory> (spark.executor.memory, now "
                + job.conf().getOrDefault("spark.executor.memory", "Spark's default 1g") + ")";
        if (text.contains("OutOfMemoryError") || text.contains("Java heap space")) {
            return failure(
                    SparkFailure.FAILED,
                    null,
                    "an executor ran out of memory (java.lang.OutOfMemoryError) while training; raise " + memory
                            + " or use more <spark><partitions> so that each holds fewer rows");
        }
        // on a cluster, executors that died (a fatal error ends an executor's JVM) surface as lost shuffle outputs
        if (text.contains("ExecutorLostFailure")
                || text.contains("executor lost")
                || text.contains("Executor lost")
                || text.contains("Missing an output location for shuffle")) {
            return failure(
                    SparkFailure.FAILED,
                    null,
                    "Spark lost the executors running the training (" + firstMatching(text, "ExecutorLostFailure")
                            + "); an executor killed for memory needs a larger " + memory + "; see "
                            + logFile(job));
        }
        Matcher path = INPUT_PATH.matcher(text);
        if (path.find()) {
            return failure(SparkFailure.INVALID_INPUT, null, unreadable(path.group(1)));
        }
        for (Throwable t : chain) {
            if (t instanceof FileNotFoundException) {
                return failure(SparkFailure.INVALID_INPUT, null, unreadable(DriverContext.firstLine(t.getMessage())));
            }
            if (t instanceof NotSerializableException) {
                return failure(
                        SparkFailure.INVALID_INPUT,
                        null,
                        "the classifier <algorithm> " + job.algorithm() + " cannot be sent to the executors: it holds"
                                + " a " + t.getMessage() + ", which is not Serializable; use a Serializable"
                                + " classifier or <engine>local</engine>");
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        return failure(
                SparkFailure.FAILED,
                null,
                "Spark failed: " + root.getClass().getName() + ": " + DriverContext.firstLine(root.getMessage())
                        + "; see " + logFile(job));
    }

    private static String unreadable(String path) {
        return "the executors cannot read " + path + "; check the path, and on a cluster that every worker can read"
                + " it (a shared file system, or an hdfs:// or s3a:// URI)";
    }

    static String logFile(SparkJob job) {
        return Path.of(job.workDirectory()).resolve(SparkDriverMain.LOG_FILE).toString();
    }

    /** The plugin names the parameter at the start of its messages ("<options> '-X' rejected by ..."). */
    private static String parameterOf(String message) {
        Matcher m = Pattern.compile("^<([A-Za-z]+)>").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    private static String firstMatching(String text, String marker) {
        for (String line : text.split("\n", -1)) {
            int at = line.indexOf(marker);
            if (at >= 0) {
                return line.substring(at).strip();
            }
        }
        return DriverContext.firstLine(text);
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String allMessages(List<Throwable> chain) {
        StringBuilder text = new StringBuilder();
        for (Throwable t : chain) {
            text.append(t.getClass().getName())
                    .append(": ")
                    .append(t.getMessage())
                    .append('\n');
        }
        return text.toString();
    }

    private static SparkFailure failure(String kind, String parameter, String message) {
        return new SparkFailure(SparkJob.SCHEMA_VERSION, SparkFailure.FAILED, kind, parameter, message);
    }
}
