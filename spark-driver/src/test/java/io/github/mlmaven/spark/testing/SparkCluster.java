package io.github.mlmaven.spark.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and N workers, each its own JVM, started from the jars of
 * this JVM's class path (no Spark download, no installation). Every port is free at start (bound to port 0 and read
 * back), the logs are files under the given directory, and every process dies with {@link #close()} or, failing that,
 * with this JVM (a shutdown hook).
 *
 * <p>Spark's executors are started by the workers with {@code $SPARK_HOME/jars/*} as their class path and refuse to
 * start without a Scala version ("Cannot find any build directories"): the cluster therefore gets a {@code SPARK_HOME}
 * of its own whose {@code jars} folder holds symbolic links to the class path's jars, and
 * {@code SPARK_SCALA_VERSION=2.13}.
 *
 * <p>{@code main} starts a cluster for scripts (the on-demand benchmark): it prints the master URL and the PIDs, and
 * runs until its standard input closes or it is killed.
 */
public final class SparkCluster implements AutoCloseable {

    private static final String SCALA_VERSION = "2.13";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);
    private static final String DAEMON_HEAP = "-Xmx512m";
    private static final int LOG_TAIL_LINES = 40;

    private final Path directory;
    private final String workerMemory;
    private final int workerCores;
    private final List<Path> jars;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Thread shutdownHook = new Thread(this::killAll, "spark-cluster-shutdown");

    private Process master;
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> workerLogs = new ArrayList<>();
    private Path masterLog;
    private int masterPort;
    private int masterWebUiPort;
    private Duration startTime = Duration.ZERO;

    /**
     * A cluster whose workers have 1 core and 1 GB each, started from every jar on the class path.
     *
     * @param directory where the cluster's {@code SPARK_HOME}, its logs and the workers' work folders go (created)
     */
    public SparkCluster(Path directory) {
        this(directory, "1g", 1, classPathJars(), null);
    }

    /**
     * @param directory where the cluster's {@code SPARK_HOME}, its logs and the workers' work folders go (created)
     * @param workerMemory what each worker offers its executors, as Spark writes sizes ({@code 1g}, {@code 512m})
     * @param workerCores the cores each worker offers
     * @param jars the jars of the cluster's {@code SPARK_HOME/jars}: Spark and what its executors may load
     * @param excludedJars file names left out of {@code SPARK_HOME/jars} (e.g. the project's own jars, so that a test
     *     proves the driver ships them to the executors), or null
     */
    public SparkCluster(Path directory, String workerMemory, int workerCores, List<Path> jars, Pattern excludedJars) {
        this.directory = directory.toAbsolutePath();
        this.workerMemory = workerMemory;
        this.workerCores = workerCores;
        this.jars = jars.stream()
                .filter(jar -> excludedJars == null
                        || !excludedJars.matcher(jar.getFileName().toString()).matches())
                .toList();
    }

    /**
     * Starts the master and {@code workerCount} workers and waits until the master lists them all as ALIVE.
     *
     * @throws IllegalStateException when a process exits or the workers are not ALIVE within 2 minutes; the message holds
     *     the tails of the logs
     */
    public SparkCluster start(int workerCount) throws IOException, InterruptedException {
        if (master != null) {
            throw new IllegalStateException("this SparkCluster is started already: " + masterUrl());
        }
        long t0 = System.nanoTime();
        Path sparkHome = prepareSparkHome();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        masterPort = freePort();
        masterWebUiPort = freePort();
        masterLog = directory.resolve("logs/master.log");
        master = launch(
                sparkHome,
                masterLog,
                List.of(
                        "org.apache.spark.deploy.master.Master",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(masterPort),
                        "--webui-port",
                        Integer.toString(masterWebUiPort)));
        for (int i = 0; i < workerCount; i++) {
            Path workDir = Files.createDirectories(directory.resolve("work/worker-" + i));
            Path log = directory.resolve("logs/worker-" + i + ".log");
            workerLogs.add(log);
            workers.add(launch(
                    sparkHome,
                    log,
                    List.of(
                            "org.apache.spark.deploy.worker.Worker",
                            masterUrl(),
                            "--host",
                            "127.0.0.1",
                            "--cores",
                            Integer.toString(workerCores),
                            "--memory",
                            workerMemory,
                            "--webui-port",
                            Integer.toString(freePort()),
                            "--work-dir",
                            workDir.toString())));
        }
        awaitAliveWorkers(workerCount);
        startTime = Duration.ofNanos(System.nanoTime() - t0);
        return this;
    }

    /** {@code spark://127.0.0.1:<port>}. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The master's web UI, whose {@code /json/} lists the workers and applications. */
    public URI masterWebUi() {
        return URI.create("http://127.0.0.1:" + masterWebUiPort + "/");
    }

    public long masterPid() {
        return master.pid();
    }

    public long workerPid(int index) {
        return workers.get(index).pid();
    }

    /** The worker's JVM and the executor JVMs it has started, as they are now. */
    public List<ProcessHandle> workerProcessTree(int index) {
        ProcessHandle worker = workers.get(index).toHandle();
        return Stream.concat(Stream.of(worker), worker.descendants()).toList();
    }

    /** How long {@link #start} took until every worker was ALIVE. */
    public Duration startTime() {
        return startTime;
    }

    /** Where the worker's executors write their logs ({@code <app>/<executor>/stderr}). */
    public Path workerWorkDirectory(int index) {
        return directory.resolve("work/worker-" + index);
    }

    /** The number of workers the master lists as ALIVE now. */
    public int aliveWorkers() throws IOException, InterruptedException {
        JsonNode state = masterState();
        int alive = 0;
        for (JsonNode worker : state.path("workers")) {
            if ("ALIVE".equals(worker.path("state").asText())) {
                alive++;
            }
        }
        return alive;
    }

    /**
     * Kills the worker with SIGKILL, as a machine failure would, together with the executor JVMs it started (they
     * would otherwise live on), and waits until they are gone.
     */
    public void killWorker(int index) {
        killTree(workers.get(index).toHandle());
    }

    /** Kills every worker (with its executors) and the master. Logs and work folders stay for inspection. */
    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNeverAdded) {
            // nothing to undo
        }
    }

    private void killAll() {
        for (Process worker : workers) {
            killTree(worker.toHandle());
        }
        if (master != null) {
            killTree(master.toHandle());
        }
    }

    private static void killTree(ProcessHandle root) {
        // collected before the kill: once the root is dead its children are re-parented and out of reach
        List<ProcessHandle> tree =
                Stream.concat(Stream.of(root), root.descendants()).toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                throw new IllegalStateException("process " + process.pid() + " did not exit after SIGKILL", e);
            }
        }
    }

    private Process launch(Path sparkHome, Path log, List<String> mainAndArguments) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        command.add(DAEMON_HEAP);
        // no REST submission server: its fixed default port (6066) would clash between clusters
        command.add("-Dspark.master.rest.enabled=false");
        command.add("-cp");
        command.add(sparkHome.resolve("jars") + File.separator + "*");
        command.addAll(mainAndArguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("SPARK_"));
        environment.put("SPARK_HOME", sparkHome.toString());
        environment.put("SPARK_SCALA_VERSION", SCALA_VERSION);
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.put(
                "SPARK_LOCAL_DIRS",
                Files.createDirectories(directory.resolve("local")).toString());
        return builder.start();
    }

    Path prepareSparkHome() throws IOException {
        Path jarsDirectory = directory.resolve("spark-home/jars");
        if (Files.isDirectory(jarsDirectory)) {
            try (Stream<Path> old = Files.list(jarsDirectory)) {
                for (Path link : old.toList()) {
                    Files.delete(link);
                }
            }
        }
        Files.createDirectories(jarsDirectory);
        Set<String> names = new HashSet<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            // two artifacts may share a file name (same artifactId, different groupId): both must stay visible
            String linkName = names.add(name) ? name : names.size() + "-" + name;
            names.add(linkName);
            Files.createSymbolicLink(jarsDirectory.resolve(linkName), jar.toAbsolutePath());
        }
        return jarsDirectory.getParent();
    }

    private void awaitAliveWorkers(int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        int alive = -1;
        while (System.nanoTime() < deadline) {
            assertRunning();
            try {
                alive = aliveWorkers();
                if (alive >= expected) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the master's web UI comes up a few seconds after its JVM
            }
            Thread.sleep(250);
        }
        throw failure("the master at " + masterUrl() + " listed " + Math.max(alive, 0) + " ALIVE worker(s) of "
                + expected + " after " + START_TIMEOUT.toSeconds() + " s");
    }

    private void assertRunning() {
        if (!master.isAlive()) {
            throw failure("the Spark master exited with code " + master.exitValue());
        }
        for (int i = 0; i < workers.size(); i++) {
            if (!workers.get(i).isAlive()) {
                throw failure("Spark worker " + i + " exited with code "
                        + workers.get(i).exitValue());
            }
        }
    }

    private IllegalStateException failure(String what) {
        StringBuilder message =
                new StringBuilder(what).append(" (").append(directory).append(')');
        message.append(tail(masterLog));
        for (Path log : workerLogs) {
            message.append(tail(log));
        }
        close();
        return new IllegalStateException(message.toString());
    }

    private JsonNode masterState() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(masterWebUi().resolve("json/"))
                .timeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + request.uri());
            }
            return json.readTree(body);
        }
    }

    /** The last lines of a log, for a failure's message. */
    public static String tail(Path log) {
        if (log == null || !Files.isRegularFile(log)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "\n--- last lines of " + log + " ---\n" + String.join("\n", last);
        } catch (IOException | UncheckedIOException e) {
            return "\n--- " + log + " unreadable: " + e.getMessage();
        }
    }

    private static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Every jar on this JVM's class path (directories left out: {@code SPARK_HOME/jars} holds jars only). */
    public static List<Path> classPathJars() {
        return classPath().stream()
                .filter(entry -> entry.getFileName().toString().endsWith(".jar") && Files.isRegularFile(entry))
                .toList();
    }

    /**
     * This JVM's class path, jars and directories. Surefire starts tests with a manifest-only jar by default
     * ({@code surefirebooter*.jar}, whose manifest's {@code Class-Path} names the real entries): such a jar is
     * expanded, so this works whatever surefire's {@code useManifestOnlyJar} says.
     */
    public static List<Path> classPath() {
        List<Path> entries = Arrays.stream(
                        System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator)))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Paths.get(entry).toAbsolutePath())
                .toList();
        if (entries.size() == 1 && entries.get(0).getFileName().toString().endsWith(".jar")) {
            List<Path> manifestEntries = manifestClassPath(entries.get(0));
            if (!manifestEntries.isEmpty()) {
                return manifestEntries;
            }
        }
        return entries;
    }

    static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            // Class-Path entries are URLs relative to the jar's folder (surefire writes absolute file: URLs)
            URI base = jar.getParent().toUri();
            return Arrays.stream(classPath.trim().split("\\s+"))
                    .map(entry -> Paths.get(base.resolve(entry)))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of the class path's jar " + jar, e);
        }
    }

    /**
     * Starts a cluster for scripts: {@code SparkCluster <directory> [workers] [worker memory] [worker cores]}; prints
     * {@code master=<url>}, {@code masterPid=<pid>}, {@code workerPid.<i>=<pid>} and {@code startSeconds=<s>}, then
     * {@code ready}; stops the cluster when standard input closes or the JVM is killed (not with SIGKILL).
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 4) {
            System.err.println("usage: SparkCluster <directory> [workers (2)] [worker memory (1g)] [worker cores (1)]");
            System.exit(2);
        }
        int workerCount = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String memory = args.length > 2 ? args[2] : "1g";
        int cores = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        try (SparkCluster cluster = new SparkCluster(Paths.get(args[0]), memory, cores, classPathJars(), null)) {
            cluster.start(workerCount);
            System.out.println("master=" + cluster.masterUrl());
            System.out.println("masterWebUi=" + cluster.masterWebUi());
            System.out.println("masterPid=" + cluster.masterPid());
            for (int i = 0; i < workerCount; i++) {
                System.out.println("workerPid." + i + "=" + cluster.workerPid(i));
            }
            System.out.printf("startSeconds=%.3f%n", cluster.startTime().toMillis() / 1000.0);
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the script closes our standard input
            }
        }
    }
}
