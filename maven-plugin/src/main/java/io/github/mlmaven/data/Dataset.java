package io.github.mlmaven.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import weka.core.Instance;
import weka.core.Instances;

/** Rows read from one or more files, with the schema they were read against and each file's fingerprint. */
public record Dataset(Instances instances, Schema schema, List<DataFile> files) {
    public Dataset {
        files = List.copyOf(files);
    }

    public int rows() {
        return instances.numInstances();
    }

    /** Rows per class value, in the schema's value order; empty for a numeric class. Missing classes are not counted. */
    public Map<String, Long> classDistribution() {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (!instances.classAttribute().isNominal()) {
            return counts;
        }
        for (int v = 0; v < instances.classAttribute().numValues(); v++) {
            counts.put(instances.classAttribute().value(v), 0L);
        }
        for (Instance row : instances) {
            if (!row.classIsMissing()) {
                counts.merge(instances.classAttribute().value((int) row.classValue()), 1L, Long::sum);
            }
        }
        return counts;
    }
}
