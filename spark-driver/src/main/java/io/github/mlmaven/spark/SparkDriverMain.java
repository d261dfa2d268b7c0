package io.github.mlmaven.spark;

import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.engine.SparkFailure;
import io.github.mlmaven.engine.SparkJob;
import io.github.mlmaven.engine.SparkResult;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The forked Spark driver of ml:train with {@code <engine>spark</engine>}: {@code SparkDriverMain <job.json>} runs the
 * job, reports progress on stdout as {@code ml-spark:<level>:<text>} lines and writes {@code result.json}. Exit code 0:
 * result.json is a {@link SparkResult}; 2: it is a {@link SparkFailure}; anything else: the JVM crashed.
 */
public final class SparkDriverMain {
    /** The system property naming the file Spark's log goes to (log4j2.properties reads it). */
    public static final String LOG_PROPERTY = "ml.spark.log";

    public static final String LOG_FILE = "spark-driver.log";
    public static final int OK = 0;
    public static final int FAILED = 2;
    /** The job file could not be read: there is no result file to write to. */
    public static final int NO_JOB = 3;

    private SparkDriverMain() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SparkDriverMain <job.json>");
            System.exit(NO_JOB);
        }
        Path jobFile = Path.of(args[0]);
        if (System.getProperty(LOG_PROPERTY) == null) {
            // before anything loads log4j: its configuration reads the property once
            try {
                SparkJob job = readJob(jobFile);
                Files.createDirectories(Path.of(job.workDirectory()));
                System.setProperty(
                        LOG_PROPERTY,
                        Path.of(job.workDirectory()).resolve(LOG_FILE).toString());
            } catch (IOException | RuntimeException e) {
                // run() reports it
            }
        }
        // Spark leaves non-daemon threads behind: the exit code ends the JVM
        System.exit(run(jobFile, System.out));
    }

    /**
     * Runs the job described in {@code jobJson}, its progress to {@code out}; returns {@link #OK} or {@link #FAILED}
     * after writing the job's result file, or {@link #NO_JOB} when the job file itself cannot be read.
     */
    public static int run(Path jobJson, PrintStream out) {
        WekaEnvironment.prepare();
        DriverLog log = new DriverLog(out);
        SparkJob job;
        try {
            job = readJob(jobJson);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the Spark job " + jobJson + ": " + e.getMessage());
            return NO_JOB;
        }
        try {
            SparkResult result = runJob(job, log);
            writeResult(job, result);
            return OK;
        } catch (Throwable e) { // NOPMD: every failure, errors included, must reach result.json
            LogManager.getLogger(SparkDriverMain.class).error("the Spark job failed", e);
            SparkFailure failure = Failures.describe(e, job);
            try {
                writeResult(job, failure);
            } catch (IOException | RuntimeException write) {
                log.warn("cannot write " + job.resultFile() + ": " + write.getMessage());
                return NO_JOB;
            }
            return FAILED;
        }
    }

    private static SparkResult runJob(SparkJob job, DriverLog log) throws Exception {
        Files.createDirectories(Path.of(job.workDirectory()));
        JavaSparkContext sc = DriverContext.start(job, log);
        try {
            sc.sc().addSparkListener(new ProgressListener(log));
            return switch (job.kind()) {
                case SparkJob.TRAIN -> TrainJob.run(sc, job, log);
                case SparkJob.EVALUATE -> EvaluateJob.run(sc, job, log);
                default ->
                    throw DriverFailure.failed("unknown job kind '" + job.kind() + "' in the job file; the"
                            + " plugin and ml-spark-driver must be of the same version");
            };
        } finally {
            sc.stop();
        }
    }

    static SparkJob readJob(Path jobJson) throws IOException {
        return Json.MAPPER.readValue(jobJson.toFile(), SparkJob.class);
    }

    private static void writeResult(SparkJob job, Object result) throws IOException {
        Path file = Path.of(job.resultFile());
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        AtomicFiles.write(file, stream -> Json.MAPPER.writeValue(stream, result));
    }
}
