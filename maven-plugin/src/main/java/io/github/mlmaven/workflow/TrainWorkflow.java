package io.github.mlmaven.workflow;

import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.Heartbeat;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.AttributeSpec;
import io.github.mlmaven.data.DataFile;
import io.github.mlmaven.data.DataFiles;
import io.github.mlmaven.data.DataSplits;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.DatasetReader;
import io.github.mlmaven.data.FingerprintCache;
import io.github.mlmaven.data.RowSink;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.lineage.GitInspector;
import io.github.mlmaven.retrain.DataChangeCounter;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.retrain.RetrainDecision;
import io.github.mlmaven.retrain.RetrainPolicy;
import io.github.mlmaven.runtime.GitLineage;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.training.ClassifierFactory;
import io.github.mlmaven.training.InputsKey;
import io.github.mlmaven.training.NaiveBayesColumns;
import io.github.mlmaven.training.Training;
import io.github.mlmaven.weka.WekaVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import weka.classifiers.Classifier;
import weka.classifiers.UpdateableClassifier;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/** ml:train as a plain use case: resolve data, skip when up to date, read, fit, write the model and its card. */
public final class TrainWorkflow {
    static final long HEARTBEAT_SECONDS = 30;

    private final MlLog log;

    public TrainWorkflow(MlLog log) {
        this.log = log;
    }

    /**
     * The card of the model now on disk (null when training was skipped by the retrain policy and none is on disk),
     * whether this run trained it, and the retrain policy's decision (null without a policy).
     */
    public record Result(ModelCard card, boolean trained, RetrainDecision decision) {
        public Result(ModelCard card, boolean trained) {
            this(card, trained, null);
        }
    }

    public Result run(TrainRequest request) {
        WekaEnvironment.prepare();
        ModelBundle bundle =
                new ModelBundle(request.outputDirectory().resolve(request.modelName()), request.modelName());
        List<Path> files = DataFiles.resolve(request.basedir(), request.trainingData(), "trainingData");
        boolean holdout = request.evaluation() == EvaluationMethod.HOLDOUT;
        if (holdout) {
            checkHoldoutPercent(request.holdoutPercent());
        }

        Classifier classifier =
                ClassifierFactory.create(request.algorithm(), request.options(), request.seed(), request.classLoader());
        // an updateable classifier learns row by row as the files are read: memory does not grow with the data
        boolean streaming = !holdout && Training.methodFor(classifier) == Training.Method.INCREMENTAL;
        // unchanged files (same size and modification time as when last hashed) are not read to learn so
        FingerprintCache fingerprints = FingerprintCache.load(bundle.directory());
        List<String> knownHashes = new ArrayList<>();
        for (Path file : files) {
            fingerprints.unchanged(file).ifPresent(knownHashes::add);
        }
        String inputsKey = knownHashes.size() == files.size() ? inputsKey(request, files, knownHashes, holdout) : null;
        String configurationKey = configurationKey(request, holdout);
        ProductionModel production =
                request.production() == null ? ProductionModel.unknown("not looked up") : request.production();
        ModelCard productionCard = null;
        if (production.found()) {
            try {
                productionCard = production.readCard(request.modelName());
            } catch (InvalidInputException e) {
                log.warn("Cannot read the card of production " + production.version() + " (" + e.getMessage()
                        + "); new rows are not counted against it");
                production = ProductionModel.unknown(e.getMessage());
            }
        }
        // new rows per class are counted from the rows themselves, so then they are held in memory
        rowsNeeded = productionCard != null;
        Dataset dataset = null;
        ModelCard.DataChanges changes = null;
        RetrainDecision decision = null;
        if (request.retrainWhen() != null && request.retrainWhen().configured()) {
            RetrainPolicy policy = request.retrainWhen();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            if (request.force()) {
                decision = policy.train(request.modelName(), "-Dml.train.force=true", production.version(), now);
            } else if ("none".equals(production.status())) {
                decision = policy.train(
                        request.modelName(), "no production version yet, so the model is trained", null, now);
            } else if (productionCard == null) {
                decision = policy.train(
                        request.modelName(),
                        "the production model could not be compared with (" + production.note() + "), so the model"
                                + " is trained",
                        production.version(),
                        now);
            } else {
                dataset = read(request, files, fingerprints, classifier, streaming);
                changes = DataChangeCounter.count(dataset, productionCard, production.version());
                decision = policy.decide(
                        request.modelName(), productionCard, production.version(), changes, configurationKey, now);
            }
            decision.writeTo(bundle.directory());
            log.info(decision.logLine());
            if (!decision.retrain()) {
                try {
                    AtomicFiles.writeString(bundle.summaryFile(), decision.skippedSummary());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + bundle.summaryFile() + ": " + e.getMessage(), e);
                }
                return new Result(bundle.readCardIfPresent().orElse(null), false, decision);
            }
        } else {
            RetrainDecision.remove(bundle.directory());
        }

        GitLineage lineage = GitInspector.inspect(request.basedir(), log).orElse(null);
        if (!request.force()) {
            if (inputsKey == null) {
                // a file is new or touched: its hash comes from reading it, which training needs anyway (a streamed
                // read would train, so then the files are only hashed)
                if (dataset == null && streaming) {
                    inputsKey = inputsKey(request, files, hashOnly(files, fingerprints), holdout);
                } else {
                    if (dataset == null) {
                        dataset = read(request, files, fingerprints, classifier, streaming);
                    }
                    inputsKey = inputsKey(request, files, hashes(dataset), holdout);
                }
            }
            var existing = bundle.readCardIfPresent();
            boolean cleanCommitNow = lineage != null && lineage.commit() != null && !lineage.dirty();
            boolean cardLacksCleanCommit = existing.isPresent()
                    && (existing.get().git() == null
                            || existing.get().git().commit() == null
                            || existing.get().git().dirty());
            if (existing.isPresent()
                    && inputsKey.equals(existing.get().inputsKey())
                    && bundle.modelMatches(existing.get())
                    && cleanCommitNow
                    && cardLacksCleanCommit) {
                // the model could be kept, but its card must name a commit that holds its inputs (for promotion)
                log.info("Model " + request.modelName() + " was trained without a clean git commit; retraining so"
                        + " that its card names commit " + lineage.commit());
            } else if (existing.isPresent()
                    && inputsKey.equals(existing.get().inputsKey())
                    && bundle.modelMatches(existing.get())) {
                log.info("Model " + request.modelName() + " is up to date (data, configuration and classpath unchanged"
                        + " since " + existing.get().trainedAt() + "); skipping training. -Dml.train.force=true"
                        + " retrains");
                return new Result(existing.get(), false, decision);
            }
        }

        if (dataset == null) {
            dataset = read(request, files, fingerprints, classifier, streaming);
        }
        if (inputsKey == null) {
            inputsKey = inputsKey(request, files, hashes(dataset), holdout);
        }
        if (changes == null) {
            changes = productionCard != null
                    ? DataChangeCounter.count(dataset, productionCard, production.version())
                    : DataChangeCounter.withoutProduction(
                            dataset,
                            "none".equals(production.status()) ? "noProduction" : "unknown",
                            "none".equals(production.status()) ? null : production.note());
        }
        Instances all = dataset.instances();
        String positiveClass = positiveClass(dataset, request.positiveClass());
        Instances fitRows = holdout
                ? DataSplits.stratifiedHoldout(all, request.holdoutPercent(), request.seed())
                        .train()
                : all;

        String effectiveOptions = ClassifierFactory.effectiveOptions(classifier);
        Instant trainedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long start = System.nanoTime();
        NaiveBayesColumns kept = columns;
        columns = null;
        if (dataset.isStreamed() && kept == null) {
            start -= streamedNanos; // it learnt while the files were read
        } else {
            log.info(String.format(
                    Locale.ROOT,
                    "Training %s%s on %,d rows%s",
                    request.algorithm(),
                    effectiveOptions.isEmpty() ? "" : " " + effectiveOptions,
                    kept != null ? dataset.rows() : fitRows.numInstances(),
                    holdout ? " (the training part of a " + request.holdoutPercent() + "% holdout split)" : ""));
        }
        try (Heartbeat heartbeat = Heartbeat.start(log, "training " + request.algorithm(), HEARTBEAT_SECONDS)) {
            if (kept != null) {
                Training.standard(log).fit(classifier, kept);
            } else if (!dataset.isStreamed()) {
                Training.standard(log).fit(classifier, fitRows);
            }
        } catch (InvalidConfigurationException | InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw trainingFailed(request, e);
        }
        long trainingMillis = (System.nanoTime() - start) / 1_000_000;

        ModelCard card = new ModelCard(
                ModelCard.CURRENT_SCHEMA_VERSION,
                request.modelName(),
                request.algorithm().strip(),
                request.options() == null ? "" : request.options().strip(),
                effectiveOptions,
                WekaVersion.maven(),
                WekaVersion.reported(),
                System.getProperty("java.version"),
                request.pluginVersion(),
                request.seed(),
                trainedAt.toString(),
                trainingMillis,
                new ModelCard.TrainedOn(
                        holdout ? "holdout" : "all",
                        holdout ? request.holdoutPercent() : null,
                        dataset.isStreamed() ? dataset.rows() : fitRows.numInstances()),
                schemaSection(dataset, positiveClass),
                dataSection(dataset),
                lineage,
                null,
                null,
                inputsKey,
                configurationKey,
                changes);
        try {
            card = bundle.write(classifier, all, card);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the model to " + bundle.directory() + ": " + e.getMessage(), e);
        }
        log.info(String.format(
                Locale.ROOT,
                "Trained %s in %.2f s; wrote %s and %s",
                request.modelName(),
                trainingMillis / 1000.0,
                request.basedir().relativize(bundle.modelFile()),
                ModelBundle.CARD_FILE));
        if (changes.newRows() != null) {
            log.info("Data: "
                    + RetrainDecision.dataLine(
                            changes.rows(), changes.newRows(), changes.newRowsPerClass(), changes.comparedWith()));
        }
        return new Result(card, true, decision);
    }

    /**
     * Reads the training files, hashing them as they are read (a file unchanged since it was last hashed is not hashed
     * again: its size and modification time when opened are those recorded with its hash), and remembers their hashes
     * for the next run. When {@code streaming}, the rows go to {@code classifier} as they are read and are not kept.
     */
    private Dataset read(
            TrainRequest request,
            List<Path> files,
            FingerprintCache fingerprints,
            Classifier classifier,
            boolean streaming) {
        List<FingerprintCache.Stat> before = FingerprintCache.Stat.ofEach(files);
        long startedAt = FingerprintCache.nowNanos();
        Dataset dataset = streaming ? stream(request, files, classifier, fingerprints) : null;
        if (dataset == null && !rowsNeeded && columnar(request, files, classifier)) {
            dataset = readColumns(request, files, fingerprints);
        }
        if (dataset == null) {
            dataset = reader(request, fingerprints).readTraining(files, request.readOptions(), "trainingData");
        }
        List<String> hashes = hashes(dataset);
        for (int i = 0; i < files.size(); i++) {
            fingerprints.record(files.get(i), before.get(i), startedAt, hashes.get(i));
        }
        save(fingerprints);
        return dataset;
    }

    private void save(FingerprintCache fingerprints) {
        try {
            fingerprints.save();
        } catch (IOException e) {
            log.warn("Cannot save the data fingerprints (" + e.getMessage() + "); the next run hashes the data again");
        }
    }

    /** A classifier that failed on this data, with what to change: Weka's capability check says "Cannot handle". */
    private static InvalidInputException trainingFailed(TrainRequest request, Exception e) {
        String reason = String.valueOf(e.getMessage());
        String hint = reason.contains("Cannot handle")
                ? "; choose an algorithm that handles these attribute and class types, or convert them with a"
                        + " filter (weka.classifiers.meta.FilteredClassifier)"
                : "; check <algorithm> and <options>";
        return new InvalidInputException(
                request.algorithm() + " could not be trained on this data: " + reason + hint, e);
    }

    /** Nanoseconds spent streaming the training files into the model (reading and learning together). */
    private long streamedNanos;

    /**
     * Trains an updateable classifier as Weka's CLI does (header first, then row by row) while the files are read: the
     * schema from the files (an ARFF header, or a scan of the CSV columns), then one pass that feeds each row to the
     * model. Rows are counted, not kept. Null when the data cannot be streamed (string attributes).
     */
    private Dataset stream(
            TrainRequest request, List<Path> files, Classifier classifier, FingerprintCache fingerprints) {
        DatasetReader reader = reader(request, fingerprints);
        Schema schema = reader.trainingSchema(files, request.readOptions(), "trainingData");
        if (schema.hasStringAttributes()) {
            // a string attribute's values live in the header, which a stream cannot grow: held in memory instead
            log.info("The training data has string attributes, which are not streamed: reading it into memory");
            return null;
        }
        Instances header = schema.emptyInstances("training", 0);
        long start = System.nanoTime();
        Dataset dataset;
        try {
            classifier.buildClassifier(header);
            log.info("Training " + request.algorithm() + " row by row as the data is read (an updateable classifier:"
                    + " memory does not grow with the data)");
            UpdateableClassifier updateable = (UpdateableClassifier) classifier;
            dataset = streamRows(reader, files, schema, header, (values, weight) -> {
                Instance row = new DenseInstance(weight, values);
                row.setDataset(header);
                updateable.updateClassifier(row);
            });
            if (dataset == null) {
                // the in-memory training that follows starts the classifier afresh (buildClassifier on the header)
                log.info("The training data holds text the streaming reader does not handle: reading it into memory");
                return null;
            }
            Training.finish(classifier);
        } catch (InvalidConfigurationException | InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw trainingFailed(request, e);
        }
        streamedNanos = System.nanoTime() - start;
        return checkStreamed(dataset);
    }

    /**
     * NaiveBayes rows read into columns ({@link NaiveBayesColumns}), not into Weka rows, when the schema is known
     * before the rows are read: from an ARFF header. (A CSV file's types need a pass of their own, which the in-memory
     * read saves by typing the columns as it reads.)
     */
    private static boolean columnar(TrainRequest request, List<Path> files, Classifier classifier) {
        return request.evaluation() != EvaluationMethod.HOLDOUT
                && NaiveBayesColumns.supports(classifier)
                && files.stream().allMatch(DatasetReader::isArff);
    }

    /** A reader that takes the hash of a file unchanged since it was last hashed from {@code fingerprints}. */
    private DatasetReader reader(TrainRequest request, FingerprintCache fingerprints) {
        return new DatasetReader(request.basedir(), log).knowingHashes(fingerprints);
    }

    /** Whether the rows must be held as Weka rows: new rows per class are counted from them. */
    private boolean rowsNeeded;

    /** The rows kept by {@link #readColumns} for the fit, until it is done. */
    private NaiveBayesColumns columns;

    /** Reads the training files into {@link #columns}; null when they must be read into memory after all. */
    private Dataset readColumns(TrainRequest request, List<Path> files, FingerprintCache fingerprints) {
        DatasetReader reader = reader(request, fingerprints);
        Schema schema = reader.trainingSchema(files, request.readOptions(), "trainingData");
        if (schema.hasStringAttributes()) {
            return null; // NaiveBayes refuses them: the in-memory read gets Weka's own message
        }
        Instances header = schema.emptyInstances("training", 0);
        NaiveBayesColumns kept = new NaiveBayesColumns(header);
        log.debug("NaiveBayes: the training rows are kept as columns, not as Weka rows");
        Dataset dataset = streamRows(reader, files, schema, header, kept::add);
        if (dataset == null) {
            return null;
        }
        columns = kept;
        return checkStreamed(dataset);
    }

    /**
     * One pass over the files against {@code schema}, each row to {@code sink}; rows are counted, not kept. Null when
     * a file holds text only the in-memory reader handles.
     */
    private static Dataset streamRows(
            DatasetReader reader, List<Path> files, Schema schema, Instances header, RowSink sink) {
        long[] perClass = new long
                [header.classAttribute().isNominal() ? header.classAttribute().numValues() : 0];
        long[] rows = {0};
        int classIndex = header.classIndex();
        List<DataFile> read = reader.streamIfSupported(files, schema, "trainingData", (values, weight) -> {
            sink.accept(values, weight);
            rows[0]++;
            if (perClass.length > 0 && !Double.isNaN(values[classIndex])) {
                perClass[(int) values[classIndex]]++;
            }
        });
        if (read == null) {
            return null;
        }
        Map<String, Long> distribution = new java.util.LinkedHashMap<>();
        for (int v = 0; v < perClass.length; v++) {
            distribution.put(header.classAttribute().value(v), perClass[v]);
        }
        return Dataset.streamed(header, schema, read, rows[0], distribution);
    }

    private static Dataset checkStreamed(Dataset dataset) {
        if (dataset == null) {
            return null;
        }
        if (dataset.rows() == 0) {
            throw new InvalidInputException("<trainingData> holds no data rows ("
                    + String.join(
                            ", ", dataset.files().stream().map(DataFile::path).toList()) + ")");
        }
        DatasetReader.checkTrainable(dataset); // the in-memory read's check, with its wording
        return dataset;
    }

    /** Hashes files without parsing them (for the up-to-date check before a streamed training). */
    private List<String> hashOnly(List<Path> files, FingerprintCache fingerprints) {
        List<String> hashes = new ArrayList<>();
        for (Path file : files) {
            try {
                FingerprintCache.Stat before = FingerprintCache.Stat.of(file);
                long startedAt = FingerprintCache.nowNanos();
                String sha = io.github.mlmaven.runtime.Sha256.ofFile(file);
                fingerprints.record(file, before, startedAt, sha);
                hashes.add(sha);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        save(fingerprints);
        return hashes;
    }

    private static List<String> hashes(Dataset dataset) {
        return dataset.files().stream().map(DataFile::sha256).toList();
    }

    /**
     * The part of the inputs that is not data: what {@code <retrainWhen><codeChanged>} compares with the production
     * model. The classpath is taken in a form that compares across machines (see InputsKey#portableClasspath).
     */
    private static String configurationKey(TrainRequest request, boolean holdout) {
        InputsKey key = new InputsKey()
                .put("algorithm", request.algorithm().strip())
                .put(
                        "options",
                        request.options() == null ? "" : request.options().strip())
                .put("seed", request.seed())
                .put("classAttribute", request.readOptions().classAttribute())
                .put("positiveClass", request.positiveClass())
                .put("trainedOn", holdout ? "holdout:" + request.holdoutPercent() : "all");
        Map<String, String> types = new TreeMap<>();
        request.readOptions().attributeTypes().forEach((k, v) -> types.put(k, v.jsonName()));
        key.putAll("attributeTypes", types);
        key.portableClasspath(request.classpath());
        return key.digest();
    }

    static void checkHoldoutPercent(int percent) {
        if (percent < 1 || percent > 99) {
            throw new InvalidConfigurationException(
                    "holdoutPercent", "<holdoutPercent> is " + percent + "; it must be between 1 and 99");
        }
    }

    private String inputsKey(TrainRequest request, List<Path> files, List<String> hashes, boolean holdout) {
        InputsKey key = new InputsKey()
                .put("plugin", request.pluginVersion())
                .put("pluginJar", InputsKey.codeIdentity(TrainWorkflow.class))
                .put("javaFeatureVersion", Runtime.version().feature())
                .put("weka", WekaVersion.maven() + "/" + WekaVersion.reported())
                .put("algorithm", request.algorithm().strip())
                .put(
                        "options",
                        request.options() == null ? "" : request.options().strip())
                .put("seed", request.seed())
                .put("classAttribute", request.readOptions().classAttribute())
                .put("positiveClass", request.positiveClass())
                .put("trainedOn", holdout ? "holdout:" + request.holdoutPercent() : "all");
        Map<String, String> types = new TreeMap<>();
        request.readOptions().attributeTypes().forEach((k, v) -> types.put(k, v.jsonName()));
        key.putAll("attributeTypes", types);
        for (int i = 0; i < files.size(); i++) {
            key.put(
                    String.format("data.%04d", i),
                    DataFiles.displayPath(request.basedir(), files.get(i)) + "@" + hashes.get(i));
        }
        key.classpath(request.classpath());
        return key.digest();
    }

    private static String positiveClass(Dataset dataset, String requested) {
        Instances data = dataset.instances();
        if (!data.classAttribute().isNominal()) {
            if (requested != null && !requested.isBlank()) {
                throw new InvalidConfigurationException(
                        "positiveClass",
                        "<positiveClass> is set, but class attribute '"
                                + data.classAttribute().name() + "' is numeric; remove <positiveClass>");
            }
            return null;
        }
        Map<String, Long> distribution = dataset.classDistribution();
        if (requested != null && !requested.isBlank()) {
            if (!distribution.containsKey(requested)) {
                throw new InvalidConfigurationException(
                        "positiveClass",
                        "<positiveClass> '" + requested + "' is not a value of class attribute '"
                                + data.classAttribute().name() + "'; its values are: "
                                + String.join(", ", distribution.keySet()));
            }
            return requested;
        }
        // the minority class among those present; ties go to the first in value order
        String minority = null;
        long fewest = Long.MAX_VALUE;
        for (Map.Entry<String, Long> entry : distribution.entrySet()) {
            if (entry.getValue() > 0 && entry.getValue() < fewest) {
                minority = entry.getKey();
                fewest = entry.getValue();
            }
        }
        return minority;
    }

    private static ModelCard.SchemaSection schemaSection(Dataset dataset, String positiveClass) {
        List<ModelCard.AttributeEntry> attributes = new ArrayList<>();
        for (AttributeSpec spec : dataset.schema().attributes()) {
            attributes.add(new ModelCard.AttributeEntry(spec.name(), spec.type().jsonName(), spec.values()));
        }
        return new ModelCard.SchemaSection(
                attributes,
                dataset.schema().classAttribute(),
                dataset.instances().classAttribute().isNominal() ? "nominal" : "numeric",
                positiveClass);
    }

    private static ModelCard.DataSection dataSection(Dataset dataset) {
        List<ModelCard.FileEntry> files = new ArrayList<>();
        long bytes = 0;
        for (DataFile f : dataset.files()) {
            files.add(new ModelCard.FileEntry(f.path(), f.sha256(), f.rows(), f.sizeBytes()));
            bytes += f.sizeBytes();
        }
        return new ModelCard.DataSection(files, dataset.rows(), bytes, dataset.classDistribution());
    }
}
