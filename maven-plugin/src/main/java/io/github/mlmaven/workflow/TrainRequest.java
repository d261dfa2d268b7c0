package io.github.mlmaven.workflow;

import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.evaluation.EvaluationMethod;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything ml:train needs, as plain values.
 *
 * @param evaluation the configured evaluation method, or null for the default; with {@code holdout} the model is
 *     fitted on the training part of the split only, so validate tests it on rows it has not seen
 * @param classpath the project's classes and runtime dependencies, part of the up-to-date key
 * @param classLoader resolves the algorithm class, the project's own classes included
 */
public record TrainRequest(
        Path basedir,
        Path outputDirectory,
        String modelName,
        List<String> trainingData,
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
        String pluginVersion) {}
