package io.github.mlmaven.monitoring.drift;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import weka.core.Instances;

/**
 * A compact profile of the training data, written by ml:train beside the model as {@value #FILE} and packed into the
 * promoted jar next to model-card.json: per attribute what {@link DriftAnalysis} needs to compute Evidently's
 * statistics against later rows.
 *
 * @param rows the number of training rows
 * @param classAttribute the class attribute's name, or {@code null} when the data had none
 */
public record DataProfile(
        int schemaVersion, long rows, @Nullable String classAttribute, List<AttributeProfile> attributes) {

    public static final String FILE = "data-profile.json";
    public static final int SCHEMA_VERSION = 1;

    public DataProfile {
        attributes = List.copyOf(attributes);
    }

    /** The profile of every attribute, the class one included. */
    public static DataProfile of(Instances trainingData) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Writes {@value #FILE} into {@code directory}, atomically. */
    public void writeTo(Path directory) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** The profile in {@code file}; empty when the file does not exist. */
    public static Optional<DataProfile> read(Path file) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The profile packed in a promoted model jar; empty when the jar has none (a model promoted before profiles). */
    public static Optional<DataProfile> readFromJar(Path jar, String modelName) {
        throw new UnsupportedOperationException("not yet");
    }
}
