package io.github.mlmaven.spark;

import io.github.mlmaven.engine.SparkJob;
import io.github.mlmaven.engine.SparkResult;
import org.apache.spark.api.java.JavaSparkContext;

/** Evaluation of a model on Spark: not available yet, so an evaluate job fails with a message that says so. */
final class EvaluateJob {
    private EvaluateJob() {}

    static SparkResult run(JavaSparkContext sc, SparkJob job, DriverLog log) throws Exception {
        throw DriverFailure.failed(
                "evaluation on Spark is not available yet; validate the model with" + " <engine>local</engine>");
    }
}
