package io.github.mlmaven.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.data.Schema;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher against {@link FakeSparkDriver}, a stand-in that speaks the driver's process protocol: what the build
 * sees of each way a driver can end. The real driver's end-to-end test is in the spark-driver module.
 */
class SparkDriverProcessTest {
    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final MlLog log = new MlLog() {
        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }

        @Override
        public void debug(String message) {
            lines.add("DEBUG " + message);
        }
    };

    static List<Path> testClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .toList();
    }

    private SparkDriverProcess launcher(String master) {
        SparkSettings settings = SparkSettings.parse(master, "2", null, null, "256m", null, null, null)
                .withClasspath(testClasspath(), List.of());
        return new SparkDriverProcess(
                log, settings, FakeSparkDriver.class.getName(), cp -> List.of(), SparkDriverProcess.CONNECT_TIMEOUT);
    }

    private SparkJob job(String behaviour) throws Exception {
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "x,y,class\n1,2,a\n2,3,b\n3,1,a\n4,4,b\n5,2,a\n");
        Schema schema = new DatasetReader(dir, MlLog.SILENT)
                .trainingSchema(
                        List.of(csv), ReadOptions.fromConfiguration(null, null, null, List.of()), "trainingData");
        Path work = dir.resolve("work");
        return new SparkJob(
                SparkJob.SCHEMA_VERSION,
                SparkJob.TRAIN,
                "local[2]",
                Map.of(FakeSparkDriver.BEHAVIOUR, behaviour),
                2,
                60,
                List.of(),
                List.of(csv.toString()),
                schema,
                List.of(),
                "weka.classifiers.bayes.NaiveBayes",
                null,
                1,
                dir.resolve("model.tmp").toString(),
                work.resolve(SparkDriverProcess.RESULT_FILE).toString(),
                work.toString(),
                List.of(),
                -1);
    }

    @Test
    void aSucceededJobGivesItsResultAndItsProgressLinesReachTheLogAtTheirLevel() throws Exception {
        SparkResult result = launcher("local[2]").run(job("ok"));

        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.classCounts()).containsExactly(3L, 2L);
        assertThat(result.fileRows()).containsExactly(5L);
        assertThat(Files.size(dir.resolve("model.tmp"))).isPositive();
        assertThat(lines)
                .contains("INFO Spark job on local[2] with 2 partitions", "WARN one partition is empty")
                .anyMatch(l -> l.startsWith("DEBUG job read from "))
                .noneMatch(l -> l.contains("SparkContext") || l.contains("NativeCodeLoader"));
        // Spark's own lines, from stdout and stderr, go to the driver's log file only
        String driverLog = Files.readString(dir.resolve("work").resolve(SparkDriverProcess.LOG_FILE));
        assertThat(driverLog)
                .contains("INFO SparkContext: a line of Spark's own log")
                .contains("WARN NativeCodeLoader: a line of Spark's own log on stderr")
                .doesNotContain("ml-spark:");
        assertThat(Files.readString(dir.resolve("work/driver.args"))).startsWith("-cp\n\"");
    }

    @Test
    void aRefusedSettingBecomesAnInvalidConfigurationOfItsElement() throws Exception {
        assertThatThrownBy(() -> launcher("local[2]").run(job(SparkFailure.INVALID_CONFIGURATION)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("the fake driver failed as told: invalidConfiguration")
                .extracting(e -> ((InvalidConfigurationException) e).parameter())
                .isEqualTo("spark/executorMemory");
    }

    @Test
    void refusedInputIsInvalidInputAndASparkFailureNamesTheLog() throws Exception {
        assertThatThrownBy(() -> launcher("local[2]").run(job(SparkFailure.INVALID_INPUT)))
                .isInstanceOf(InvalidInputException.class)
                .isNotInstanceOf(SparkJobFailedException.class)
                .hasMessage("the fake driver failed as told: invalidInput");
        assertThatThrownBy(() -> launcher("local[2]").run(job(SparkFailure.FAILED)))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageStartingWith("the fake driver failed as told: failed (Spark's log: ")
                .hasMessageEndingWith(SparkDriverProcess.LOG_FILE + ")");
    }

    @Test
    void aCrashedDriverIsReportedWithTheLastLinesOfItsLog() throws Exception {
        assertThatThrownBy(() -> launcher("local[2]").run(job("crash")))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageStartingWith("the Spark driver stopped with exit code 3 and no result; the last lines of ")
                .hasMessageContaining("log line 30")
                .hasMessageContaining("java.lang.IllegalStateException: the driver broke")
                .hasMessageNotContaining("log line 5");
    }

    @Test
    void anUnreachableStandaloneMasterFailsFastAndNoDriverStarts() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        SparkJob job = job("ok");

        assertThatThrownBy(() -> launcher("spark://127.0.0.1:" + port).run(job))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("the Spark master at spark://127.0.0.1:" + port
                        + " cannot be reached (connection refused); start it or fix <spark><master>");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThat(dir.resolve("work").resolve(SparkDriverProcess.JOB_FILE)).doesNotExist();
    }

    @Test
    void anInterruptedBuildStopsTheDriver() throws Exception {
        SparkJob job = job("hang");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                launcher("local[2]").run(job);
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        build.start();
        Path pidFile = dir.resolve("work/driver.pid");
        for (int i = 0; i < 300 && !Files.exists(pidFile); i++) {
            Thread.sleep(100);
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle driver = ProcessHandle.of(pid).orElseThrow();

        build.interrupt();
        build.join(20_000);

        assertThat(build.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(SparkJobFailedException.class).hasMessageContaining("interrupted");
        driver.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(driver.isAlive()).isFalse();
    }

    @Test
    void sparksJvmFlagsAreReadFromTheDriversClassPath() throws Exception {
        Path testClasses = Path.of(FakeModuleOptions.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        assertThat(SparkJvmFlags.of(List.of(testClasses), FakeModuleOptions.class.getName()))
                .containsExactly("-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        // Maven's own class path is not searched: only the driver's
        assertThatThrownBy(() -> SparkJvmFlags.of(new ArrayList<>(List.of(dir)), FakeModuleOptions.class.getName()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no " + FakeModuleOptions.class.getName() + " (spark-launcher)");
    }
}
