package io.github.mlmaven.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlmaven.engine.SparkFailure;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.rpc.RpcEnv;
import org.junit.jupiter.api.Test;

/** A standalone master that no worker joined: the driver gives up after executorWaitSeconds with a clear message. */
class MasterWithoutWorkersTest {
    private static final Path WORK = Path.of(System.getProperty("ml.test.workDirectory", "target/spark-jobs"));

    @Test
    void theDriverFailsWithinTheWaitNamingTheMasterAndExecutorMemory() throws Exception {
        SparkConf conf = new SparkConf(false).set("spark.ui.enabled", "false");
        // port 0: a free port, read back from the started master
        RpcEnv master = Master.startRpcEnvAndEndpoint("127.0.0.1", 0, 0, conf)._1();
        try {
            String url = "spark://127.0.0.1:" + master.address().port();
            List<Path> files = List.of(DriverRun.dataset("credit-g-train.csv"));
            var job = DriverRun.job(
                    WORK.resolve("no-worker"),
                    url,
                    2,
                    files.stream().map(Path::toString).toList(),
                    DriverRun.schema(files),
                    "weka.classifiers.rules.ZeroR",
                    null);
            long start = System.nanoTime();
            DriverRun run = DriverRun.run(WORK.resolve("no-worker"), job);
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(run.exitCode).isEqualTo(SparkDriverMain.FAILED);
            SparkFailure failure = run.failure();
            assertThat(failure.kind()).isEqualTo(SparkFailure.INVALID_CONFIGURATION);
            assertThat(failure.parameter()).isEqualTo("spark/master");
            assertThat(failure.message())
                    .contains("no worker registered with the Spark master " + url + " within 10 s", "<executorMemory>");
            // the job waits 10 s; the context's start and stop add a few
            assertThat(seconds).isLessThan(40);
            // the failed driver stopped its context: a later job must not attach to this master
            assertThat(org.apache.spark.SparkContext$.MODULE$.getActive().isEmpty())
                    .isTrue();
            System.out.printf(java.util.Locale.ROOT, "MEASURED master without workers: failed after %.1f s%n", seconds);
        } finally {
            master.shutdown();
            master.awaitTermination();
        }
    }
}
