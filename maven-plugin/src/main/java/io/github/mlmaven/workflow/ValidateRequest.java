package io.github.mlmaven.workflow;

import io.github.mlmaven.evaluation.EvaluationMethod;
import io.github.mlmaven.evaluation.Threshold;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Everything ml:validate needs, as plain values.
 *
 * @param evaluation the method, or null for the default: test when test data is given, else cv
 * @param classLoader resolves classes of the model (the project's own included)
 * @param alsoAllowed classes besides Weka's and the JDK's that a model may contain (the project's own classpath)
 */
public record ValidateRequest(
        Path basedir,
        Path outputDirectory,
        String modelName,
        List<String> trainingData,
        List<String> testData,
        EvaluationMethod evaluation,
        int holdoutPercent,
        int folds,
        List<Threshold> thresholds,
        ClassLoader classLoader,
        Predicate<Class<?>> alsoAllowed) {}
