package io.github.mlmaven.spark;

import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.monitoring.drift.DataProfile;
import io.github.mlmaven.training.ClassifierFactory;
import io.github.mlmaven.training.Training;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;
import weka.classifiers.Classifier;
import weka.classifiers.meta.Bagging;
import weka.core.Instances;

/**
 * The task of one partition: reads its rows ({@link PartitionRows}) and fits the configured classifier with the
 * plugin's training.
 */
final class PartitionFit
        implements Function2<Integer, Iterator<Tuple2<Long, Tuple2<Integer, String>>>, Iterator<PartitionModel>> {
    private static final long serialVersionUID = 1L;
    static final String PARAMETER = "trainingData";

    private final PartitionRows reader;
    private final String algorithm;
    private final String options;
    private final long seed;
    private final int partitions;

    PartitionFit(
            List<SourceFile> files,
            long[] fileOffsets,
            Schema schema,
            List<String> exclude,
            String algorithm,
            String options,
            long seed,
            int partitions,
            String scratchRoot)
            throws IOException {
        this.reader = new PartitionRows(files, fileOffsets, schema, exclude, PARAMETER, scratchRoot);
        this.algorithm = algorithm;
        this.options = options;
        this.seed = seed;
        this.partitions = partitions;
    }

    /**
     * The seed of partition {@code p}: the user's seed for partition 0, so that one partition trains the local
     * engine's model, and a distinct one for each other partition.
     */
    static long seedFor(long seed, int partition) {
        return seed + 7_919L * partition;
    }

    /**
     * The members partition {@code p} builds of an ensemble of {@code total}: an equal share, the remainder going to
     * the first partitions.
     */
    static int share(int total, int partitions, int partition) {
        return total / partitions + (partition < total % partitions ? 1 : 0);
    }

    @Override
    public Iterator<PartitionModel> call(Integer partition, Iterator<Tuple2<Long, Tuple2<Integer, String>>> rows)
            throws Exception {
        return PartitionTask.run(
                partition,
                rows,
                reader,
                "trained " + algorithm,
                (read, start) -> fit(partition, read, start),
                PartitionModel::failed);
    }

    private PartitionModel fit(int partition, PartitionRows.Read read, long start) throws Exception {
        Dataset data = read.data();
        Classifier classifier = ClassifierFactory.create(
                algorithm,
                options,
                seedFor(seed, partition),
                Thread.currentThread().getContextClassLoader());
        if (classifier instanceof Bagging bagging) {
            bagging.setNumIterations(share(bagging.getNumIterations(), partitions, partition));
        }
        Instances instances = data.instances();
        Training.standard().fit(classifier, instances);
        byte[] model = serialize(classifier);
        long[] classCounts = data.classDistribution().values().stream()
                .mapToLong(Long::longValue)
                .toArray();
        String profile = DataProfile.of(instances).toJson();
        return new PartitionModel(
                partition,
                model,
                data.rows(),
                read.fileRows(),
                classCounts,
                profile,
                (System.nanoTime() - start) / 1_000_000,
                null,
                null,
                null);
    }

    private byte[] serialize(Classifier classifier) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(classifier);
        } catch (NotSerializableException e) {
            throw new InvalidInputException("the model of <algorithm> " + algorithm + " cannot be sent from the"
                    + " executors to the driver: it holds a " + e.getMessage() + ", which is not Serializable;"
                    + " choose a classifier whose model is Serializable, or use <engine>local</engine>");
        }
        return bytes.toByteArray();
    }
}
