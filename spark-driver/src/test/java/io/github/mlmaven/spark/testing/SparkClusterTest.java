package io.github.mlmaven.spark.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The standalone cluster of the tests, tested: a master and two workers on 127.0.0.1, a real job submitted from this
 * JVM, and a worker killed (its own PID, SIGKILL) while a job runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {

    private static final Duration EXECUTOR_WAIT = Duration.ofSeconds(90);

    private static SparkCluster cluster;
    private static JavaSparkContext spark;

    @BeforeAll
    static void startClusterAndContext() throws Exception {
        Path directory = Paths.get("target", "spark-cluster", "SparkClusterTest");
        System.out.println("SparkClusterTest: java.class.path is "
                + (System.getProperty("java.class.path").contains(java.io.File.pathSeparator)
                        ? "the class path itself"
                        : "one jar: " + System.getProperty("java.class.path")));
        cluster = new SparkCluster(directory).start(2);
        System.out.printf("SparkClusterTest: master and 2 workers ALIVE in %.2f s%n", seconds(cluster.startTime()));

        // the executors load this test's classes (the serialized lambdas) from the test's own output folder
        String testClasses = SparkCluster.classPath().stream()
                .filter(entry -> !entry.getFileName().toString().endsWith(".jar"))
                .map(Path::toString)
                .collect(Collectors.joining(java.io.File.pathSeparator));
        SparkConf conf = new SparkConf()
                .setMaster(cluster.masterUrl())
                .setAppName("SparkClusterTest")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.executor.memory", "512m")
                .set("spark.executor.cores", "1")
                .set("spark.executor.extraClassPath", testClasses)
                // a lost task is retried on the surviving executor instead of failing the job at once
                .set("spark.task.maxFailures", "4");
        spark = new JavaSparkContext(conf);
        awaitExecutors(2);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theTestJvmRunsWithSparksOwnModuleFlags() {
        // surefire's argLine copies Spark's list: it must not fall behind the Spark version on the class path
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertThat(jvmArguments).containsAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
    }

    @Test
    @Order(2)
    void theMasterListsBothWorkersAlive() throws Exception {
        assertThat(cluster.aliveWorkers()).isEqualTo(2);
        assertThat(cluster.workerPid(0)).isNotEqualTo(cluster.workerPid(1));
        assertThat(ProcessHandle.of(cluster.workerPid(0)))
                .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
    }

    @Test
    @Order(3)
    void aJobRunsOnTheClustersExecutors() {
        Set<String> executors = ConcurrentHashMap.newKeySet();
        spark.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart taskStart) {
                executors.add(taskStart.taskInfo().executorId());
            }
        });
        List<Integer> numbers = IntStream.rangeClosed(1, 1000).boxed().toList();

        long t0 = System.nanoTime();
        long sum = spark.parallelize(numbers, 2).map(Integer::longValue).reduce(Long::sum);
        Duration jobTime = Duration.ofNanos(System.nanoTime() - t0);

        System.out.printf("SparkClusterTest: sum of 1..1000 over 2 partitions in %.2f s%n", seconds(jobTime));
        assertThat(sum).isEqualTo(1000L * 1001 / 2);
        assertThat(executors).doesNotContain("driver").isNotEmpty();
    }

    @Test
    @Order(4)
    void killingAWorkerDuringAJobLeavesTheRetriesToTheOtherWorker() throws Exception {
        Set<String> executorsWithTasks = ConcurrentHashMap.newKeySet();
        AtomicInteger failedTasks = new AtomicInteger();
        spark.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart taskStart) {
                executorsWithTasks.add(taskStart.taskInfo().executorId());
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                if (!taskEnd.taskInfo().successful()) {
                    failedTasks.incrementAndGet();
                }
            }
        });
        List<Integer> numbers = IntStream.rangeClosed(1, 400).boxed().toList();

        long t0 = System.nanoTime();
        JavaFutureAction<List<Long>> job = spark.parallelize(numbers, 4)
                .mapPartitions(rows -> {
                    long partitionSum = 0;
                    while (rows.hasNext()) {
                        partitionSum += rows.next();
                    }
                    Thread.sleep(3_000);
                    return List.of(partitionSum).iterator();
                })
                .collectAsync();
        awaitTasksOnBothExecutors(executorsWithTasks);
        List<ProcessHandle> killed = cluster.workerProcessTree(1);
        assertThat(killed).as("worker 1 and its executor JVM").hasSizeGreaterThanOrEqualTo(2);
        cluster.killWorker(1);
        long sum = job.get(180, TimeUnit.SECONDS).stream()
                .mapToLong(Long::longValue)
                .sum();
        Duration jobTime = Duration.ofNanos(System.nanoTime() - t0);

        System.out.printf(
                "SparkClusterTest: 4 tasks of 3 s with worker 1 (PID %d) killed: done in %.2f s, %d task(s) failed"
                        + " and were retried%n",
                killed.get(0).pid(), seconds(jobTime), failedTasks.get());
        assertThat(sum).isEqualTo(400L * 401 / 2);
        assertThat(failedTasks.get()).as("tasks lost with the killed executor").isPositive();
        assertThat(killed).noneMatch(ProcessHandle::isAlive);
    }

    private static void awaitTasksOnBothExecutors(Set<String> executorsWithTasks) throws InterruptedException {
        long deadline = System.nanoTime() + EXECUTOR_WAIT.toNanos();
        while (executorsWithTasks.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(executorsWithTasks).as("executors running a task").hasSize(2);
        // the tasks have started: give them a moment inside their sleep, so the kill loses running work
        Thread.sleep(500);
    }

    private static void awaitExecutors(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + EXECUTOR_WAIT.toNanos();
        List<String> executors = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            executors = Arrays.stream(spark.sc().statusTracker().getExecutorInfos())
                    .map(info -> info.host() + ":" + info.port())
                    .toList();
            // the driver is listed among the executors
            if (executors.size() > expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("only " + executors + " registered with " + cluster.masterUrl() + " after "
                + EXECUTOR_WAIT.toSeconds() + " s; executor logs are under " + cluster.workerWorkDirectory(0));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
