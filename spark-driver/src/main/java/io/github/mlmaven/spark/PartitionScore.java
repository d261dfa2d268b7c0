package io.github.mlmaven.spark;

import io.github.mlmaven.data.Schema;
import io.github.mlmaven.evaluation.ClassPriors;
import io.github.mlmaven.evaluation.PartitionEvaluation;
import io.github.mlmaven.runtime.SafeModelReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;
import weka.classifiers.Classifier;

/**
 * The evaluation task of one partition: reads its rows ({@link PartitionRows}) against the model card's schema,
 * deserializes the broadcast model through the runtime library's allow-listed reader and evaluates it with
 * {@link PartitionEvaluation#of}, which keeps counts, not rows.
 */
final class PartitionScore
        implements Function2<
                Integer, Iterator<Tuple2<Long, Tuple2<Integer, String>>>, Iterator<PartitionScore.Scored>> {
    private static final long serialVersionUID = 1L;
    static final String PARAMETER = "testData";

    /**
     * What one evaluation task returns: its partition's evaluation and what it read, or the failure that stopped it
     * (returned rather than thrown, as {@link PartitionModel}'s, so that Spark does not retry it).
     *
     * @param fileRows rows read from each of the job's files, in the job's order
     */
    record Scored(
            int partition,
            PartitionEvaluation evaluation,
            long rows,
            long[] fileRows,
            long millis,
            String failureKind,
            String failureParameter,
            String failureMessage)
            implements PartitionOutcome, Serializable {
        private static final long serialVersionUID = 1L;

        static Scored failed(int partition, String kind, String parameter, String message) {
            return new Scored(partition, null, 0, null, 0, kind, parameter, message);
        }
    }

    private final PartitionRows reader;
    private final Broadcast<byte[]> model;
    private final String modelSource;
    private final ClassPriors priors;
    private final int positiveIndex;
    /** The file names of the jars the job sends the executors: the classes a model may hold besides Weka's. */
    private final HashSet<String> executorJarNames;

    PartitionScore(
            List<SourceFile> files,
            long[] fileOffsets,
            Schema schema,
            List<String> exclude,
            String scratchRoot,
            Broadcast<byte[]> model,
            String modelSource,
            ClassPriors priors,
            int positiveIndex,
            List<String> executorJars)
            throws IOException {
        this.reader = new PartitionRows(files, fileOffsets, schema, exclude, PARAMETER, scratchRoot);
        this.model = model;
        this.modelSource = modelSource;
        this.priors = priors;
        this.positiveIndex = positiveIndex;
        this.executorJarNames = new HashSet<>();
        executorJars.forEach(
                jar -> executorJarNames.add(Path.of(jar).getFileName().toString()));
    }

    @Override
    public Iterator<Scored> call(Integer partition, Iterator<Tuple2<Long, Tuple2<Integer, String>>> rows)
            throws Exception {
        return PartitionTask.run(
                partition,
                rows,
                reader,
                "evaluated " + modelSource,
                (read, start) -> score(partition, read, start),
                Scored::failed);
    }

    private Scored score(int partition, PartitionRows.Read read, long start) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        // one copy per task: Weka's classifiers are not thread-safe
        Classifier classifier =
                SafeModelReader.read(model.value(), modelSource, loader, projectClasses(executorJarNames));
        PartitionEvaluation evaluation =
                PartitionEvaluation.of(classifier, read.data().instances(), priors, positiveIndex);
        return new Scored(
                partition,
                evaluation,
                read.data().rows(),
                read.fileRows(),
                (System.nanoTime() - start) / 1_000_000,
                null,
                null,
                null);
    }

    /**
     * The classes a model may hold besides Weka's and the JDK's (which the reader allows anyway): those of the jars the
     * job sends the executors (a worker keeps a fetched jar's file name), and those of class directories, which only
     * the project's classpath has (in {@code local} mode its class directories are on the driver's class path).
     */
    static Predicate<Class<?>> projectClasses(Set<String> jarNames) {
        return type -> {
            try {
                var source = type.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null) {
                    return false;
                }
                Path location = Path.of(source.getLocation().toURI());
                return Files.isDirectory(location)
                        || (location.getFileName() != null
                                && jarNames.contains(location.getFileName().toString()));
            } catch (java.net.URISyntaxException | RuntimeException e) {
                return false;
            }
        };
    }
}
