package io.github.mlmaven.engine;

import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.runtime.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one launcher of the Spark driver: writes the job as {@code job.json} into its work folder, forks
 * {@code java <Spark's JVM flags> [-Xmx] -cp <driver class path> io.github.mlmaven.spark.SparkDriverMain job.json},
 * streams the driver's progress lines ({@code ml-spark:info:...}) into the build's log and everything else it prints
 * into {@code spark-driver.log}, waits, and reads its result. Maven's JVM never loads a Spark class, and no driver
 * outlives the build: an interrupted build or a JVM shutting down destroys the driver's whole process tree.
 */
public final class SparkDriverProcess {
    public static final String MAIN_CLASS = "io.github.mlmaven.spark.SparkDriverMain";
    public static final String JOB_FILE = "job.json";
    public static final String RESULT_FILE = "result.json";
    public static final String LOG_FILE = "spark-driver.log";
    /** The driver's exit code when it failed in a way it described in its result file. */
    public static final int EXIT_FAILURE_DESCRIBED = 2;

    static final String PREFIX = "ml-spark:";
    static final int TAIL_LINES = 20;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final MlLog log;
    private final SparkSettings settings;
    private final String mainClass;
    private final Function<List<Path>, List<String>> jvmFlags;
    private final Duration connectTimeout;

    public SparkDriverProcess(MlLog log, SparkSettings settings) {
        this(log, settings, MAIN_CLASS, SparkJvmFlags::of, CONNECT_TIMEOUT);
    }

    /**
     * A launcher of another main class with other JVM flags, for a stand-in of the driver that speaks its protocol.
     *
     * @param jvmFlags the JVM flags for a driver class path
     * @param connectTimeout how long a {@code spark://} master may take to accept a connection
     */
    public SparkDriverProcess(
            MlLog log,
            SparkSettings settings,
            String mainClass,
            Function<List<Path>, List<String>> jvmFlags,
            Duration connectTimeout) {
        this.log = log;
        this.settings = settings;
        this.mainClass = mainClass;
        this.jvmFlags = jvmFlags;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Runs {@code job} in a forked driver and returns what it reports.
     *
     * @throws InvalidConfigurationException a setting the driver refused (its parameter named), or an unreachable
     *     standalone master
     * @throws InvalidInputException data or a classifier the driver refused
     * @throws SparkJobFailedException Spark failed, or the driver crashed (the last lines of its log quoted)
     */
    public SparkResult run(SparkJob job) {
        checkMasterReachable();
        Path work = Path.of(job.workDirectory());
        Path jobFile = work.resolve(JOB_FILE);
        Path resultFile = Path.of(job.resultFile());
        Path logFile = work.resolve(LOG_FILE);
        try {
            Files.createDirectories(work);
            Files.deleteIfExists(resultFile);
            Files.deleteIfExists(logFile);
            AtomicFiles.writeString(jobFile, Json.MAPPER.writeValueAsString(job));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Spark job to " + jobFile + ": " + e.getMessage(), e);
        }
        int exit = fork(command(work, jobFile), work, logFile);
        return switch (exit) {
            case 0 -> result(resultFile, logFile);
            case EXIT_FAILURE_DESCRIBED -> throw failure(resultFile, logFile);
            default ->
                throw new SparkJobFailedException(
                        "the Spark driver stopped with exit code " + exit + " and no result;" + tail(logFile));
        };
    }

    /** The driver's command line; the class path goes into an argument file, which no command line limit cuts. */
    private List<String> command(Path work, Path jobFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags.apply(settings.driverClasspath()));
        if (settings.driverMemory() != null) {
            command.add("-Xmx" + settings.driverMemory());
        }
        Path arguments = work.resolve("driver.args");
        List<String> classpath =
                settings.driverClasspath().stream().map(Path::toString).toList();
        try {
            AtomicFiles.writeString(
                    arguments,
                    "-cp\n\""
                            + String.join(java.io.File.pathSeparator, classpath).replace("\\", "\\\\") + "\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + arguments + ": " + e.getMessage(), e);
        }
        command.add("@" + arguments);
        command.add(mainClass);
        command.add(jobFile.toString());
        return command;
    }

    /** Starts the driver, pumps its output, and waits for it; an interrupted wait destroys it. */
    private int fork(List<String> command, Path work, Path logFile) {
        log.debug("Starting the Spark driver: " + String.join(" ", command));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close(); // the driver reads nothing from the build
        } catch (IOException e) {
            throw new SparkJobFailedException(
                    "cannot start the Spark driver (" + command.get(0) + "): " + e.getMessage(), e);
        }
        Thread hook = new Thread(() -> destroyTree(process), "ml-spark-driver-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread pump = new Thread(() -> pump(process, logFile), "ml-spark-driver-output");
        pump.setDaemon(true);
        pump.start();
        try {
            int exit = process.waitFor();
            pump.join(TimeUnit.SECONDS.toMillis(30));
            return exit;
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new SparkJobFailedException("the build was interrupted; the Spark driver was stopped", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
    }

    /** Progress lines to the build's log at their level; every other line to the driver's log file. */
    private void pump(Process process, Path logFile) {
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter file = Files.newBufferedWriter(
                        logFile,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!toLog(line)) {
                    file.write(line);
                    file.newLine();
                    file.flush();
                }
            }
        } catch (IOException e) {
            log.debug("The Spark driver's output stopped: " + e.getMessage());
        }
    }

    /** Logs a progress line ({@code ml-spark:<level>:<text>}); false for any other line. */
    boolean toLog(String line) {
        if (!line.startsWith(PREFIX)) {
            return false;
        }
        String rest = line.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String level = colon < 0 ? "" : rest.substring(0, colon);
        String text = colon < 0 ? rest : rest.substring(colon + 1);
        switch (level) {
            case "info" -> log.info(text);
            case "warn" -> log.warn(text);
            case "debug" -> log.debug(text);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Stops the driver and every process it started, politely first (Spark then releases its executors). */
    static void destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * A {@code spark://host:port} master that does not accept a TCP connection fails the build at once: the driver
     * would otherwise retry for minutes before it gives up.
     */
    public void checkMasterReachable() {
        InetSocketAddress address = settings.standaloneAddress().orElse(null);
        if (address == null) {
            return;
        }
        String why;
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(address.getHostString(), address.getPort()), (int) connectTimeout.toMillis());
            return;
        } catch (UnknownHostException e) {
            why = "unknown host " + address.getHostString();
        } catch (ConnectException e) {
            why = "connection refused";
        } catch (SocketTimeoutException e) {
            why = "no answer within " + connectTimeout.toSeconds() + " s";
        } catch (IOException e) {
            why = String.valueOf(e.getMessage());
        }
        throw new InvalidConfigurationException(
                "spark/master",
                "the Spark master at " + settings.master() + " cannot be reached (" + why
                        + "); start it or fix <spark><master>");
    }

    /**
     * The driver's JSON file as {@code type}. A file that cannot be read fails the job with what the driver's log
     * ended with, since the driver's own account of what happened is then lost.
     *
     * @param whatItIs the message's start, naming what the file should have said
     */
    private static <T> T readJson(Path file, Class<T> type, String whatItIs, Path logFile) {
        try {
            return Json.MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new SparkJobFailedException(
                    whatItIs + " " + file + " cannot be read (" + e.getMessage() + ");" + tail(logFile));
        }
    }

    private static SparkResult result(Path resultFile, Path logFile) {
        SparkResult result =
                readJson(resultFile, SparkResult.class, "the Spark driver ended without error but its result", logFile);
        if (!SparkResult.OK.equals(result.outcome())) {
            throw new SparkJobFailedException("the Spark driver ended without error but its result " + resultFile
                    + " says '" + result.outcome() + "';" + tail(logFile));
        }
        return result;
    }

    /** The exception a described failure stands for. */
    private static RuntimeException failure(Path resultFile, Path logFile) {
        SparkFailure failure =
                readJson(resultFile, SparkFailure.class, "the Spark driver failed, and its description", logFile);
        String message = failure.message() == null ? "the Spark job failed" : failure.message();
        return switch (String.valueOf(failure.kind())) {
            case SparkFailure.INVALID_CONFIGURATION ->
                new InvalidConfigurationException(
                        failure.parameter() == null || failure.parameter().isBlank() ? "spark" : failure.parameter(),
                        message);
            case SparkFailure.INVALID_INPUT -> new InvalidInputException(message);
            default -> new SparkJobFailedException(message + " (Spark's log: " + logFile + ")");
        };
    }

    /** The last lines of the driver's log, quoted for a message. */
    static String tail(Path logFile) {
        if (!Files.isRegularFile(logFile)) {
            return " it printed nothing (no " + logFile + ")";
        }
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader in = Files.newBufferedReader(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                last.addLast(line);
                if (last.size() > TAIL_LINES) {
                    last.removeFirst();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return " its log " + logFile + " cannot be read (" + e.getMessage() + ")";
        }
        if (last.isEmpty()) {
            return " its log " + logFile + " is empty";
        }
        return " the last lines of " + logFile + ":\n  " + String.join("\n  ", last);
    }
}
