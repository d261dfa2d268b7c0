package io.github.mlmaven.workflow;

import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.Heartbeat;
import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.AttributeSpec;
import io.github.mlmaven.data.DataSource;
import io.github.mlmaven.data.DataSources;
import io.github.mlmaven.data.DataSplits;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.engine.SparkDriverProcess;
import io.github.mlmaven.engine.SparkSettings;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.lineage.GitInspector;
import io.github.mlmaven.monitoring.drift.DataProfile;
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
import io.github.mlmaven.workflow.TrainingReader.TrainingData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import weka.classifiers.Classifier;
import weka.core.Instances;

/**
 * ml:train as a plain use case, in steps that hand records to one another: plan (resolve the data source, create the
 * classifier, take the keys known without reading), look up production, apply the retrain policy, check whether the
 * model is up to date, read, fit, and write the model and its card.
 */
public final class TrainWorkflow {
    static final long HEARTBEAT_SECONDS = 30;

    private final MlLog log;
    private final Function<SparkSettings, SparkDriverProcess> sparkDrivers;

    public TrainWorkflow(MlLog log) {
        this(log, settings -> new SparkDriverProcess(log, settings));
    }

    /** @param sparkDrivers the launcher of the Spark driver for the settings of a run (a stand-in in tests) */
    public TrainWorkflow(MlLog log, Function<SparkSettings, SparkDriverProcess> sparkDrivers) {
        this.log = log;
        this.sparkDrivers = sparkDrivers;
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

    /**
     * What a run works with, decided before any row is read.
     *
     * @param streaming an updateable classifier learns row by row as the data is read: memory does not grow with it
     * @param knownInputsKey the up-to-date key when every part's hash is known without reading it; else null
     */
    record Plan(
            TrainRequest request,
            ModelBundle bundle,
            DataSource source,
            boolean holdout,
            Classifier classifier,
            boolean streaming,
            String knownInputsKey,
            String configurationKey) {
        Plan knowing(String inputsKey) {
            return new Plan(request, bundle, source, holdout, classifier, streaming, inputsKey, configurationKey);
        }
    }

    /** The production model to compare with, and its card when it could be read (else null). */
    record Production(ProductionModel model, ModelCard card) {}

    /**
     * What the retrain policy decided (null without a policy), and the data it read to decide (null when it read none).
     *
     * @param skip the result to return at once when the policy says not to train; else null
     */
    record PolicyOutcome(RetrainDecision decision, TrainingData data, ModelCard.DataChanges changes, Result skip) {}

    /**
     * The up-to-date check: the key of the inputs (null when forced and nothing was read), the data read to compute it
     * (null when none was), and the card of the model on disk when it is up to date, so that training is skipped (else
     * null).
     */
    record UpToDate(String inputsKey, TrainingData data, ModelCard current) {}

    /** How the model was fitted. */
    record Fitted(String effectiveOptions, Instant trainedAt, long trainingMillis, long fitRows, Instances all) {}

    public Result run(TrainRequest request) {
        WekaEnvironment.prepare();
        Plan plan = plan(request);
        Production production = production(request);
        TrainingReader reader = new TrainingReader(
                log, request, plan.source(), plan.classifier(), plan.streaming(), production.card() != null);
        PolicyOutcome policy = applyPolicy(plan, production, reader);
        if (policy.skip() != null) {
            return policy.skip();
        }
        GitLineage lineage = GitInspector.inspect(request.basedir(), log).orElse(null);
        UpToDate upToDate = request.force()
                ? new UpToDate(plan.knownInputsKey(), policy.data(), null)
                : checkUpToDate(plan, reader, policy.data(), lineage);
        if (upToDate.current() != null) {
            return new Result(upToDate.current(), false, policy.decision());
        }
        if (request.spark() != null) {
            String key = upToDate.inputsKey() != null
                    ? upToDate.inputsKey()
                    : inputsKey(plan, plan.source().hashes());
            ModelCard card = new SparkTraining(log, sparkDrivers.apply(request.spark()))
                    .train(plan, production, policy.changes(), lineage, key);
            return new Result(card, true, policy.decision());
        }
        TrainingData data = upToDate.data() != null ? upToDate.data() : reader.read();
        String inputsKey = upToDate.inputsKey() != null ? upToDate.inputsKey() : inputsKey(plan, data.hashes());
        ModelCard.DataChanges changes =
                policy.changes() != null ? policy.changes() : changes(plan, production, data.dataset());
        String positiveClass = positiveClass(data.dataset(), request.positiveClass());
        Fitted fitted = fit(plan, data);
        ModelCard card = writeModel(plan, data, fitted, positiveClass, lineage, inputsKey, changes);
        return new Result(card, true, policy.decision());
    }

    private Plan plan(TrainRequest request) {
        ModelBundle bundle =
                new ModelBundle(request.outputDirectory().resolve(request.modelName()), request.modelName());
        DataSource source = DataSources.open(
                DataSource.Context.of(request.basedir(), bundle.directory(), log)
                        .withProduction(request.productionData())
                        .withExclude(request.readOptions().exclude()),
                request.trainingData(),
                "trainingData");
        boolean holdout = request.evaluation() == EvaluationMethod.HOLDOUT;
        if (holdout) {
            checkHoldoutPercent(request.holdoutPercent());
            if (request.spark() != null) {
                throw new InvalidConfigurationException(
                        "evaluation",
                        "<evaluation>holdout</evaluation> needs <engine>local</engine>: the Spark engine trains on all"
                                + " rows; use <evaluation>cv</evaluation> or <testData>, or <engine>local</engine>");
            }
        }
        Classifier classifier =
                ClassifierFactory.create(request.algorithm(), request.options(), request.seed(), request.classLoader());
        boolean streaming =
                !holdout && request.spark() == null && Training.methodFor(classifier) == Training.Method.INCREMENTAL;
        Plan plan = new Plan(
                request, bundle, source, holdout, classifier, streaming, null, configurationKey(request, holdout));
        // unchanged data (same size and modification time as when last hashed) is not read to learn so
        return source.knownHashes()
                .map(hashes -> plan.knowing(inputsKey(plan, hashes)))
                .orElse(plan);
    }

    private Production production(TrainRequest request) {
        ProductionModel production =
                request.production() == null ? ProductionModel.unknown("not looked up") : request.production();
        if (!production.found()) {
            return new Production(production, null);
        }
        try {
            return new Production(production, production.readCard(request.modelName()));
        } catch (InvalidInputException e) {
            log.warn("Cannot read the card of production " + production.version() + " (" + e.getMessage()
                    + "); new rows are not counted against it");
            return new Production(ProductionModel.unknown(e.getMessage()), null);
        }
    }

    /**
     * Applies {@code <retrainWhen>}: writes its decision, and when it says not to train, the summary that says why. The
     * data is read only when the policy compares it with production.
     */
    private PolicyOutcome applyPolicy(Plan plan, Production production, TrainingReader reader) {
        TrainRequest request = plan.request();
        ModelBundle bundle = plan.bundle();
        if (request.retrainWhen() == null || !request.retrainWhen().configured()) {
            RetrainDecision.remove(bundle.directory());
            return new PolicyOutcome(null, null, null, null);
        }
        RetrainPolicy policy = request.retrainWhen();
        ProductionModel model = production.model();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RetrainDecision decision;
        TrainingData data = null;
        ModelCard.DataChanges changes = null;
        if (request.force()) {
            decision = policy.train(request.modelName(), "-Dml.train.force=true", model.version(), now);
        } else if ("none".equals(model.status())) {
            decision =
                    policy.train(request.modelName(), "no production version yet, so the model is trained", null, now);
        } else if (production.card() == null) {
            decision = policy.train(
                    request.modelName(),
                    "the production model could not be compared with (" + model.note() + "), so the model"
                            + " is trained",
                    model.version(),
                    now);
        } else {
            data = reader.read();
            changes = DataChangeCounter.count(data.dataset(), plan.source(), production.card(), model.version());
            decision = policy.decide(
                    request.modelName(), production.card(), model.version(), changes, plan.configurationKey(), now);
        }
        decision.writeTo(bundle.directory());
        log.info(decision.logLine());
        if (decision.retrain()) {
            return new PolicyOutcome(decision, data, changes, null);
        }
        try {
            AtomicFiles.writeString(bundle.summaryFile(), decision.skippedSummary());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + bundle.summaryFile() + ": " + e.getMessage(), e);
        }
        return new PolicyOutcome(
                decision, data, changes, new Result(bundle.readCardIfPresent().orElse(null), false, decision));
    }

    /**
     * Whether the model on disk was trained on these inputs: then training is skipped, unless its card lacks the clean
     * commit there now is (a model to promote must name a commit that holds its inputs).
     */
    private UpToDate checkUpToDate(Plan plan, TrainingReader reader, TrainingData alreadyRead, GitLineage lineage) {
        TrainRequest request = plan.request();
        TrainingData data = alreadyRead;
        String inputsKey = plan.knownInputsKey();
        if (inputsKey == null) {
            // a part is new or touched: its hash comes from reading it, which training needs anyway (a streamed read
            // would train, and Spark reads the rows itself, so then the data is only hashed)
            if (data == null && (plan.streaming() || request.spark() != null)) {
                inputsKey = inputsKey(plan, plan.source().hashes());
            } else {
                if (data == null) {
                    data = reader.read();
                }
                inputsKey = inputsKey(plan, data.hashes());
            }
        }
        var existing = plan.bundle().readCardIfPresent();
        boolean same = existing.isPresent()
                && inputsKey.equals(existing.get().inputsKey())
                && plan.bundle().modelMatches(existing.get());
        if (!same) {
            return new UpToDate(inputsKey, data, null);
        }
        boolean cleanCommitNow = lineage != null && lineage.commit() != null && !lineage.dirty();
        boolean cardLacksCleanCommit = existing.get().git() == null
                || existing.get().git().commit() == null
                || existing.get().git().dirty();
        if (cleanCommitNow && cardLacksCleanCommit) {
            log.info("Model " + request.modelName() + " was trained without a clean git commit; retraining so"
                    + " that its card names commit " + lineage.commit());
            return new UpToDate(inputsKey, data, null);
        }
        log.info("Model " + request.modelName() + " is up to date (data, configuration and classpath unchanged"
                + " since " + existing.get().trainedAt() + "); skipping training. -Dml.train.force=true"
                + " retrains");
        return new UpToDate(inputsKey, data, existing.get());
    }

    /** New rows against production, or why they are not counted. */
    static ModelCard.DataChanges changes(Plan plan, Production production, Dataset dataset) {
        ProductionModel model = production.model();
        if (production.card() != null) {
            return DataChangeCounter.count(dataset, plan.source(), production.card(), model.version());
        }
        boolean none = "none".equals(model.status());
        return DataChangeCounter.withoutProduction(
                dataset, none ? "noProduction" : "unknown", none ? null : model.note());
    }

    /** Fits the classifier, unless it learnt while the data was streamed. */
    private Fitted fit(Plan plan, TrainingData data) {
        TrainRequest request = plan.request();
        Classifier classifier = plan.classifier();
        Dataset dataset = data.dataset();
        Instances all = dataset.instances();
        Instances fitRows = plan.holdout()
                ? DataSplits.stratifiedHoldout(all, request.holdoutPercent(), request.seed())
                        .train()
                : all;
        String effectiveOptions = ClassifierFactory.effectiveOptions(classifier);
        Instant trainedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long start = System.nanoTime();
        NaiveBayesColumns kept = data.columns();
        if (dataset.isStreamed() && kept == null) {
            start -= data.streamedNanos(); // it learnt while the data was read
        } else {
            log.info(String.format(
                    Locale.ROOT,
                    "Training %s%s on %,d rows%s",
                    request.algorithm(),
                    effectiveOptions.isEmpty() ? "" : " " + effectiveOptions,
                    kept != null ? dataset.rows() : fitRows.numInstances(),
                    plan.holdout() ? " (the training part of a " + request.holdoutPercent() + "% holdout split)" : ""));
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
        long fitted = dataset.isStreamed() ? dataset.rows() : fitRows.numInstances();
        return new Fitted(effectiveOptions, trainedAt, trainingMillis, fitted, all);
    }

    /**
     * Writes the training data's profile beside the model, for ml:monitor's drift figures. Rows that were streamed
     * and not kept give none: a profile of earlier data would not describe this model, so an old one is removed.
     */
    private void writeProfile(ModelBundle bundle, Dataset dataset) throws IOException {
        Path file = bundle.directory().resolve(DataProfile.FILE);
        if (dataset.isStreamed()) {
            Files.deleteIfExists(file);
            log.info("No " + DataProfile.FILE + ": the training rows were streamed, not kept, so ml:monitor will"
                    + " report no data drift for this model");
            return;
        }
        long start = System.nanoTime();
        DataProfile.of(dataset.instances()).writeTo(bundle.directory());
        log.debug(String.format(
                Locale.ROOT,
                "Profiled the training data in %d ms (%,d bytes)",
                (System.nanoTime() - start) / 1_000_000,
                Files.size(file)));
    }

    /** Writes the model and its card, and logs what was written and the new rows. */
    private ModelCard writeModel(
            Plan plan,
            TrainingData data,
            Fitted fitted,
            String positiveClass,
            GitLineage lineage,
            String inputsKey,
            ModelCard.DataChanges changes) {
        TrainRequest request = plan.request();
        ModelBundle bundle = plan.bundle();
        Dataset dataset = data.dataset();
        ModelCard card = card(
                plan,
                dataset,
                fitted.effectiveOptions(),
                fitted.trainedAt(),
                fitted.trainingMillis(),
                new ModelCard.TrainedOn(
                        plan.holdout() ? "holdout" : "all",
                        plan.holdout() ? request.holdoutPercent() : null,
                        fitted.fitRows()),
                positiveClass,
                lineage,
                inputsKey,
                changes);
        try {
            card = bundle.write(plan.classifier(), fitted.all(), card);
            writeProfile(bundle, dataset);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the model to " + bundle.directory() + ": " + e.getMessage(), e);
        }
        log.info(String.format(
                Locale.ROOT,
                "Trained %s in %.2f s; wrote %s and %s",
                request.modelName(),
                fitted.trainingMillis() / 1000.0,
                request.basedir().relativize(bundle.modelFile()),
                ModelBundle.CARD_FILE));
        if (changes.newRows() != null) {
            log.info("Data: "
                    + RetrainDecision.dataLine(
                            changes.rows(), changes.newRows(), changes.newRowsPerClass(), changes.comparedWith()));
        }
        return card;
    }

    /** A classifier that failed on this data, with what to change: Weka's capability check says "Cannot handle". */
    static InvalidInputException trainingFailed(TrainRequest request, Exception e) {
        String reason = String.valueOf(e.getMessage());
        String hint = reason.contains("Cannot handle date attributes")
                // a date column of a database or a CSV file is a date attribute now, which some learners refuse
                ? "; drop the date columns with <exclude> (or turn them into numbers in the query), or choose an"
                        + " algorithm that handles date attributes, such as weka.classifiers.trees.J48,"
                        + " weka.classifiers.trees.RandomForest or weka.classifiers.functions.Logistic"
                : reason.contains("Cannot handle")
                        ? "; choose an algorithm that handles these attribute and class types, or convert them with a"
                                + " filter (weka.classifiers.meta.FilteredClassifier)"
                        : "; check <algorithm> and <options>";
        return new InvalidInputException(
                request.algorithm() + " could not be trained on this data: " + reason + hint, e);
    }

    /**
     * The part of the inputs that is not data: what {@code <retrainWhen><codeChanged>} compares with the production
     * model. The classpath is taken in a form that compares across machines (see InputsKey#portableClasspath).
     */
    private static String configurationKey(TrainRequest request, boolean holdout) {
        return configuration(request, holdout)
                .portableClasspath(request.classpath())
                .digest();
    }

    /** What both keys hold: the algorithm and its options, and how the data is read and split. */
    private static InputsKey configuration(TrainRequest request, boolean holdout) {
        InputsKey key = new InputsKey()
                .put("algorithm", request.algorithm().strip())
                .put(
                        "options",
                        request.options() == null ? "" : request.options().strip())
                .put("seed", request.seed())
                .put("classAttribute", request.readOptions().classAttribute())
                .put("positiveClass", request.positiveClass())
                .put("trainedOn", holdout ? "holdout:" + request.holdoutPercent() : "all");
        if (request.spark() != null) {
            // only for Spark, so that the keys of local models stay as they were; the master does not change the model
            key.put("engine", "spark").put("sparkPartitions", request.spark().partitions());
        }
        Map<String, String> types = new TreeMap<>();
        // a date's pattern too, as written after the type: another pattern reads other values
        request.readOptions()
                .attributeTypes()
                .forEach((k, v) -> types.put(
                        k,
                        request.readOptions().datePatterns().containsKey(k)
                                ? v.jsonName() + " "
                                        + request.readOptions().datePatterns().get(k)
                                : v.jsonName()));
        key.putAll("attributeTypes", types);
        if (!request.readOptions().exclude().isEmpty()) {
            // only when set, so that the keys of models read without <exclude> stay as they were
            key.put(
                    "exclude",
                    String.join(
                            ",", new java.util.TreeSet<>(request.readOptions().exclude())));
        }
        return key;
    }

    static void checkHoldoutPercent(int percent) {
        if (percent < 1 || percent > 99) {
            throw new InvalidConfigurationException(
                    "holdoutPercent", "<holdoutPercent> is " + percent + "; it must be between 1 and 99");
        }
    }

    /** The up-to-date key: everything that can change the model, the data by its parts' identities and hashes. */
    private static String inputsKey(Plan plan, List<String> hashes) {
        TrainRequest request = plan.request();
        return configuration(request, plan.holdout())
                .put("plugin", request.pluginVersion())
                .put("pluginJar", InputsKey.codeIdentity(TrainWorkflow.class))
                .put("javaFeatureVersion", Runtime.version().feature())
                .put("weka", WekaVersion.maven() + "/" + WekaVersion.reported())
                .data(plan.source().identities(), hashes)
                .classpath(request.classpath())
                .digest();
    }

    static String positiveClass(Dataset dataset, String requested) {
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

    /**
     * The card of a model trained for {@code plan}, whatever engine trained it: the request's and the environment's
     * pieces are filled in one place, so that both engines' cards say the same things the same way.
     *
     * @param effectiveOptions the options the fitted classifier reports
     * @param trainedOn the rows the model was fitted on
     */
    static ModelCard card(
            Plan plan,
            Dataset dataset,
            String effectiveOptions,
            Instant trainedAt,
            long trainingMillis,
            ModelCard.TrainedOn trainedOn,
            String positiveClass,
            GitLineage lineage,
            String inputsKey,
            ModelCard.DataChanges changes) {
        TrainRequest request = plan.request();
        return new ModelCard(
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
                trainedOn,
                schemaSection(dataset, positiveClass),
                plan.source().describe(dataset),
                lineage,
                null,
                null,
                inputsKey,
                plan.configurationKey(),
                changes);
    }

    static ModelCard.SchemaSection schemaSection(Dataset dataset, String positiveClass) {
        List<ModelCard.AttributeEntry> attributes = new ArrayList<>();
        for (AttributeSpec spec : dataset.schema().attributes()) {
            attributes.add(
                    new ModelCard.AttributeEntry(spec.name(), spec.type().jsonName(), spec.values(), spec.format()));
        }
        return new ModelCard.SchemaSection(
                attributes,
                dataset.schema().classAttribute(),
                dataset.instances().classAttribute().isNominal() ? "nominal" : "numeric",
                positiveClass);
    }
}
