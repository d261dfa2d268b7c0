package io.github.mlmaven.spark;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.Success$;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * Spark's progress in the Maven log: a line when a stage starts and when it ends (with its tasks and the records it
 * read), a line at each quarter of a stage's tasks when it has many, and a warning for each failed task attempt (up to
 * a few per stage), whose reason is what a user needs when an executor is lost.
 */
final class ProgressListener extends SparkListener {
    /** Above this many tasks a stage reports its progress by quarters rather than only at its end. */
    private static final int QUARTERS_ABOVE = 4;

    private static final int FAILURES_SHOWN = 3;

    private final DriverLog log;
    private final Map<Integer, Stage> stages = new ConcurrentHashMap<>();

    ProgressListener(DriverLog log) {
        this.log = log;
    }

    private static final class Stage {
        final String name;
        final int tasks;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicLong records = new AtomicLong();

        Stage(String name, int tasks) {
            this.name = name;
            this.tasks = tasks;
        }
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        StageInfo info = event.stageInfo();
        Stage stage = new Stage(shortName(info.name()), info.numTasks());
        stages.put(info.stageId(), stage);
        log.info("Spark stage " + info.stageId() + " (" + stage.name + ") started: " + tasks(info.numTasks()));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        Stage stage = stages.get(event.stageId());
        if (stage == null) {
            return;
        }
        if (!(event.reason() instanceof Success$)) {
            if (stage.failures.incrementAndGet() <= FAILURES_SHOWN) {
                log.warn("Spark stage " + event.stageId() + " (" + stage.name + ") task "
                        + event.taskInfo().index() + " failed on executor "
                        + event.taskInfo().executorId() + ": "
                        + DriverContext.firstLine(event.reason().toString()));
            }
            return;
        }
        TaskMetrics metrics = event.taskMetrics();
        if (metrics != null) {
            stage.records.addAndGet(metrics.inputMetrics().recordsRead()
                    + metrics.shuffleReadMetrics().recordsRead());
        }
        int done = stage.done.incrementAndGet();
        if (stage.tasks > QUARTERS_ABOVE && done < stage.tasks) {
            int quarter = stage.tasks / 4;
            if (quarter > 0 && done % quarter == 0) {
                log.info("Spark stage " + event.stageId() + " (" + stage.name + ") " + done + "/" + stage.tasks
                        + " tasks, " + count(stage.records.get()) + " records");
            }
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        StageInfo info = event.stageInfo();
        Stage stage = stages.remove(info.stageId());
        String name = stage == null ? shortName(info.name()) : stage.name;
        String seconds = "";
        if (info.submissionTime().isDefined() && info.completionTime().isDefined()) {
            long millis = (Long) info.completionTime().get()
                    - (Long) info.submissionTime().get();
            seconds = String.format(Locale.ROOT, " in %.1f s", millis / 1000.0);
        }
        if (info.failureReason().isDefined()) {
            log.warn("Spark stage " + info.stageId() + " (" + name + ") failed" + seconds + ": "
                    + DriverContext.firstLine(info.failureReason().get()));
            return;
        }
        long records = stage == null ? 0 : stage.records.get();
        log.info("Spark stage " + info.stageId() + " (" + name + ") " + info.numTasks() + "/" + tasks(info.numTasks())
                + ", " + count(records) + " records" + seconds);
    }

    /** Spark names a stage after its call site ("collect at TrainJob.java:97"): the action is what tells it apart. */
    static String shortName(String name) {
        int at = name.indexOf(" at ");
        return at > 0 ? name.substring(0, at) : name;
    }

    private static String tasks(int n) {
        return n + (n == 1 ? " task" : " tasks");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
