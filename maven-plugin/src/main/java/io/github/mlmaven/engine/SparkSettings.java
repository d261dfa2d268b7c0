package io.github.mlmaven.engine;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.MavenCoordinates;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark engine's settings ({@code <spark>}), checked: each mistake is an {@link InvalidConfigurationException}
 * whose parameter path names the element ({@code spark/master}, {@code spark/conf/spark.x}).
 *
 * @param master Spark's master URL: {@code local}, {@code local[N]}, {@code local[*]}, {@code spark://host:port},
 *     {@code k8s://...} or {@code yarn}
 * @param partitions how many partitions the rows are split into by row ordinal; the same number gives the same model on
 *     every master
 * @param executorMemory {@code spark.executor.memory} as written (a Spark size such as {@code 1g}), or null
 * @param executorCores {@code spark.executor.cores}, or null
 * @param driverMemory the heap of the forked driver JVM as a JVM size ({@code 2g}), or null for the JVM's default
 * @param executorWaitSeconds how long the driver waits for a first executor
 * @param conf the user's {@code spark.*} properties, sorted by name
 * @param dependencies the {@code groupId:artifactId:version} of the Spark modules the driver needs besides Spark's core
 *     (Spark's Kubernetes or YARN module), in the order written; they are on the driver's class path only, since the
 *     cluster's workers have Spark's own modules
 * @param driverClasspath the class path of the forked driver JVM (the driver, Spark, the plugin, the project); empty
 *     until {@link #withClasspath} gives it
 * @param executorJars the jars the executors are sent (all of the driver's class path but Spark's own runtime)
 */
public record SparkSettings(
        String master,
        int partitions,
        String executorMemory,
        Integer executorCores,
        String driverMemory,
        int executorWaitSeconds,
        Map<String, String> conf,
        List<String> dependencies,
        List<Path> driverClasspath,
        List<Path> executorJars) {

    public static final String DEFAULT_MASTER = "local[*]";
    public static final int DEFAULT_PARTITIONS = 2;
    public static final int DEFAULT_EXECUTOR_WAIT_SECONDS = 60;

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]{0,4})])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^:/\\s]+|\\[[0-9a-fA-F:]+]):([0-9]{1,5})");
    /** A size as Spark reads it: a whole number and an optional unit (b, k, m, g, t, optionally followed by b). */
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,9})([kmgt]b?|b)?");

    public SparkSettings {
        conf = java.util.Collections.unmodifiableMap(new TreeMap<>(conf));
        dependencies = List.copyOf(dependencies);
        driverClasspath = List.copyOf(driverClasspath);
        executorJars = List.copyOf(executorJars);
    }

    /**
     * Parses the settings as the POM and the properties give them; null means not set (the default applies).
     *
     * @throws InvalidConfigurationException naming the element at fault and how to fix it
     */
    public static SparkSettings parse(
            String master,
            String partitions,
            String executorMemory,
            String executorCores,
            String driverMemory,
            String executorWaitSeconds,
            Map<String, String> conf,
            List<String> dependencies) {
        return new SparkSettings(
                master(master),
                positive("partitions", partitions, DEFAULT_PARTITIONS, 100_000),
                size("executorMemory", executorMemory),
                isBlank(executorCores) ? null : positive("executorCores", executorCores, 1, 10_000),
                jvmSize(size("driverMemory", driverMemory)),
                positive("executorWaitSeconds", executorWaitSeconds, DEFAULT_EXECUTOR_WAIT_SECONDS, 86_400),
                conf(conf),
                dependencies(dependencies),
                List.of(),
                List.of());
    }

    /** These settings with the driver's class path and the jars its executors are sent. */
    public SparkSettings withClasspath(List<Path> driver, List<Path> executors) {
        return new SparkSettings(
                master,
                partitions,
                executorMemory,
                executorCores,
                driverMemory,
                executorWaitSeconds,
                conf,
                dependencies,
                driver,
                executors);
    }

    /**
     * Every Spark property of the job: executor memory and cores as {@code spark.executor.*}, then the user's
     * {@code <conf>}, which wins.
     */
    public Map<String, String> sparkConf() {
        Map<String, String> all = new LinkedHashMap<>();
        if (executorMemory != null) {
            all.put("spark.executor.memory", executorMemory);
        }
        if (executorCores != null) {
            all.put("spark.executor.cores", String.valueOf(executorCores));
        }
        all.putAll(conf);
        return all;
    }

    /** The host and port of a {@code spark://host:port} master; empty for every other master. */
    public java.util.Optional<java.net.InetSocketAddress> standaloneAddress() {
        Matcher m = STANDALONE.matcher(master);
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        String host =
                m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        return java.util.Optional.of(java.net.InetSocketAddress.createUnresolved(host, Integer.parseInt(m.group(2))));
    }

    private static String master(String given) {
        if (isBlank(given)) {
            return DEFAULT_MASTER;
        }
        String master = given.strip();
        if (LOCAL.matcher(master).matches() || master.equals("yarn")) {
            return master;
        }
        Matcher standalone = STANDALONE.matcher(master);
        if (standalone.matches()) {
            int port = Integer.parseInt(standalone.group(2));
            if (port < 1 || port > 65_535) {
                throw invalid("master", "<spark><master> " + master + " has port " + port + "; a port is 1 to 65535");
            }
            return master;
        }
        if (master.startsWith("k8s://") && master.length() > "k8s://".length()) {
            return master;
        }
        throw invalid(
                "master",
                "<spark><master> is '" + master + "'; it must be local, local[N], local[*] (the default, no cluster),"
                        + " spark://host:port (a standalone master), k8s://https://host:port (Kubernetes) or yarn");
    }

    private static int positive(String element, String given, int defaultValue, int max) {
        if (isBlank(given)) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(given.strip());
        } catch (NumberFormatException e) {
            throw invalid(element, "<spark><" + element + "> is '" + given.strip() + "'; it must be a whole number");
        }
        if (value < 1 || value > max) {
            throw invalid(element, "<spark><" + element + "> is " + value + "; it must be between 1 and " + max);
        }
        return value;
    }

    private static String size(String element, String given) {
        if (isBlank(given)) {
            return null;
        }
        String size = given.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIZE.matcher(size);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw invalid(
                    element,
                    "<spark><" + element + "> is '" + given.strip() + "'; it must be a size such as 512m or 2g (a"
                            + " number followed by k, m, g or t)");
        }
        return size;
    }

    /**
     * A Spark size as the JVM's {@code -Xmx} takes it: Spark reads a bare number of a memory setting as MiB and
     * accepts {@code gb}, the JVM does neither.
     */
    private static String jvmSize(String sparkSize) {
        if (sparkSize == null) {
            return null;
        }
        Matcher m = SIZE.matcher(sparkSize);
        if (!m.matches()) {
            throw new IllegalStateException(sparkSize);
        }
        String unit = m.group(2) == null ? "m" : m.group(2).substring(0, 1);
        return unit.equals("b") ? m.group(1) : m.group(1) + unit;
    }

    private static Map<String, String> conf(Map<String, String> given) {
        Map<String, String> conf = new TreeMap<>();
        if (given == null) {
            return conf;
        }
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String key = entry.getKey().strip();
            String path = "conf/" + key;
            if (!key.startsWith("spark.")) {
                throw invalid(
                        path,
                        "<spark><conf><" + key + "> is not a Spark property (they start with spark.); e.g."
                                + " <spark.eventLog.enabled>false</spark.eventLog.enabled>");
            }
            if (key.equals("spark.master")) {
                throw invalid(path, "<spark><conf><spark.master> is not allowed; set the master with <spark><master>");
            }
            if (isBlank(entry.getValue())) {
                throw invalid(path, "<spark><conf><" + key + "> has no value; give one or remove the element");
            }
            conf.put(key, entry.getValue().strip());
        }
        return conf;
    }

    /**
     * {@code <spark><dependencies>} checked: each entry a Maven coordinate {@code groupId:artifactId:version} of three
     * non-blank parts, stripped. The Maven side checks them with this before it resolves them with the driver.
     *
     * @param given the entries as written; null or empty for none
     * @throws InvalidConfigurationException naming the entry at fault and the expected form
     */
    /** The entries of {@code <spark><dependencies>}, checked: each a coordinate {@code groupId:artifactId:version}. */
    public static List<String> dependencies(List<String> given) {
        return MavenCoordinates.checked(given, "spark/dependencies", "org.apache.spark:spark-kubernetes_2.13:4.2.0");
    }

    private static InvalidConfigurationException invalid(String element, String message) {
        return new InvalidConfigurationException("spark/" + element, message);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
