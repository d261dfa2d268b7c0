package io.github.mlmaven.workflow;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.DataFile;
import io.github.mlmaven.data.DataSource;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.data.RowSink;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.training.NaiveBayesColumns;
import io.github.mlmaven.training.Training;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import weka.classifiers.Classifier;
import weka.classifiers.UpdateableClassifier;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Reads the training data of one ml:train run in the cheapest form the fit allows: streamed into an updateable
 * classifier as it is read, into NaiveBayes columns, or into memory as Weka rows.
 */
final class TrainingReader {
    /**
     * The training data as read.
     *
     * @param columns the rows kept as NaiveBayes columns for the fit; null when they were not read so
     * @param streamedNanos time spent streaming the rows into the model (reading and learning together); 0 unless
     *     streamed
     */
    record TrainingData(Dataset dataset, NaiveBayesColumns columns, long streamedNanos) {
        List<String> hashes() {
            return dataset.files().stream().map(DataFile::sha256).toList();
        }
    }

    private final MlLog log;
    private final TrainRequest request;
    private final DataSource source;
    private final Classifier classifier;
    private final boolean streaming;
    /** Whether the rows must be held as Weka rows: new rows per class are counted from them. */
    private final boolean rowsNeeded;

    TrainingReader(
            MlLog log,
            TrainRequest request,
            DataSource source,
            Classifier classifier,
            boolean streaming,
            boolean rowsNeeded) {
        this.log = log;
        this.request = request;
        this.source = source;
        this.classifier = classifier;
        this.streaming = streaming;
        this.rowsNeeded = rowsNeeded;
    }

    /**
     * Reads the training data, hashing it as it is read. When streaming, the rows go to the classifier as they are read
     * and are not kept.
     */
    TrainingData read() {
        Optional<TrainingData> data = streaming ? stream() : Optional.empty();
        if (data.isEmpty() && !rowsNeeded && columnar()) {
            data = readColumns();
        }
        return data.orElseGet(() -> new TrainingData(source.read(request.readOptions()), null, 0));
    }

    /**
     * NaiveBayes rows read into columns ({@link NaiveBayesColumns}), not into Weka rows, when the schema is known
     * before the rows are read: from an ARFF header. (A CSV file's types need a pass of their own, which the in-memory
     * read saves by typing the columns as it reads.)
     */
    private boolean columnar() {
        return request.evaluation() != EvaluationMethod.HOLDOUT
                && NaiveBayesColumns.supports(classifier)
                && source.schemaInHeader();
    }

    /**
     * Trains an updateable classifier as Weka's CLI does (header first, then row by row) while the data is read: the
     * schema from the data (an ARFF header, or a scan of the CSV columns), then one pass that feeds each row to the
     * model. Rows are counted, not kept. Empty when the data cannot be streamed (string attributes).
     */
    private Optional<TrainingData> stream() {
        Schema schema = source.schema(request.readOptions());
        if (schema.hasStringAttributes()) {
            // a string attribute's values live in the header, which a stream cannot grow: held in memory instead
            log.info("The training data has string attributes, which are not streamed: reading it into memory");
            return Optional.empty();
        }
        Instances header = schema.emptyInstances("training", 0);
        long start = System.nanoTime();
        Dataset dataset;
        try {
            classifier.buildClassifier(header);
            log.info("Training " + request.algorithm() + " row by row as the data is read (an updateable classifier:"
                    + " memory does not grow with the data)");
            UpdateableClassifier updateable = (UpdateableClassifier) classifier;
            dataset = streamRows(schema, header, (values, weight) -> {
                Instance row = new DenseInstance(weight, values);
                row.setDataset(header);
                updateable.updateClassifier(row);
            });
            Training.finish(classifier);
        } catch (InvalidConfigurationException | InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw TrainWorkflow.trainingFailed(request, e);
        }
        long streamedNanos = System.nanoTime() - start;
        return Optional.of(new TrainingData(checkStreamed(dataset), null, streamedNanos));
    }

    /** Reads the training data into NaiveBayes columns; empty when it must be read into memory after all. */
    private Optional<TrainingData> readColumns() {
        Schema schema = source.schema(request.readOptions());
        if (schema.hasStringAttributes()) {
            return Optional.empty(); // NaiveBayes refuses them: the in-memory read gets Weka's own message
        }
        Instances header = schema.emptyInstances("training", 0);
        NaiveBayesColumns kept = new NaiveBayesColumns(header);
        log.debug("NaiveBayes: the training rows are kept as columns, not as Weka rows");
        return Optional.of(new TrainingData(checkStreamed(streamRows(schema, header, kept::add)), kept, 0));
    }

    /** One pass over the data against {@code schema}, each row to {@code sink}; rows are counted, not kept. */
    private Dataset streamRows(Schema schema, Instances header, RowSink sink) {
        long[] perClass = new long
                [header.classAttribute().isNominal() ? header.classAttribute().numValues() : 0];
        long[] rows = {0};
        int classIndex = header.classIndex();
        List<DataFile> parts = source.stream(schema, source.parameter(), (values, weight) -> {
            sink.accept(values, weight);
            rows[0]++;
            if (perClass.length > 0 && !Double.isNaN(values[classIndex])) {
                perClass[(int) values[classIndex]]++;
            }
        });
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int v = 0; v < perClass.length; v++) {
            distribution.put(header.classAttribute().value(v), perClass[v]);
        }
        return Dataset.streamed(header, schema, parts, rows[0], distribution);
    }

    private Dataset checkStreamed(Dataset dataset) {
        if (dataset.rows() == 0) {
            throw new InvalidInputException("<" + source.parameter() + "> holds no data rows ("
                    + String.join(
                            ", ", dataset.files().stream().map(DataFile::path).toList()) + ")");
        }
        DatasetReader.checkTrainable(dataset); // the in-memory read's check, with its wording
        return dataset;
    }
}
