package io.github.mlmaven.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.engine.DirectoryJar;
import io.github.mlmaven.engine.SparkFailure;
import io.github.mlmaven.engine.SparkJob;
import io.github.mlmaven.engine.SparkResult;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.Sha256;
import io.github.mlmaven.spark.testing.SparkCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The driver on a real standalone cluster (a master and two workers of 1 core and 1 GB on 127.0.0.1) against the same
 * job on {@code local[2]} in this JVM. The workers' {@code SPARK_HOME} lacks Weka, the plugin and this module, so every
 * task that runs proves the driver shipped them as the job's executor jars.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTrainingTest {
    private static final Path WORK = Path.of(System.getProperty("ml.test.workDirectory", "target/spark-jobs"))
            .resolve("cluster")
            .toAbsolutePath();
    private static final List<Path> CREDIT_TRAIN = List.of(DriverRun.dataset("credit-g-train.csv"));
    /** The jars the executors must be sent rather than find in the workers' SPARK_HOME. */
    private static final Pattern SHIPPED =
            Pattern.compile("(weka-stable|ml-maven-plugin|ml-model-runtime|ml-spark-driver)-.*\\.jar");

    private static final Pattern FIT_STARTED = Pattern.compile("Spark stage \\d+ \\(fit\\) started");
    private static final int KILLED_WORKER = 1;

    private static SparkCluster cluster;
    private static List<String> executorJars;

    @BeforeAll
    static void startCluster() throws Exception {
        executorJars = executorJars(Files.createDirectories(WORK.resolve("executor-jars")));
        cluster = new SparkCluster(WORK.resolve("cluster"), "1g", 1, SparkCluster.classPathJars(), SHIPPED);
        cluster.start(2);
        System.out.printf(
                Locale.ROOT,
                "MEASURED cluster: master and 2 workers ALIVE in %.1f s%n",
                cluster.startTime().toMillis() / 1000.0);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theClusterTrainsTheModelLocal2Trains() throws Exception {
        for (String[] algorithm : new String[][] {
            {"weka.classifiers.trees.RandomForest", "-I 10"}, {"weka.classifiers.bayes.NaiveBayes", null}
        }) {
            String name = DriverContext.simpleName(algorithm[0]);
            SparkJob local = job(WORK.resolve("same-local-" + name), "local[2]", CREDIT_TRAIN, algorithm, Map.of());
            SparkJob onCluster =
                    job(WORK.resolve("same-cluster-" + name), cluster.masterUrl(), CREDIT_TRAIN, algorithm, Map.of());

            Run localRun = Run.of(local, null);
            Run clusterRun = Run.of(onCluster, null);

            assertThat(localRun.exitCode).as(localRun.output).isZero();
            assertThat(clusterRun.exitCode).as(clusterRun.output).isZero();
            System.out.printf(
                    Locale.ROOT,
                    "MEASURED %s credit-g 2 partitions: local[2] %.1f s, cluster %.1f s (driver run, context start"
                            + " included)%n",
                    name,
                    localRun.seconds,
                    clusterRun.seconds);
            assertThat(clusterRun.output).contains("registered with " + cluster.masterUrl());
            assertThat(Sha256.ofFile(Path.of(onCluster.modelFile())))
                    .as(name + ": the model file of the cluster is local[2]'s")
                    .isEqualTo(Sha256.ofFile(Path.of(local.modelFile())));
            SparkResult a = localRun.result();
            SparkResult b = clusterRun.result();
            assertThat(b.rows()).isEqualTo(a.rows()).isEqualTo(800);
            assertThat(b.fileRows()).isEqualTo(a.fileRows());
            assertThat(b.classCounts()).isEqualTo(a.classCounts());
            assertThat(b.aggregation()).isEqualTo(a.aggregation());
            assertThat(b.profile().toJson()).isEqualTo(a.profile().toJson());
            assertThat(b.master()).isEqualTo(cluster.masterUrl());
        }
    }

    @Test
    @Order(2)
    void aModelThatCannotBeSerializedOnTheClusterIsNamedInOneLine() throws Exception {
        SparkJob job = job(
                WORK.resolve("unshippable"),
                cluster.masterUrl(),
                CREDIT_TRAIN,
                new String[] {UnshippableClassifier.class.getName(), null},
                Map.of());

        Run run = Run.of(job, null);

        assertThat(run.exitCode).as(run.output).isEqualTo(SparkDriverMain.FAILED);
        SparkFailure failure = run.failure();
        System.out.println("MEASURED unshippable on the cluster: " + failure.message());
        assertThat(failure.kind()).isEqualTo(SparkFailure.INVALID_INPUT);
        assertThat(failure.message())
                .doesNotContain("\n")
                .contains(UnshippableClassifier.class.getName(), "java.lang.Object", "not Serializable");
        assertThat(Path.of(job.modelFile())).doesNotExist();
    }

    @Test
    @Order(3)
    void anExecutorOutOfMemoryIsReportedInOneLineNamingExecutorMemory() throws Exception {
        SparkJob job = job(
                WORK.resolve("out-of-memory"),
                cluster.masterUrl(),
                CREDIT_TRAIN,
                new String[] {MemoryHogClassifier.class.getName(), null},
                Map.of("spark.executor.memory", "512m"));

        Run run = Run.of(job, null);

        assertThat(run.exitCode).as(run.output).isEqualTo(SparkDriverMain.FAILED);
        SparkFailure failure = run.failure();
        System.out.printf(
                Locale.ROOT,
                "MEASURED out of memory on the cluster after %.1f s: %s%n",
                run.seconds,
                failure.message());
        assertThat(failure.kind()).isEqualTo(SparkFailure.FAILED);
        assertThat(failure.message())
                .doesNotContain("\n")
                .containsIgnoringCase("out of memory")
                .contains("<spark><executorMemory>", "512m");
        assertThat(Path.of(job.modelFile())).doesNotExist();
    }

    @Test
    @Order(4)
    void killingAWorkerDuringTheFitRetriesOnTheOtherOrFailsCleanly() throws Exception {
        Path data = generated(WORK.resolve("generated/rows.csv"), 40_000);
        String[] forest = {"weka.classifiers.trees.RandomForest", "-I 60"};
        SparkJob reference = job(WORK.resolve("kill-reference"), "local[2]", List.of(data), forest, Map.of());
        Run referenceRun = Run.of(reference, null);
        assertThat(referenceRun.exitCode).as(referenceRun.output).isZero();

        SparkJob job = job(WORK.resolve("kill"), cluster.masterUrl(), List.of(data), forest, Map.of());
        List<ProcessHandle> killed = new ArrayList<>();
        long[] killedAfterMillis = {-1};
        Run run = Run.of(job, (fitStarted, start) -> {
            assertThat(fitStarted.await(180, TimeUnit.SECONDS))
                    .as("the fit stage started")
                    .isTrue();
            // inside the partitions' fit, not at its first instant
            Thread.sleep(1_000);
            killed.addAll(cluster.workerProcessTree(KILLED_WORKER));
            assertThat(Path.of(job.modelFile()))
                    .as("killed before the model was written")
                    .doesNotExist();
            cluster.killWorker(KILLED_WORKER);
            killedAfterMillis[0] = (System.nanoTime() - start) / 1_000_000;
        });

        assertThat(killed).as("worker and its executor JVM").hasSizeGreaterThanOrEqualTo(2);
        assertThat(killed).noneMatch(ProcessHandle::isAlive);
        if (run.exitCode == SparkDriverMain.OK) {
            System.out.printf(
                    Locale.ROOT,
                    "MEASURED kill worker %d (PID %d) %.1f s into the job: finished through Spark's retry in %.1f s"
                            + " (local[2] %.1f s); failed attempts: %s%n",
                    KILLED_WORKER,
                    killed.get(0).pid(),
                    killedAfterMillis[0] / 1000.0,
                    run.seconds,
                    referenceRun.seconds,
                    run.output.lines().filter(l -> l.contains("failed")).toList());
            assertThat(run.output)
                    .as("the kill cost the job running work, which Spark ran again")
                    .contains("(fit) task", "failed on executor");
            assertThat(Sha256.ofFile(Path.of(job.modelFile())))
                    .as("the model finished after the retry is local[2]'s")
                    .isEqualTo(Sha256.ofFile(Path.of(reference.modelFile())));
            assertThat(run.result().rows()).isEqualTo(referenceRun.result().rows());
            assertThat(run.result().classCounts())
                    .isEqualTo(referenceRun.result().classCounts());
        } else {
            SparkFailure failure = run.failure();
            System.out.printf(
                    Locale.ROOT,
                    "MEASURED kill worker %d %.1f s into the job: failed after %.1f s: %s%n",
                    KILLED_WORKER,
                    killedAfterMillis[0] / 1000.0,
                    run.seconds,
                    failure.message());
            assertThat(run.exitCode).as(run.output).isEqualTo(SparkDriverMain.FAILED);
            assertThat(failure.message()).doesNotContain("\n").isNotBlank();
            assertThat(Path.of(job.modelFile())).doesNotExist();
        }
    }

    /** What to do while the job runs: given a latch released when the fit stage starts, and the job's start time. */
    @FunctionalInterface
    interface DuringRun {
        void accept(CountDownLatch fitStarted, long startNanos) throws Exception;
    }

    /** One in-process driver run, its progress lines watched as they come. */
    private static final class Run {
        final int exitCode;
        final String output;
        final double seconds;
        final SparkJob job;

        private Run(int exitCode, String output, double seconds, SparkJob job) {
            this.exitCode = exitCode;
            this.output = output;
            this.seconds = seconds;
            this.job = job;
        }

        static Run of(SparkJob job, DuringRun during) throws Exception {
            Path work = Path.of(job.workDirectory());
            Files.createDirectories(work);
            Path jobFile = work.resolve("job.json");
            Json.MAPPER.writeValue(jobFile.toFile(), job);
            LineWatcher watcher = new LineWatcher();
            long start = System.nanoTime();
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try (PrintStream out = new PrintStream(watcher, true, StandardCharsets.UTF_8)) {
                Future<Integer> code = thread.submit(() -> SparkDriverMain.run(jobFile, out));
                if (during != null) {
                    during.accept(watcher.fitStarted, start);
                }
                int exitCode = code.get(10, TimeUnit.MINUTES);
                return new Run(exitCode, watcher.text(), (System.nanoTime() - start) / 1e9, job);
            } finally {
                thread.shutdownNow();
            }
        }

        SparkResult result() throws IOException {
            return Json.MAPPER.readValue(Path.of(job.resultFile()).toFile(), SparkResult.class);
        }

        SparkFailure failure() throws IOException {
            return Json.MAPPER.readValue(Path.of(job.resultFile()).toFile(), SparkFailure.class);
        }
    }

    /** The driver's stdout, echoed line by line as it comes; releases a latch at the fit stage's start. */
    private static final class LineWatcher extends OutputStream {
        final CountDownLatch fitStarted = new CountDownLatch(1);
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            all.write(b);
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            System.out.println(text);
            if (FIT_STARTED.matcher(text).find()) {
                fitStarted.countDown();
            }
        }

        synchronized String text() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private static SparkJob job(
            Path workDirectory, String master, List<Path> files, String[] algorithm, Map<String, String> extraConf) {
        SparkJob base = DriverRun.job(
                workDirectory,
                master,
                2,
                files.stream().map(Path::toString).toList(),
                DriverRun.schema(files),
                algorithm[0],
                algorithm[1]);
        Map<String, String> conf = new HashMap<>(extraConf);
        boolean local = DriverContext.isLocal(master);
        if (!local) {
            conf.putIfAbsent("spark.executor.cores", "1");
        }
        deleteResults(base);
        return new SparkJob(
                base.schemaVersion(),
                base.kind(),
                base.master(),
                conf,
                base.partitions(),
                // executors of a new application start in a few seconds, slower on a loaded machine
                local ? base.executorWaitSeconds() : 90,
                local ? List.of() : executorJars,
                base.files(),
                base.schema(),
                base.exclude(),
                base.algorithm(),
                base.options(),
                base.seed(),
                base.modelFile(),
                base.resultFile(),
                base.workDirectory(),
                base.classCounts(),
                base.positiveIndex());
    }

    private static void deleteResults(SparkJob job) {
        try {
            Files.deleteIfExists(Path.of(job.modelFile()));
            Files.deleteIfExists(Path.of(job.resultFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the plugin would send: the plugin's, the runtime library's and Weka's jars, and each class folder of this
     * JVM (this module's classes and test classes, the reactor's modules in a build) packed as a jar.
     */
    private static List<String> executorJars(Path folder) {
        List<String> jars = new ArrayList<>();
        int n = 0;
        for (Path entry : SparkCluster.classPath()) {
            if (Files.isDirectory(entry)) {
                Path jar = folder.resolve("classes-" + n++ + ".jar");
                if (DirectoryJar.write(entry, jar)) {
                    jars.add(jar.toString());
                }
            } else if (SHIPPED.matcher(entry.getFileName().toString()).matches()) {
                jars.add(entry.toString());
            }
        }
        return jars;
    }

    /** Rows of 12 numeric columns and a noisy class of three values, the same for the same count. */
    private static Path generated(Path file, int rows) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(18);
        StringBuilder csv = new StringBuilder();
        for (int c = 0; c < 12; c++) {
            csv.append('x').append(c).append(',');
        }
        csv.append("class\n");
        for (int r = 0; r < rows; r++) {
            double score = 0;
            for (int c = 0; c < 12; c++) {
                double x = Math.round(random.nextGaussian() * 1000) / 1000.0;
                score += x * (c % 3 == 0 ? 1 : -0.5);
                csv.append(x).append(',');
            }
            score += random.nextGaussian();
            csv.append(score < -0.8 ? "low" : score > 0.8 ? "high" : "mid").append('\n');
        }
        Files.writeString(file, csv);
        return file.toAbsolutePath();
    }
}
