package io.github.mlmaven.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.ArrayList;
import java.util.List;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayes;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.SGD;
import weka.classifiers.meta.Bagging;
import weka.classifiers.meta.Vote;
import weka.core.Aggregateable;

/**
 * Combines the partition models, in partition order, into one Weka model with Weka's own {@link Aggregateable}
 * support: NaiveBayes sums its estimators' statistics, Bagging and RandomForest pool their members, Logistic and SGD
 * average their parameters. A classifier Weka cannot aggregate (or whose partition models do not fit together, e.g.
 * Logistic models that dropped different useless attributes) becomes a {@link Vote} of the partition models, which
 * averages their class probabilities (Vote's default rule).
 */
final class ModelReduction {
    private ModelReduction() {}

    /** The combined model and how it was combined, for the log and the card. */
    record Reduced(Classifier model, String aggregation) {}

    static Reduced reduce(List<byte[]> partitionModels, DriverLog log) throws Exception {
        List<Classifier> models = new ArrayList<>();
        for (byte[] bytes : partitionModels) {
            models.add((Classifier) deserialize(bytes));
        }
        int p = models.size();
        Classifier first = models.get(0);
        if (p == 1) {
            return new Reduced(first, "none (one partition)");
        }
        if (first instanceof Aggregateable<?>) {
            try {
                @SuppressWarnings("unchecked")
                Aggregateable<Object> aggregate = (Aggregateable<Object>) first;
                for (Classifier model : models.subList(1, p)) {
                    aggregate.aggregate(model);
                }
                aggregate.finalizeAggregation();
                return new Reduced(first, describe(first, p));
            } catch (Exception e) {
                log.warn(first.getClass().getSimpleName() + "'s " + p + " partition models cannot be aggregated ("
                        + DriverContext.firstLine(e.getMessage()) + "); they are combined as a Vote instead");
                // the first model may be half aggregated: start again from its bytes
                models.set(0, (Classifier) deserialize(partitionModels.get(0)));
            }
        }
        Vote vote = new Vote();
        for (Classifier model : models) {
            vote.aggregate(model);
        }
        vote.finalizeAggregation();
        return new Reduced(
                vote,
                "Vote of " + p + " partition models (" + first.getClass().getSimpleName()
                        + ", probabilities averaged)");
    }

    private static String describe(Classifier model, int partitions) {
        if (model instanceof NaiveBayes) {
            return "estimators summed over " + partitions + " partitions";
        }
        if (model instanceof Bagging bagging) {
            return bagging.getNumIterations() + " members pooled from " + partitions + " partitions";
        }
        if (model instanceof Logistic || model instanceof SGD) {
            return "parameters averaged over " + partitions + " partitions";
        }
        return "Weka's aggregation of " + partitions + " " + model.getClass().getSimpleName() + " models";
    }

    static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** Reads through the context class loader, which has the project's classifiers when the plugin adds them. */
    static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // a JDK or primitive type: the default resolution knows it
                }
            }
            return super.resolveClass(desc);
        }
    }
}
