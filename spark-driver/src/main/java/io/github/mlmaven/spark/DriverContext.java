package io.github.mlmaven.spark;

import io.github.mlmaven.engine.SparkJob;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/** Starts the job's Spark context and makes sure it can run tasks before any work is submitted. */
final class DriverContext {
    private static final long POLL_MILLIS = 200;

    private DriverContext() {}

    /** The job's Spark configuration: the plugin's and the user's properties, then the driver's defaults. */
    static SparkConf conf(SparkJob job) {
        // no spark.* system properties: the job alone decides, so two runs of one job are configured alike
        SparkConf conf = new SparkConf(false);
        conf.setMaster(job.master());
        conf.setAppName("ml-maven-plugin " + simpleName(job.algorithm()));
        job.conf().forEach(conf::set);
        if (onLoopback(job.master())) {
            // a laptop whose host name does not resolve, or resolves to a LAN address that a VPN hides, would
            // otherwise fail to start a driver that only ever talks to itself
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        if (!isLocal(job.master())) {
            conf.setJars(executorJars(job).toArray(String[]::new));
        }
        return conf;
    }

    /**
     * The started context. Fails with a {@link DriverFailure} naming {@code <spark><master>} when Spark cannot parse
     * the master, when the context is stopped as it starts (a master that cannot be reached), or when no executor
     * registers within {@code executorWaitSeconds}.
     */
    static JavaSparkContext start(SparkJob job, DriverLog log) throws Exception {
        SparkContext context;
        try {
            context = SparkContext.getOrCreate(conf(job));
        } catch (Exception e) { // SparkException is checked, but Scala does not declare it
            String message = String.valueOf(e.getMessage());
            if (message.contains("Master URL") || message.contains("master URL")) {
                throw DriverFailure.invalidConfiguration(
                        "spark/master",
                        "<spark><master> '" + job.master() + "' is not a master URL Spark knows (" + firstLine(message)
                                + "); use local[*], local[N], spark://host:port, k8s://https://host:port or yarn");
            }
            throw e;
        }
        if (context.isStopped()) {
            throw unreachable(job);
        }
        log.info("Spark " + context.version() + " context started on " + job.master() + " (application "
                + context.applicationId() + ")");
        try {
            if (!isLocal(job.master())) {
                awaitExecutor(context, job, log);
            }
        } catch (RuntimeException e) {
            // the caller stops only a context it was given
            context.stop();
            throw e;
        }
        return JavaSparkContext.fromSparkContext(context);
    }

    private static void awaitExecutor(SparkContext context, SparkJob job, DriverLog log) {
        long deadline = System.nanoTime() + job.executorWaitSeconds() * 1_000_000_000L;
        while (true) {
            if (context.isStopped()) {
                throw unreachable(job);
            }
            // the status tracker lists the driver among the executors
            int executors = context.statusTracker().getExecutorInfos().length - 1;
            if (executors > 0) {
                log.info(executors + " executor" + (executors == 1 ? "" : "s") + " registered with " + job.master());
                return;
            }
            if (System.nanoTime() > deadline) {
                throw DriverFailure.invalidConfiguration(
                        "spark/master",
                        "no worker registered with the Spark master " + job.master() + " within "
                                + job.executorWaitSeconds() + " s; check the master's web UI lists ALIVE workers with"
                                + " enough free cores and memory for <spark><executorMemory> ("
                                + job.conf().getOrDefault("spark.executor.memory", "1g") + "), or raise"
                                + " <spark><executorWaitSeconds>");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DriverFailure.failed("interrupted while waiting for an executor of " + job.master());
            }
        }
    }

    private static DriverFailure unreachable(SparkJob job) {
        return DriverFailure.invalidConfiguration(
                "spark/master",
                "the Spark context stopped as it started: the master " + job.master() + " could not be reached or"
                        + " refused the application; check <spark><master> and that the master runs and accepts"
                        + " connections from this machine");
    }

    /** The plugin's jars plus this driver's own, which executors need to run its tasks. */
    static List<String> executorJars(SparkJob job) {
        List<String> jars = new ArrayList<>(job.executorJars());
        try {
            Path own = Path.of(DriverContext.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            String ownJar = own.toAbsolutePath().toString();
            // in a build, classes come from a folder, which Spark cannot ship: the executors have them already
            if (ownJar.endsWith(".jar") && !jars.contains(ownJar)) {
                jars.add(ownJar);
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // a class loader without code sources: the plugin's jar list is all there is
        }
        return jars;
    }

    static boolean isLocal(String master) {
        String m = master.strip().toLowerCase(Locale.ROOT);
        return m.equals("local") || m.startsWith("local[");
    }

    /** True for a local master and for a standalone master whose every host is a loopback address. */
    static boolean onLoopback(String master) {
        if (isLocal(master)) {
            return true;
        }
        String m = master.strip();
        if (!m.startsWith("spark://")) {
            return false;
        }
        for (String hostPort : m.substring("spark://".length()).split(",", -1)) {
            int colon = hostPort.lastIndexOf(':');
            String host = (colon > 0 ? hostPort.substring(0, colon) : hostPort)
                    .replace("[", "")
                    .replace("]", "");
            try {
                if (!InetAddress.getByName(host).isLoopbackAddress()) {
                    return false;
                }
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return true;
    }

    static String simpleName(String algorithm) {
        String a = algorithm == null ? "" : algorithm.strip();
        return a.substring(a.lastIndexOf('.') + 1);
    }

    static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int end = t.indexOf('\n');
        return end < 0 ? t : t.substring(0, end).strip();
    }
}
