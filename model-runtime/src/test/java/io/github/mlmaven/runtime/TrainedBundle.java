package io.github.mlmaven.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import weka.classifiers.Classifier;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * A model saved the way {@code ml:train} saves it (the classifier, then the empty training header, in Java
 * serialization) with the model card it writes, ready to be written as a bundle folder ({@code target/ml/<name>/}) or
 * put into a jar with the {@link BundleLayout} ({@code META-INF/ml-models/<name>/}). Variants with a tampered model or
 * an edited card are made with {@link #withModelBytes} and {@link #withCard}.
 */
final class TrainedBundle {
    final String modelName;
    final Classifier classifier;
    final byte[] modelBytes;
    final ModelCard card;

    private TrainedBundle(String modelName, Classifier classifier, byte[] modelBytes, ModelCard card) {
        this.modelName = modelName;
        this.classifier = classifier;
        this.modelBytes = modelBytes;
        this.card = card;
    }

    /** Trains the classifier on the data (class index set) and saves it with its header and card. */
    static TrainedBundle train(String modelName, Classifier classifier, Instances data) throws Exception {
        classifier.buildClassifier(data);
        return save(modelName, classifier, data);
    }

    /** Saves an already trained (or crafted) classifier with the header and a card that describes that header. */
    static TrainedBundle save(String modelName, Classifier classifier, Instances header) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(classifier);
            out.writeObject(new Instances(header, 0));
        }
        byte[] model = bytes.toByteArray();
        return new TrainedBundle(modelName, classifier, model, card(modelName, header, model, classifier));
    }

    /** The same card, with other model bytes: a model altered after training. */
    TrainedBundle withModelBytes(byte[] otherBytes) {
        return new TrainedBundle(modelName, classifier, otherBytes, card);
    }

    /** Other model bytes with a card that records their SHA-256 and size: a model crafted by whoever wrote the card. */
    TrainedBundle withCraftedModel(byte[] otherBytes) {
        return new TrainedBundle(
                modelName,
                classifier,
                otherBytes,
                card.withModel(
                        card.modelFile(), Sha256.hex(Sha256.newDigest().digest(otherBytes)), (long) otherBytes.length));
    }

    /** The same model with a card that records its size, as ml:train writes it since the size is recorded. */
    TrainedBundle withRecordedSize() {
        return withCraftedModel(modelBytes);
    }

    /** The same model with an edited card. */
    TrainedBundle withCard(UnaryOperator<ModelCard> edit) {
        return new TrainedBundle(modelName, classifier, modelBytes, edit.apply(card));
    }

    /** The model's bytes with the last one flipped (it falls in the header, so the stream still reads). */
    byte[] flippedLastByte() {
        byte[] altered = modelBytes.clone();
        altered[altered.length - 1] ^= 0x01;
        return altered;
    }

    /** Writes {@code <parent>/<modelName>/} as ml:train and ml:validate do; returns that folder. */
    Path writeBundle(Path parent) throws IOException {
        Path folder = parent.resolve(modelName);
        Files.createDirectories(folder);
        Files.write(folder.resolve(BundleLayout.modelFileName(modelName)), modelBytes);
        Json.MAPPER.writeValue(folder.resolve(BundleLayout.CARD_FILE).toFile(), card);
        Files.writeString(folder.resolve(BundleLayout.VALIDATION_FILE), validationJson());
        return folder;
    }

    /** A jar with each bundle under {@code META-INF/ml-models/<modelName>/}, as ml:promote builds it. */
    static Path writeJar(Path jar, TrainedBundle... bundles) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            Set<String> folders = new LinkedHashSet<>(List.of("META-INF/", BundleLayout.ROOT));
            for (TrainedBundle bundle : bundles) {
                folders.add(BundleLayout.directory(bundle.modelName));
            }
            for (String folder : folders) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            for (TrainedBundle bundle : bundles) {
                String name = bundle.modelName;
                entry(out, BundleLayout.modelResource(name), bundle.modelBytes);
                entry(out, BundleLayout.cardResource(name), Json.MAPPER.writeValueAsBytes(bundle.card));
                entry(
                        out,
                        BundleLayout.validationResource(name),
                        bundle.validationJson().getBytes());
                entry(
                        out,
                        BundleLayout.schemaResource(name),
                        Json.MAPPER.writeValueAsBytes(ModelSchema.of(bundle.card)));
            }
        }
        return jar;
    }

    private static void entry(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private String validationJson() {
        return "{\n  \"schemaVersion\" : 1,\n  \"modelName\" : \"" + modelName + "\",\n  \"modelSha256\" : \""
                + card.modelSha256() + "\",\n  \"passed\" : true\n}\n";
    }

    /** The card ml:train writes for this header, with the SHA-256 of the model's bytes. */
    static ModelCard card(String modelName, Instances header, byte[] model, Classifier classifier) {
        List<ModelCard.AttributeEntry> attributes = new ArrayList<>();
        for (int i = 0; i < header.numAttributes(); i++) {
            Attribute a = header.attribute(i);
            List<String> values = new ArrayList<>();
            if (a.isNominal()) {
                for (int v = 0; v < a.numValues(); v++) {
                    values.add(a.value(v));
                }
            }
            attributes.add(new ModelCard.AttributeEntry(
                    a.name(),
                    a.isDate() ? "date" : a.isNominal() ? "nominal" : a.isString() ? "string" : "numeric",
                    values,
                    a.isDate() ? a.getDateFormat() : null));
        }
        Attribute classAttribute = header.classAttribute();
        Map<String, Long> classDistribution = new LinkedHashMap<>();
        if (classAttribute.isNominal()) {
            for (int v = 0; v < classAttribute.numValues(); v++) {
                classDistribution.put(classAttribute.value(v), 0L);
            }
        }
        return new ModelCard(
                ModelCard.CURRENT_SCHEMA_VERSION,
                modelName,
                classifier.getClass().getName(),
                "",
                "",
                "3.8.7",
                "3.8.7",
                System.getProperty("java.version"),
                "test",
                1,
                "2026-11-29T00:00:00.000Z",
                1,
                new ModelCard.TrainedOn("all", null, header.numInstances()),
                new ModelCard.SchemaSection(
                        attributes,
                        classAttribute.name(),
                        classAttribute.isNominal() ? "nominal" : "numeric",
                        classAttribute.isNominal() ? classAttribute.value(classAttribute.numValues() - 1) : null),
                new ModelCard.DataSection(List.of(), header.numInstances(), 0, classDistribution),
                null,
                BundleLayout.modelFileName(modelName),
                Sha256.hex(Sha256.newDigest().digest(model)),
                "test");
    }

    /**
     * The card edited as JSON, as someone with a text editor would: {@code edited(card, json -> json.put("modelName",
     * "other"))}.
     */
    static ModelCard edited(ModelCard card, Consumer<ObjectNode> edit) {
        ObjectNode json = Json.MAPPER.valueToTree(card);
        edit.accept(json);
        return Json.MAPPER.convertValue(json, ModelCard.class);
    }

    /** The card with a nominal attribute's values listed in another order. */
    static ModelCard withValues(ModelCard card, String attribute, List<String> values) {
        return edited(card, json -> {
            for (var entry : json.get("schema").get("attributes")) {
                if (entry.get("name").asText().equals(attribute)) {
                    ArrayNode list = ((ObjectNode) entry).putArray("values");
                    values.forEach(list::add);
                }
            }
        });
    }
}
