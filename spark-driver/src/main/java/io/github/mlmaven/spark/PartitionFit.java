package io.github.mlmaven.spark;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataFiles;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.engine.SparkFailure;
import io.github.mlmaven.monitoring.drift.DataProfile;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.training.ClassifierFactory;
import io.github.mlmaven.training.Training;
import io.github.mlmaven.workflow.WekaEnvironment;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;
import weka.classifiers.Classifier;
import weka.classifiers.meta.Bagging;
import weka.core.Instances;

/**
 * The task of one partition: writes its rows (in ordinal order, so file by file) to scratch files, each headed by its
 * source file's preamble, reads them with the plugin's reader against the job's schema, and fits the configured
 * classifier with the plugin's training. Messages of the reader name the source file and its line, not the scratch
 * file's.
 */
final class PartitionFit
        implements Function2<Integer, Iterator<Tuple2<Long, Tuple2<Integer, String>>>, Iterator<PartitionModel>> {
    private static final long serialVersionUID = 1L;
    static final String PARAMETER = "trainingData";

    private final List<SourceFile> files;
    /** The first ordinal of each file's rows. */
    private final long[] fileOffsets;

    private final String schemaJson;
    private final ArrayList<String> exclude;
    private final String algorithm;
    private final String options;
    private final long seed;
    private final int partitions;
    private final String scratchRoot;

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
        this.files = new ArrayList<>(files);
        this.fileOffsets = fileOffsets.clone();
        this.schemaJson = Json.MAPPER.writeValueAsString(schema);
        this.exclude = new ArrayList<>(exclude);
        this.algorithm = algorithm;
        this.options = options;
        this.seed = seed;
        this.partitions = partitions;
        this.scratchRoot = scratchRoot;
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
        long start = System.nanoTime();
        // an executor is a JVM of its own: Weka must stay offline and on pure-Java matrices there as well
        WekaEnvironment.prepare();
        Path scratch = scratchDirectory(partition);
        try {
            List<Segment> segments = writeScratch(scratch, rows);
            return List.of(fit(partition, scratch, segments, start)).iterator();
        } catch (InvalidInputException e) {
            return List.of(PartitionModel.failed(partition, SparkFailure.INVALID_INPUT, null, e.getMessage()))
                    .iterator();
        } catch (InvalidConfigurationException e) {
            return List.of(PartitionModel.failed(
                            partition, SparkFailure.INVALID_CONFIGURATION, e.parameter(), e.getMessage()))
                    .iterator();
        } catch (OutOfMemoryError e) {
            // an ordinary exception, without the error as its cause: Spark ends an executor's JVM on a fatal error (in
            // the cause chain too), and on a cluster the driver then sees only lost shuffle outputs, not the memory
            throw new IllegalStateException("java.lang.OutOfMemoryError (" + e.getMessage() + ") while partition "
                    + partition + " trained " + algorithm);
        } finally {
            deleteRecursively(scratch);
        }
    }

    /** A source file's rows in this partition: where they went and which line of the source the first one was. */
    private record Segment(SourceFile source, int fileIndex, Path scratchFile, long firstLine) {}

    private PartitionModel fit(int partition, Path scratch, List<Segment> segments, long start) throws Exception {
        Schema schema = Json.MAPPER.readValue(schemaJson, Schema.class);
        Dataset data;
        try {
            data = new DatasetReader(scratch, MlLog.SILENT)
                    .readWithSchema(
                            segments.stream().map(Segment::scratchFile).toList(),
                            schema,
                            PARAMETER,
                            new HashSet<>(exclude));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(sourceMessage(e.getMessage(), scratch, segments), e);
        }
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
        long[] fileRows = new long[files.size()];
        for (int i = 0; i < segments.size(); i++) {
            fileRows[segments.get(i).fileIndex()] = data.files().get(i).rows();
        }
        long[] classCounts = data.classDistribution().values().stream()
                .mapToLong(Long::longValue)
                .toArray();
        String profile = DataProfile.of(instances).toJson();
        return new PartitionModel(
                partition,
                model,
                data.rows(),
                fileRows,
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

    private List<Segment> writeScratch(Path scratch, Iterator<Tuple2<Long, Tuple2<Integer, String>>> rows)
            throws IOException {
        List<Segment> segments = new ArrayList<>();
        BufferedWriter writer = null;
        int current = -1;
        try {
            while (rows.hasNext()) {
                Tuple2<Long, Tuple2<Integer, String>> row = rows.next();
                int fileIndex = row._2()._1();
                if (fileIndex != current) {
                    if (writer != null) {
                        writer.close();
                    }
                    current = fileIndex;
                    SourceFile source = files.get(fileIndex);
                    Path file = scratch.resolve(Integer.toString(fileIndex)).resolve(source.fileName());
                    Files.createDirectories(file.getParent());
                    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                    for (String line : source.preamble()) {
                        writer.write(line);
                        writer.write('\n');
                    }
                    long firstLine = source.preamble().size() + (row._1() - fileOffsets[fileIndex]);
                    segments.add(new Segment(source, fileIndex, file, firstLine));
                }
                writer.write(row._2()._2());
                writer.write('\n');
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        return segments;
    }

    /**
     * The reader's message with each scratch file replaced by its source file and each of its line numbers by the
     * source's: the rows of a segment are a contiguous run of the source's lines after the same preamble.
     */
    static String sourceMessage(String message, Path scratch, List<Segment> segments) {
        String result = message;
        for (Segment segment : segments) {
            String shown = DataFiles.displayPath(scratch, segment.scratchFile());
            long shift = segment.firstLine() - segment.source().preamble().size();
            Matcher m = Pattern.compile(Pattern.quote(shown) + " line (\\d+)").matcher(result);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                long line = Long.parseLong(m.group(1));
                long sourceLine = line > segment.source().preamble().size() ? line + shift : line;
                m.appendReplacement(
                        out, Matcher.quoteReplacement(segment.source().location() + " line " + sourceLine));
            }
            m.appendTail(out);
            result = out.toString()
                    .replace(segment.scratchFile().toString(), segment.source().location())
                    .replace(shown, segment.source().location());
        }
        return result;
    }

    private Path scratchDirectory(int partition) throws IOException {
        Path root = Path.of(scratchRoot);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            // an executor on another machine: the driver's work directory is not there
            root = Path.of(System.getProperty("java.io.tmpdir"));
        }
        return Files.createTempDirectory(root, "partition-" + partition + "-");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
