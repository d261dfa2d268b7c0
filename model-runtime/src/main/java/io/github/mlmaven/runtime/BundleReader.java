package io.github.mlmaven.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds a bundle and reads its card and its model's bytes, from a class loader, a bundle folder, a folder holding
 * {@code META-INF/ml-models/} (an unpacked jar) or a jar. The model's bytes are checked against the card's size and
 * SHA-256 as they are read ({@link ModelBytes}). Nothing is deserialized here, and nothing stays open.
 */
final class BundleReader {
    /** A bundle as read: the card, the model's bytes (verified, not yet deserialized) and where they came from. */
    record RawBundle(ModelCard card, byte[] model, String modelSource) {}

    private BundleReader() {}

    static RawBundle fromClassLoader(String modelName, ClassLoader loader) {
        BundleLayout.checkModelName(modelName);
        String cardPath = BundleLayout.cardResource(modelName);
        List<URL> cards;
        try {
            cards = Collections.list(loader.getResources(cardPath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for " + cardPath + " on the class path: " + e.getMessage(), e);
        }
        if (cards.isEmpty()) {
            throw new ModelNotFoundException("no model '" + modelName + "' on the class path: " + cardPath
                    + " is not there. Add the model's artifact as a dependency (its jar holds "
                    + BundleLayout.directory(modelName) + ")" + found(modelName, modelsOnClassPath(loader)));
        }
        URL cardUrl = cards.get(0);
        ModelCard card = readCard(readCardUrl(cardUrl), cardUrl.toString(), modelName);
        for (URL other : cards.subList(1, cards.size())) {
            ModelCard otherCard = readCard(readCardUrl(other), other.toString(), modelName);
            if (!String.valueOf(otherCard.modelSha256()).equals(String.valueOf(card.modelSha256()))) {
                throw new ModelIntegrityException("model '" + modelName + "' is on the class path more than once,"
                        + " as different models (" + cardUrl + " records SHA-256 " + card.modelSha256() + ", "
                        + other + " records " + otherCard.modelSha256() + "); which one would load depends on the"
                        + " class path's order, so none is: keep one of the model's artifacts");
            }
        }
        URL modelUrl;
        try {
            modelUrl = new URL(cardUrl, modelFileOf(card, cardUrl.toString()));
        } catch (IOException e) {
            throw new ModelIntegrityException("cannot locate the model next to " + cardUrl + ": " + e, e);
        }
        return new RawBundle(card, readModelUrl(modelUrl, card), modelUrl.toString());
    }

    /** A bundle folder, a folder holding {@code META-INF/ml-models/}, or a jar; {@code modelName} may be null. */
    static RawBundle fromPath(Path path, String modelName) {
        if (modelName != null) {
            BundleLayout.checkModelName(modelName);
        }
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve(BundleLayout.CARD_FILE))) {
                return fromBundleDirectory(path, modelName);
            }
            if (Files.isDirectory(path.resolve(BundleLayout.ROOT))) {
                String name = modelName != null ? modelName : onlyModel(path, modelsIn(path));
                Path bundle = path.resolve(BundleLayout.directory(name));
                if (!Files.isRegularFile(bundle.resolve(BundleLayout.CARD_FILE))) {
                    throw new ModelNotFoundException("no model '" + name + "' in " + path + ": "
                            + BundleLayout.cardResource(name) + " is not there" + found(name, modelsIn(path)));
                }
                return fromBundleDirectory(bundle, name);
            }
            throw new ModelNotFoundException(path + " is neither a model bundle (it has no " + BundleLayout.CARD_FILE
                    + ") nor holds " + BundleLayout.ROOT + "; pass the bundle folder (e.g. target/ml/<modelName>) or"
                    + " the model's jar");
        }
        if (Files.isRegularFile(path)) {
            return fromJar(path, modelName);
        }
        throw new ModelNotFoundException(
                "no model at " + path + ": there is no such file or folder; pass a bundle folder or a model jar");
    }

    private static RawBundle fromBundleDirectory(Path directory, String modelName) {
        Path cardFile = directory.resolve(BundleLayout.CARD_FILE);
        ModelCard card = readCard(ModelBytes.readCard(cardFile), cardFile.toString(), modelName);
        Path modelFile = directory.resolve(modelFileOf(card, cardFile.toString()));
        if (!Files.isRegularFile(modelFile)) {
            throw new ModelIntegrityException(
                    "model file " + modelFile + " is missing though " + cardFile + " names it; it cannot be loaded");
        }
        return new RawBundle(card, ModelBytes.readModel(modelFile, card), "model file " + modelFile);
    }

    private static RawBundle fromJar(Path jar, String modelName) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            String name = modelName != null ? modelName : onlyModel(jar, modelsIn(zip));
            String cardPath = BundleLayout.cardResource(name);
            ZipEntry cardEntry = zip.getEntry(cardPath);
            if (cardEntry == null) {
                throw new ModelNotFoundException(
                        "no model '" + name + "' in " + jar + ": it has no " + cardPath + found(name, modelsIn(zip)));
            }
            String cardSource = jar + "!/" + cardPath;
            ModelCard card = readCard(ModelBytes.readCard(zip, cardEntry, cardSource), cardSource, name);
            String modelPath = BundleLayout.directory(name) + modelFileOf(card, cardSource);
            ZipEntry modelEntry = zip.getEntry(modelPath);
            if (modelEntry == null) {
                throw new ModelIntegrityException(jar + " has no " + modelPath + " though " + cardPath
                        + " names it; the jar is incomplete and cannot be loaded");
            }
            String modelSource = jar + "!/" + modelPath;
            return new RawBundle(card, ModelBytes.readModel(zip, modelEntry, card, modelSource), modelSource);
        } catch (IOException e) {
            throw new ModelIntegrityException("cannot read " + jar + " as a model jar: " + e, e);
        }
    }

    /** The model's file name as the card records it: one plain file name, never a path. */
    private static String modelFileOf(ModelCard card, String cardSource) {
        String file = card.modelFile();
        if (file == null || file.isBlank()) {
            return BundleLayout.modelFileName(card.modelName());
        }
        if (!BundleLayout.isValidModelName(file)) {
            throw new ModelIntegrityException(cardSource + " names model file '" + file
                    + "', which is not a plain file name in the bundle's folder; the card cannot be trusted");
        }
        return file;
    }

    static ModelCard readCard(byte[] json, String source, String expectedName) {
        ModelCard card;
        try {
            card = Json.MAPPER.readValue(json, ModelCard.class);
        } catch (IOException e) {
            throw new ModelIntegrityException(source + " is not a valid model card: " + e.getMessage(), e);
        }
        if (card == null || card.modelName() == null || !BundleLayout.isValidModelName(card.modelName())) {
            throw new ModelIntegrityException(source + " is not a valid model card: it names no model");
        }
        if (card.schemaVersion() > ModelCard.CURRENT_SCHEMA_VERSION) {
            throw new ModelIntegrityException(source + " has schemaVersion " + card.schemaVersion()
                    + ", newer than this ml-model-runtime reads (" + ModelCard.CURRENT_SCHEMA_VERSION
                    + "); use the ml-model-runtime version of the plugin that trained the model");
        }
        if (expectedName != null && !expectedName.equals(card.modelName())) {
            throw new ModelIntegrityException(source + " is the card of model '" + card.modelName() + "', not of '"
                    + expectedName + "'; the bundle's folder and its card disagree, so it is not loaded");
        }
        return card;
    }

    private static String onlyModel(Object where, List<String> models) {
        if (models.size() == 1) {
            return models.get(0);
        }
        if (models.isEmpty()) {
            throw new ModelNotFoundException(
                    "no model in " + where + ": nothing matches " + BundleLayout.ROOT + "*/" + BundleLayout.CARD_FILE);
        }
        throw new IllegalArgumentException(where + " holds " + models.size() + " models (" + String.join(", ", models)
                + "); name the one to load, e.g. Model.load(path, \"" + models.get(0) + "\")");
    }

    private static List<String> modelsIn(ZipFile zip) {
        return zip.stream()
                .map(ZipEntry::getName)
                .map(BundleLayout::modelNameOfCard)
                .flatMap(Optional::stream)
                .sorted()
                .toList();
    }

    /** The models of a folder that holds {@code META-INF/ml-models/}: its subfolders that hold a card. */
    private static List<String> modelsIn(Path root) {
        Path models = root.resolve(BundleLayout.ROOT);
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(models)) {
            return children.filter(child -> Files.isRegularFile(child.resolve(BundleLayout.CARD_FILE)))
                    .map(child -> child.getFileName().toString())
                    .filter(BundleLayout::isValidModelName)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The models on a class path, best effort, for the message when a name is not found: those in jars and folders
     * whose {@code META-INF/ml-models/} the loader lists.
     */
    static List<String> modelsOnClassPath(ClassLoader loader) {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (URL root : Collections.list(loader.getResources(BundleLayout.ROOT))) {
                if ("file".equals(root.getProtocol())) {
                    Path folder = Path.of(root.toURI());
                    names.addAll(modelsIn(folder.getParent().getParent()));
                } else if (root.openConnection() instanceof JarURLConnection jar) {
                    jar.setUseCaches(false);
                    try (ZipFile zip = jar.getJarFile()) {
                        names.addAll(modelsIn(zip));
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // only for a message: list what could be listed
        }
        return new ArrayList<>(names);
    }

    private static String found(String wanted, List<String> models) {
        if (models.isEmpty()) {
            return "; no other model was found there";
        }
        String message = "; models found there: " + String.join(", ", models);
        return Suggestions.closest(wanted, models)
                .map(s -> message + " (did you mean '" + s + "'?)")
                .orElse(message);
    }

    private static byte[] readCardUrl(URL url) {
        try {
            URLConnection connection = open(url);
            return ModelBytes.readCard(connection::getInputStream, connection.getContentLengthLong(), url.toString());
        } catch (IOException e) {
            throw new ModelIntegrityException("cannot read " + url + ": " + e, e);
        }
    }

    private static URLConnection open(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        // a jar replaced on disk must not be read through a stale cached copy
        connection.setUseCaches(false);
        return connection;
    }

    private static byte[] readModelUrl(URL url, ModelCard card) {
        long declared;
        // the length a jar declares for the entry, checked before it is inflated; the stream is closed at once, and
        // with it the jar, which an uncached connection opens for itself
        try {
            URLConnection connection = open(url);
            try (InputStream unused = connection.getInputStream()) {
                declared = connection.getContentLengthLong();
            }
        } catch (IOException e) {
            declared = -1;
        }
        try {
            return ModelBytes.readModel(() -> open(url).getInputStream(), declared, card, url.toString());
        } catch (ModelIntegrityException e) {
            if (e.getCause() == null) {
                throw e;
            }
            throw new ModelIntegrityException(
                    "the model " + url + " is missing or unreadable though its " + BundleLayout.CARD_FILE
                            + " is there; the model's jar is incomplete (" + e.getMessage() + ")",
                    e);
        }
    }
}
