package io.github.mlmaven.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Rows read from a {@link DataSource}, with the schema they were read against and each of its parts' fingerprint. A data set
 * that was streamed into a model (see {@link #streamed}) keeps no rows: {@code instances} is then the header only, and
 * the row count and class distribution are those counted while streaming.
 *
 * @param rows the number of rows read
 * @param classDistribution rows per class value, in the schema's value order; empty for a numeric class; rows with a
 *     missing class are not counted
 */
public record Dataset(
        Instances instances, Schema schema, List<DataFile> files, long rows, Map<String, Long> classDistribution) {
    public Dataset {
        files = List.copyOf(files);
        classDistribution = Collections.unmodifiableMap(new LinkedHashMap<>(classDistribution));
    }

    /** Rows held in memory. */
    public Dataset(Instances instances, Schema schema, List<DataFile> files) {
        this(instances, schema, files, instances.numInstances(), count(instances));
    }

    /** Rows that went to a model as they were read: only their count and class distribution are kept. */
    public static Dataset streamed(
            Instances header, Schema schema, List<DataFile> files, long rows, Map<String, Long> classDistribution) {
        return new Dataset(new Instances(header, 0), schema, files, rows, classDistribution);
    }

    /** True when the rows were streamed and are not in {@link #instances()}. */
    public boolean isStreamed() {
        return instances.numInstances() != rows;
    }

    private static Map<String, Long> count(Instances instances) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (instances.classIndex() < 0 || !instances.classAttribute().isNominal()) {
            return counts;
        }
        long[] perValue = new long[instances.classAttribute().numValues()];
        for (Instance row : instances) {
            if (!row.classIsMissing()) {
                perValue[(int) row.classValue()]++;
            }
        }
        for (int v = 0; v < perValue.length; v++) {
            counts.put(instances.classAttribute().value(v), perValue[v]);
        }
        return counts;
    }
}
