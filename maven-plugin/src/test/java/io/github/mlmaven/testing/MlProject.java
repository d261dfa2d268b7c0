package io.github.mlmaven.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.mlmaven.artifact.ModelBundle;
import io.github.mlmaven.data.AttributeType;
import io.github.mlmaven.data.ProductionData;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.data.SourceSpec;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.Threshold;
import io.github.mlmaven.evaluation.slice.SliceSettings;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.retrain.RetrainPolicy;
import io.github.mlmaven.runtime.BundleLayout;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.workflow.TrainRequest;
import io.github.mlmaven.workflow.ValidateRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A project directory in a test's temporary folder, as a Maven build would hand it to the workflows: data files are
 * copied under {@code data/}, outputs go to {@code target/ml/<modelName>/}. Requests start from the plugin's defaults
 * (J48, seed 1, 20 % holdout, 10 folds) and change one thing at a time.
 */
public final class MlProject {
    public static final String MODEL_NAME = "model";

    private final Path basedir;

    private MlProject(Path basedir) {
        this.basedir = basedir;
    }

    public static MlProject in(Path basedir) {
        return new MlProject(basedir);
    }

    public Path basedir() {
        return basedir;
    }

    public Path outputDirectory() {
        return basedir.resolve("target/ml");
    }

    public ModelBundle bundle() {
        return bundle(MODEL_NAME);
    }

    public ModelBundle bundle(String modelName) {
        return new ModelBundle(outputDirectory().resolve(modelName), modelName);
    }

    /** Copies a data set to {@code data/<name>} and returns that path relative to the project, as a POM names it. */
    public String withData(Path source, String name) {
        Datasets.copy(source, basedir, "data/" + name);
        return "data/" + name;
    }

    /** Writes a CSV text block to {@code data/<name>} and returns its relative path. */
    public String withCsv(String name, String content) {
        Datasets.writeCsv(basedir, "data/" + name, content);
        return "data/" + name;
    }

    public Path file(String relativePath) {
        return basedir.resolve(relativePath);
    }

    /**
     * The model now on disk as the production version {@code version}: its card in a jar under {@code repo/}, as
     * ml:promote would deploy it, found in the registry.
     */
    public ProductionModel promoted(String version) {
        ModelCard card = bundle().readCard();
        try {
            Path jar = Jars.write(
                    basedir.resolve("repo/" + MODEL_NAME + "-" + version + ".jar"),
                    Map.of(
                            BundleLayout.directory(MODEL_NAME) + ModelBundle.CARD_FILE,
                            Json.MAPPER.writeValueAsBytes(card)));
            return new ProductionModel("found", version, jar, card.modelSha256(), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Train train(String... trainingData) {
        return new Train(SourceSpec.files(List.of(trainingData)));
    }

    /** Training on any kind of source: files, or a database source. */
    public Train train(SourceSpec trainingData) {
        return new Train(trainingData);
    }

    public Validate validate(String... trainingData) {
        return new Validate(SourceSpec.files(List.of(trainingData)));
    }

    /** Validating a model trained on any kind of source. */
    public Validate validate(SourceSpec trainingData) {
        return new Validate(trainingData);
    }

    /** Builds a {@link TrainRequest}. */
    public final class Train {
        private String modelName = MODEL_NAME;
        private final SourceSpec trainingData;
        private final List<String> exclude = new ArrayList<>();
        private ProductionData productionData = ProductionData.NONE;
        private String classAttribute;
        private final Map<String, AttributeType> attributeTypes = new LinkedHashMap<>();
        private final Map<String, String> datePatterns = new LinkedHashMap<>();
        private String positiveClass;
        private String algorithm = "weka.classifiers.trees.J48";
        private String options = "";
        private long seed = 1;
        private EvaluationMethod evaluation;
        private int holdoutPercent = 20;
        private boolean force;
        private RetrainPolicy retrainWhen = RetrainPolicy.none();
        private ProductionModel production = ProductionModel.unknown("not looked up");
        private List<Path> classpath = List.of();
        private io.github.mlmaven.engine.SparkSettings spark;

        private Train(SourceSpec trainingData) {
            this.trainingData = trainingData;
        }

        /** Columns dropped as {@code <exclude>} drops them. */
        public Train exclude(String... columns) {
            exclude.addAll(List.of(columns));
            return this;
        }

        public Train productionData(ProductionData value) {
            productionData = value;
            return this;
        }

        public Train modelName(String value) {
            modelName = value;
            return this;
        }

        public Train classAttribute(String value) {
            classAttribute = value;
            return this;
        }

        public Train attributeType(String column, AttributeType type) {
            attributeTypes.put(column, type);
            return this;
        }

        /** Declares a column a date of that pattern, as {@code <column>date pattern</column>} does. */
        public Train datePattern(String column, String pattern) {
            attributeTypes.put(column, AttributeType.DATE);
            datePatterns.put(column, pattern);
            return this;
        }

        public Train positiveClass(String value) {
            positiveClass = value;
            return this;
        }

        public Train algorithm(String value) {
            algorithm = value;
            return this;
        }

        public Train options(String value) {
            options = value;
            return this;
        }

        public Train seed(long value) {
            seed = value;
            return this;
        }

        public Train evaluation(EvaluationMethod value) {
            evaluation = value;
            return this;
        }

        public Train holdoutPercent(int value) {
            holdoutPercent = value;
            return this;
        }

        public Train force(boolean value) {
            force = value;
            return this;
        }

        public Train retrainWhen(RetrainPolicy value) {
            retrainWhen = value;
            return this;
        }

        public Train production(ProductionModel value) {
            production = value;
            return this;
        }

        public Train classpath(List<Path> value) {
            classpath = value;
            return this;
        }

        /** Trains on the Spark engine with these settings; null for the local engine. */
        public Train spark(io.github.mlmaven.engine.SparkSettings value) {
            spark = value;
            return this;
        }

        public TrainRequest request() {
            return new TrainRequest(
                    basedir,
                    outputDirectory(),
                    modelName,
                    trainingData,
                    new ReadOptions(classAttribute, attributeTypes, datePatterns, new LinkedHashSet<>(exclude)),
                    positiveClass,
                    algorithm,
                    options,
                    seed,
                    evaluation,
                    holdoutPercent,
                    force,
                    classpath,
                    getClass().getClassLoader(),
                    "test",
                    retrainWhen,
                    production,
                    productionData,
                    spark);
        }
    }

    /** Builds a {@link ValidateRequest}. */
    public final class Validate {
        private String modelName = MODEL_NAME;
        private final SourceSpec trainingData;
        private SourceSpec testData = SourceSpec.files(List.of());
        private final List<String> exclude = new ArrayList<>();
        private ProductionData productionData = ProductionData.NONE;
        private EvaluationMethod evaluation;
        private int holdoutPercent = 20;
        private int folds = 10;
        private List<Threshold> thresholds = List.of();
        private ValidateRequest.Champion champion = ValidateRequest.Champion.NONE;
        private SliceSettings slices = SliceSettings.NONE;
        private io.github.mlmaven.engine.SparkSettings spark;

        private Validate(SourceSpec trainingData) {
            this.trainingData = trainingData;
        }

        /** Columns skipped as {@code <exclude>} skips them. */
        public Validate exclude(String... columns) {
            exclude.addAll(List.of(columns));
            return this;
        }

        public Validate productionData(ProductionData value) {
            productionData = value;
            return this;
        }

        /** Test data of any kind: files, or a database source. */
        public Validate testData(SourceSpec value) {
            testData = value;
            return this;
        }

        public Validate modelName(String value) {
            modelName = value;
            return this;
        }

        public Validate testData(String... files) {
            List<String> entries = new ArrayList<>(((SourceSpec.Files) testData).entries());
            entries.addAll(List.of(files));
            testData = SourceSpec.files(entries);
            return this;
        }

        public Validate evaluation(EvaluationMethod value) {
            evaluation = value;
            return this;
        }

        public Validate holdoutPercent(int value) {
            holdoutPercent = value;
            return this;
        }

        public Validate folds(int value) {
            folds = value;
            return this;
        }

        public Validate thresholds(List<Threshold> value) {
            thresholds = value;
            return this;
        }

        /** The production model to compare with, as ml:validate's registry lookup would pass it. */
        public Validate champion(ValidateRequest.Champion value) {
            champion = value;
            return this;
        }

        /** Per-slice figures and rules, as {@code <slices>} and {@code <sliceThresholds>} give them. */
        public Validate slices(SliceSettings value) {
            slices = value;
            return this;
        }

        /** Evaluates on the Spark engine with these settings (a stand-in driver in tests). */
        public Validate spark(io.github.mlmaven.engine.SparkSettings value) {
            spark = value;
            return this;
        }

        public ValidateRequest request() {
            return new ValidateRequest(
                    basedir,
                    outputDirectory(),
                    modelName,
                    trainingData,
                    testData,
                    evaluation,
                    holdoutPercent,
                    folds,
                    thresholds,
                    getClass().getClassLoader(),
                    c -> false,
                    champion,
                    exclude,
                    productionData,
                    slices,
                    List.of(),
                    spark);
        }
    }
}
