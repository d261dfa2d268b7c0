package io.github.mlmaven.training;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import weka.core.Instances;

/** The ARFF fixtures of src/test/resources/datasets, class last. */
final class Datasets {
    private Datasets() {}

    static Instances load(String name) throws Exception {
        try (BufferedReader reader = Files.newBufferedReader(Path.of("src/test/resources/datasets", name))) {
            Instances data = new Instances(reader);
            data.setClassIndex(data.numAttributes() - 1);
            return data;
        }
    }
}
