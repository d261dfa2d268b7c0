package io.github.mlmaven.workflow;

import io.github.mlmaven.data.ProductionData;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.data.SourceSpec;
import io.github.mlmaven.engine.SparkSettings;
import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.retrain.ProductionModel;
import io.github.mlmaven.retrain.RetrainPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything ml:train needs, as plain values.
 *
 * @param evaluation the configured evaluation method, or null for the default; with {@code holdout} the model is
 *     fitted on the training part of the split only, so validate tests it on rows it has not seen
 * @param classpath the project's classes and runtime dependencies, part of the up-to-date key
 * @param classLoader resolves the algorithm class, the project's own classes included
 * @param retrainWhen the retrain policy; {@link RetrainPolicy#none()} trains whenever the inputs changed
 * @param trainingData files, or a database source extracted into snapshot parts
 * @param readOptions the class attribute, types and {@code <exclude>}d columns, for every source read
 * @param production the model in production, to count new rows against and to apply the policy to
 * @param productionData the production version's card and published snapshot parts, which a database source continues
 *     from; {@link ProductionData#NONE} when there is none or it was not resolved
 * @param spark the Spark engine's settings when {@code <engine>spark</engine>}; null for the local engine
 */
public record TrainRequest(
        Path basedir,
        Path outputDirectory,
        String modelName,
        SourceSpec trainingData,
        ReadOptions readOptions,
        String positiveClass,
        String algorithm,
        String options,
        long seed,
        EvaluationMethod evaluation,
        int holdoutPercent,
        boolean force,
        List<Path> classpath,
        ClassLoader classLoader,
        String pluginVersion,
        RetrainPolicy retrainWhen,
        ProductionModel production,
        ProductionData productionData,
        SparkSettings spark) {

    public TrainRequest {
        productionData = productionData == null ? ProductionData.NONE : productionData;
    }

    /** A request of the local engine. */
    public TrainRequest(
            Path basedir,
            Path outputDirectory,
            String modelName,
            SourceSpec trainingData,
            ReadOptions readOptions,
            String positiveClass,
            String algorithm,
            String options,
            long seed,
            EvaluationMethod evaluation,
            int holdoutPercent,
            boolean force,
            List<Path> classpath,
            ClassLoader classLoader,
            String pluginVersion,
            RetrainPolicy retrainWhen,
            ProductionModel production,
            ProductionData productionData) {
        this(
                basedir,
                outputDirectory,
                modelName,
                trainingData,
                readOptions,
                positiveClass,
                algorithm,
                options,
                seed,
                evaluation,
                holdoutPercent,
                force,
                classpath,
                classLoader,
                pluginVersion,
                retrainWhen,
                production,
                productionData,
                null);
    }
}
