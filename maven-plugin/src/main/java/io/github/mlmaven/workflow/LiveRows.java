package io.github.mlmaven.workflow;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlLog;
import io.github.mlmaven.data.AttributeType;
import io.github.mlmaven.data.DataFile;
import io.github.mlmaven.data.DataSource;
import io.github.mlmaven.data.Dataset;
import io.github.mlmaven.data.ReadOptions;
import io.github.mlmaven.data.Schema;
import io.github.mlmaven.evaluation.Evaluator;
import io.github.mlmaven.evaluation.Metrics;
import io.github.mlmaven.runtime.ModelCard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import weka.classifiers.Classifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The rows ml:monitor measures the production model on, and the measurement. The data is read as it is now (its own
 * types and nominal values, typed as the model's card says), then mapped by attribute name and value label onto the
 * model's header: a nominal value the model never saw becomes missing (the model meets it as it would in production,
 * and it is counted), a new row whose class value it never saw is counted and left out of the metrics, and an
 * attribute of the model that the data no longer has stops the goal, named.
 */
final class LiveRows {
    private LiveRows() {}

    /**
     * @param newRows the current rows, labelled or not
     * @param current those rows as read (their own header), for the drift analysis
     * @param all those rows on the model's header, for the predicted class distribution
     * @param labelled the rows of {@code all} with a class value the model knows: what the metrics are computed on
     * @param unseenClassRows rows whose class value the model never saw
     * @param unseenValues per attribute, the rows whose nominal value the model never saw (scored as missing)
     */
    record Rows(
            long newRows,
            Instances current,
            Instances all,
            Instances labelled,
            long unseenClassRows,
            Map<String, Long> unseenValues) {}

    /** @param predictedClassCounts per class value, how many of all current rows the model predicts it for */
    record Scored(Map<String, Double> liveMetrics, Map<String, Long> predictedClassCounts) {}

    /**
     * The current rows of {@code source}: those production was not trained on ({@code onlyNew}, beyond the card's
     * fingerprints or watermark), or all of them.
     */
    static Rows read(DataSource source, ModelCard card, String productionVersion, boolean onlyNew, MlLog log) {
        Schema model = ValidateWorkflow.schemaOf(card);
        Dataset dataset = readAsTrained(source, model, productionVersion);
        Instances data = dataset.instances();
        checkSchema(data, model, source.parameter(), productionVersion);
        boolean[] fresh = onlyNew ? newRows(source, dataset, card) : null;
        Instances current = new Instances(data, 0);
        for (int i = 0; i < data.numInstances(); i++) {
            if (fresh == null || fresh[i]) {
                current.add(data.instance(i));
            }
        }
        Rows rows = map(current, model);
        rows.unseenValues()
                .forEach((attribute, count) -> log.warn(String.format(
                        Locale.ROOT,
                        "%,d new rows hold a value of '%s' that production %s never saw in training; the model scores it as"
                                + " missing",
                        count,
                        attribute,
                        productionVersion)));
        if (rows.unseenClassRows() > 0) {
            log.warn(String.format(
                    Locale.ROOT,
                    "%,d new rows have a class value that production %s never saw in training (it knows %s); they"
                            + " are counted as unseenClassRows and left out of the live metrics",
                    rows.unseenClassRows(),
                    productionVersion,
                    String.join(", ", model.classSpec().values())));
        }
        return rows;
    }

    /** The data read with the types of the model's card, so that each column is typed as it was in training. */
    private static Dataset readAsTrained(DataSource source, Schema model, String productionVersion) {
        Map<String, AttributeType> types = new LinkedHashMap<>();
        Map<String, String> patterns = new LinkedHashMap<>();
        if (!source.schemaInHeader()) {
            model.attributes().forEach(a -> {
                types.put(a.name(), a.type());
                if (a.type() == AttributeType.DATE && a.format() != null) {
                    patterns.put(a.name(), a.format());
                }
            });
        }
        try {
            return source.read(new ReadOptions(model.classAttribute(), types, patterns, java.util.Set.of()));
        } catch (InvalidConfigurationException e) {
            // the names given here are the model's, not the user's: a missing one is a column gone from the data
            String parameter = e.parameter() == null ? "" : e.parameter();
            String attribute = parameter.startsWith("attributeTypes/")
                    ? parameter.substring("attributeTypes/".length())
                    : parameter.equals("classAttribute") ? model.classAttribute() : null;
            if (attribute == null) {
                throw e;
            }
            throw schemaChanged(attribute, source.parameter(), productionVersion, e.getMessage());
        }
    }

    private static void checkSchema(Instances data, Schema model, String parameter, String productionVersion) {
        List<String> columns = new ArrayList<>();
        for (int a = 0; a < data.numAttributes(); a++) {
            columns.add(data.attribute(a).name());
        }
        for (var spec : model.attributes()) {
            Attribute column = data.attribute(spec.name());
            if (column == null) {
                throw schemaChanged(
                        spec.name(), parameter, productionVersion, "its columns are: " + String.join(", ", columns));
            }
            boolean compatible = switch (spec.type()) {
                case NUMERIC -> column.isNumeric() && !column.isDate();
                case DATE -> column.isDate();
                case NOMINAL -> column.isNominal() || column.isNumeric();
                case STRING -> column.isString() || column.isNominal();
            };
            if (!compatible) {
                throw new InvalidInputException("the schema of <" + parameter + "> changed since production "
                        + productionVersion + " was trained: attribute '" + spec.name() + "' was "
                        + spec.type().jsonName() + " in training and is " + Attribute.typeToString(column)
                        + " now; the production model cannot score these rows. Retrain on the new schema");
            }
        }
    }

    private static InvalidInputException schemaChanged(
            String attribute, String parameter, String productionVersion, String detail) {
        return new InvalidInputException("the schema of <" + parameter + "> changed since production "
                + productionVersion + " was trained: attribute '" + attribute + "' of the model is missing (renamed"
                + " or removed?) (" + detail + "); the production model cannot score these rows. Restore the column,"
                + " or retrain on the new schema");
    }

    /**
     * Which rows of the data set production was not trained on: per part, its last rows as the source counts them
     * against the card's fingerprints or watermark ({@link DataSource#newRowsSince}). The parts' rows follow one
     * another in the data set, in reading order.
     */
    private static boolean[] newRows(DataSource source, Dataset dataset, ModelCard card) {
        List<DataSource.NewRows> changes = source.newRowsSince(dataset.files(), card.data());
        boolean[] fresh = new boolean[dataset.instances().numInstances()];
        long total = dataset.files().stream().mapToLong(DataFile::rows).sum();
        if (total != fresh.length) {
            throw new IllegalStateException(
                    "the parts of " + source.parameter() + " hold " + total + " rows, the data set " + fresh.length);
        }
        int offset = 0;
        for (int p = 0; p < dataset.files().size(); p++) {
            int end = offset + (int) dataset.files().get(p).rows();
            for (int i = end - (int) changes.get(p).rows(); i < end; i++) {
                fresh[i] = true;
            }
            offset = end;
        }
        return fresh;
    }

    /** The rows on the model's header, by attribute name and value label. */
    static Rows map(Instances current, Schema model) {
        Instances all = model.emptyInstances("monitor", current.numInstances());
        Instances labelled = new Instances(all, current.numInstances());
        int classIndex = all.classIndex();
        int[] column = new int[all.numAttributes()];
        for (int a = 0; a < column.length; a++) {
            column[a] = current.attribute(all.attribute(a).name()).index();
        }
        long[] unseen = new long[column.length];
        long unseenClass = 0;
        for (int i = 0; i < current.numInstances(); i++) {
            Instance row = current.instance(i);
            double[] values = new double[column.length];
            boolean classUnseen = false;
            for (int a = 0; a < column.length; a++) {
                Attribute to = all.attribute(a);
                Attribute from = current.attribute(column[a]);
                double value = row.value(column[a]);
                if (Double.isNaN(value)) {
                    values[a] = value;
                } else if (to.isNominal()) {
                    String label = from.isNominal() || from.isString() ? from.value((int) value) : number(value);
                    int index = to.indexOfValue(label);
                    if (index < 0) {
                        if (a == classIndex) {
                            classUnseen = true;
                        } else {
                            unseen[a]++;
                        }
                        values[a] = Double.NaN;
                    } else {
                        values[a] = index;
                    }
                } else if (to.isString()) {
                    values[a] = to.addStringValue(from.isNumeric() ? number(value) : from.value((int) value));
                } else {
                    values[a] = value;
                }
            }
            Instance mapped = new DenseInstance(row.weight(), values);
            mapped.setDataset(all);
            all.add(mapped);
            if (classUnseen) {
                unseenClass++;
            } else if (!Double.isNaN(values[classIndex])) {
                labelled.add(mapped);
            }
        }
        Map<String, Long> unseenValues = new LinkedHashMap<>();
        for (int a = 0; a < unseen.length; a++) {
            if (unseen[a] > 0) {
                unseenValues.put(all.attribute(a).name(), unseen[a]);
            }
        }
        return new Rows(current.numInstances(), current, all, labelled, unseenClass, unseenValues);
    }

    /** A number as a nominal label: "3" for 3.0, as CSV writes whole numbers. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    /**
     * The model's metrics on the labelled rows, with ml:validate's code, and the class it predicts for every row (a
     * nominal class only).
     */
    static Scored score(Classifier classifier, ModelCard card, Rows rows) {
        Map<String, Double> live = new LinkedHashMap<>();
        Instances labelled = rows.labelled();
        if (labelled.numInstances() > 0) {
            String positive = card.schema().positiveClass();
            int positiveIndex =
                    positive == null ? -1 : labelled.classAttribute().indexOfValue(positive);
            Metrics metrics =
                    Evaluator.evaluate(classifier, labelled, positiveIndex).metrics();
            metrics.values().forEach((name, value) -> {
                if (value != null && Double.isFinite(value)) {
                    live.put(name, value);
                }
            });
        }
        Map<String, Long> predicted = new LinkedHashMap<>();
        Instances all = rows.all();
        if (all.classAttribute().isNominal() && all.numInstances() > 0) {
            for (int v = 0; v < all.classAttribute().numValues(); v++) {
                predicted.put(all.classAttribute().value(v), 0L);
            }
            for (int i = 0; i < all.numInstances(); i++) {
                double p;
                try {
                    p = classifier.classifyInstance(all.instance(i));
                } catch (Exception e) {
                    throw new InvalidInputException(
                            "the production model cannot score new row " + (i + 1) + ": " + e.getMessage(), e);
                }
                if (!Double.isNaN(p)) {
                    predicted.merge(all.classAttribute().value((int) p), 1L, Long::sum);
                }
            }
        }
        return new Scored(live, predicted);
    }
}
