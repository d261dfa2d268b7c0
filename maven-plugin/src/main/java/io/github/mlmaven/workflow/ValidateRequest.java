package io.github.mlmaven.workflow;

import io.github.mlmaven.data.ProductionData;
import io.github.mlmaven.data.SourceSpec;
import io.github.mlmaven.engine.SparkSettings;
import io.github.mlmaven.evaluation.ChampionRules;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.Threshold;
import io.github.mlmaven.evaluation.slice.SliceSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Everything ml:validate needs, as plain values.
 *
 * @param evaluation the method, or null for the default: test when test data is given, else cv
 * @param classLoader resolves classes of the model (the project's own included)
 * @param alsoAllowed classes besides Weka's and the JDK's that a model may contain (the project's own classpath)
 * @param exclude the columns {@code <exclude>} drops: skipped where the data has them and the model does not
 * @param productionData the production version's card and published snapshot parts, which a database source that has
 *     no part yet starts from
 * @param slices the per-slice figures and rules; {@link SliceSettings#NONE} for none
 * @param classpath the project's runtime classpath (its class directories are packed into jars for Spark's executors)
 * @param spark the Spark engine's settings when {@code <engine>spark</engine>}; null for the local engine
 */
public record ValidateRequest(
        Path basedir,
        Path outputDirectory,
        String modelName,
        SourceSpec trainingData,
        SourceSpec testData,
        EvaluationMethod evaluation,
        int holdoutPercent,
        int folds,
        List<Threshold> thresholds,
        ClassLoader classLoader,
        Predicate<Class<?>> alsoAllowed,
        Champion champion,
        List<String> exclude,
        ProductionData productionData,
        SliceSettings slices,
        List<Path> classpath,
        SparkSettings spark) {

    public ValidateRequest {
        classpath = classpath == null ? List.of() : List.copyOf(classpath);
        testData = testData == null ? SourceSpec.files(List.of()) : testData;
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        productionData = productionData == null ? ProductionData.NONE : productionData;
        slices = slices == null ? SliceSettings.NONE : slices;
    }

    /**
     * The model in production to compare with.
     *
     * @param status {@code found}, {@code none} (no production version yet) or {@code unknown} (no registry consulted)
     * @param version its version; null unless found
     * @param jar the resolved artifact; null unless found
     * @param modelSha256 the SHA-256 the registry records for it; the artifact's model must match
     * @param rules the champion rules of the gate
     */
    public record Champion(String status, String version, Path jar, String modelSha256, ChampionRules rules) {
        public static final Champion NONE = new Champion("unknown", null, null, null, ChampionRules.NONE);

        public boolean found() {
            return "found".equals(status) && jar != null;
        }
    }
}
