package io.github.mlmaven.runtime;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ArffLoader;

/**
 * The data sets under {@code src/test/resources/datasets/} (copies of the plugin's, see its README), and rows turned
 * into the feature maps an application passes to {@link Model}.
 */
final class Datasets {
    private Datasets() {}

    /** credit-g, 800 rows; class {good, bad}, the last attribute; 7 numeric and 13 nominal features. */
    static Instances creditGTrain() {
        return arff("credit-g-train.arff");
    }

    /** credit-g, 200 other rows with the same header. */
    static Instances creditGTest() {
        return arff("credit-g-test.arff");
    }

    /** 209 rows, six numeric features, numeric class (regression). */
    static Instances cpu() {
        return arff("cpu.arff");
    }

    /** 14 rows, all nominal: outlook, temperature, humidity, windy {TRUE, FALSE}; class play {yes, no}. */
    static Instances weatherNominal() {
        return arff("weather.nominal.arff");
    }

    /** Short messages (a string attribute) and a numeric length, class {spam, ham}: for string features. */
    static Instances messages() {
        ArrayList<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute("text", (List<String>) null));
        attributes.add(new Attribute("length"));
        attributes.add(new Attribute("label", List.of("spam", "ham")));
        Instances data = new Instances("messages", attributes, 0);
        data.setClassIndex(2);
        String[][] rows = {
            {"win a free prize now", "spam"},
            {"free money click now", "spam"},
            {"claim your free prize", "spam"},
            {"cheap pills free offer", "spam"},
            {"you won cash click here", "spam"},
            {"limited offer win cash now", "spam"},
            {"lunch at noon tomorrow", "ham"},
            {"see you at the meeting", "ham"},
            {"can you review my code", "ham"},
            {"the build is green again", "ham"},
            {"call me when you land", "ham"},
            {"notes from the meeting attached", "ham"},
        };
        for (String[] row : rows) {
            Instance instance = new DenseInstance(3);
            instance.setDataset(data);
            instance.setValue(0, row[0]);
            instance.setValue(1, row[0].length());
            instance.setValue(2, row[1]);
            data.add(instance);
        }
        return data;
    }

    /** A row as an application would pass it: numbers as Double, nominal and string values as text, missing as null. */
    static Map<String, Object> features(Instance row) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (int i = 0; i < row.numAttributes(); i++) {
            Attribute attribute = row.attribute(i);
            if (i == row.classIndex()) {
                continue;
            }
            if (row.isMissing(i)) {
                features.put(attribute.name(), null);
            } else if (attribute.isNumeric()) {
                features.put(attribute.name(), row.value(i));
            } else {
                features.put(attribute.name(), row.stringValue(i));
            }
        }
        return features;
    }

    private static Instances arff(String name) {
        try (InputStream in = Datasets.class.getResourceAsStream("/datasets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test data set " + name);
            }
            ArffLoader loader = new ArffLoader();
            loader.setSource(in);
            Instances data = loader.getDataSet();
            data.setClassIndex(data.numAttributes() - 1);
            return data;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
