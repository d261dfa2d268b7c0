package io.github.mlmaven.artifact;

import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.BundleLayout;
import io.github.mlmaven.runtime.Json;
import io.github.mlmaven.runtime.ModelBytes;
import io.github.mlmaven.runtime.ModelCard;
import io.github.mlmaven.runtime.ModelIntegrityException;
import io.github.mlmaven.runtime.SafeModelReader;
import io.github.mlmaven.runtime.Sha256;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import weka.classifiers.Classifier;
import weka.core.Instances;

/**
 * The folder {@code target/ml/<modelName>/}: the model in Weka's serialization format, its model card, and the
 * validation outputs. Every file is written atomically.
 */
public final class ModelBundle {
    public static final String CARD_FILE = BundleLayout.CARD_FILE;
    public static final String VALIDATION_FILE = BundleLayout.VALIDATION_FILE;
    public static final String SUMMARY_FILE = "summary.md";

    private final Path directory;
    private final String modelName;

    public ModelBundle(Path directory, String modelName) {
        this.directory = directory;
        this.modelName = modelName;
    }

    public Path directory() {
        return directory;
    }

    public String modelName() {
        return modelName;
    }

    public Path modelFile() {
        return directory.resolve(modelName + BundleLayout.MODEL_FILE_EXTENSION);
    }

    public Path cardFile() {
        return directory.resolve(CARD_FILE);
    }

    public Path validationFile() {
        return directory.resolve(VALIDATION_FILE);
    }

    public Path summaryFile() {
        return directory.resolve(SUMMARY_FILE);
    }

    public Path junitFile() {
        return directory.resolve("TEST-ml-" + modelName + ".xml");
    }

    /**
     * Writes the model as Weka's CLI and GUI save it (the classifier, then the training header) and then the card
     * with the model's SHA-256 filled in. Returns that card.
     */
    public ModelCard write(Classifier classifier, Instances header, ModelCard card) throws IOException {
        Files.createDirectories(directory);
        Path tmp = Files.createTempFile(directory, "." + modelName, ".model.tmp");
        try {
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(tmp))) {
                out.writeObject(classifier);
                out.writeObject(new Instances(header, 0));
            }
            ModelCard complete =
                    card.withModel(modelFile().getFileName().toString(), Sha256.ofFile(tmp), Files.size(tmp));
            AtomicFiles.makeReadable(tmp);
            AtomicFiles.move(tmp, modelFile());
            writeJson(cardFile(), complete);
            return complete;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The card, or empty when there is none yet. */
    public Optional<ModelCard> readCardIfPresent() {
        if (!Files.isRegularFile(cardFile())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(cardFile().toFile(), ModelCard.class));
        } catch (IOException e) {
            throw new InvalidInputException(cardFile() + " is not a valid model card (" + e.getMessage()
                    + "); delete it and run ml:train again");
        }
    }

    public ModelCard readCard() {
        return readCardIfPresent()
                .orElseThrow(() -> new InvalidInputException("no trained model in " + directory + " (" + CARD_FILE
                        + " is missing); run ml:train first (it binds to the process-classes phase)"));
    }

    /** Whether the model file is present and its SHA-256 is the one the card records. */
    public boolean modelMatches(ModelCard card) {
        return Files.isRegularFile(modelFile()) && Sha256.ofFile(modelFile()).equals(card.modelSha256());
    }

    /**
     * Checks the model file's size and SHA-256 against the card as it reads it ({@link ModelBytes}), and only then
     * deserializes the bytes it checked through the allow-list and limits of {@link SafeModelReader}: the same code
     * that applications use through ml-model-runtime.
     */
    public Classifier readVerifiedModel(ModelCard card, ClassLoader loader, Predicate<Class<?>> alsoAllowed) {
        Path file = modelFile();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(
                    "model file " + file + " is missing though " + CARD_FILE + " names it; run ml:train again");
        }
        byte[] model;
        try {
            model = ModelBytes.readModel(file, card);
        } catch (ModelIntegrityException e) {
            throw new InvalidInputException(e.getMessage() + ". Run ml:train again", e);
        }
        try {
            return SafeModelReader.read(model, file.toString(), loader, alsoAllowed);
        } catch (ModelIntegrityException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    public void writeJson(Path target, Object document) throws IOException {
        AtomicFiles.write(target, out -> Json.MAPPER.writeValue(new NonClosingStream(out), document));
    }

    public static String sha256(Path file) {
        try {
            return Sha256.ofFile(file);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    /** Jackson closes the stream it writes to; AtomicFiles closes it itself. */
    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
