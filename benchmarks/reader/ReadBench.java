// Times reading the benchmark training data with the plugin's reader and Weka's own loaders. Not part of the Maven build. After `mvn -o install -DskipTests` in the repository root:
//
//   mvn -o -q -pl maven-plugin dependency:build-classpath -Dmdep.outputFile=/tmp/reader-deps.cp
//   CP=maven-plugin/target/classes:model-runtime/target/classes:$(cat /tmp/reader-deps.cp)
//   java -Xmx4g -cp "$CP" benchmarks/reader/ReadBench.java benchmarks/target/data-1000000-1 3
//
// (the data from: java benchmarks/generator/Generate.java --rows 1000000 --seed 1 --out benchmarks/target/data-1000000-1)
package io.github.mlmaven.data;

import io.github.mlmaven.common.MlLog;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import weka.core.Instances;
import weka.core.converters.ArffLoader;
import weka.core.converters.CSVLoader;

public class ReadBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/data-1000000-1");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        DatasetReader reader = new DatasetReader(null, MlLog.SILENT);
        ReadOptions options = new ReadOptions(null, Map.of());
        for (String name : List.of("train.arff", "train.csv")) {
            Path file = dir.resolve(name);
            double mb = file.toFile().length() / 1e6;
            for (int i = 0; i < repeats; i++) {
                time(name + " plugin     ", mb, () -> reader.readTraining(List.of(file), options, "trainingData")
                        .rows());
                time(name + " weka loader", mb, () -> weka(file).numInstances());
            }
        }
    }

    interface Read {
        long rows() throws Exception;
    }

    static void time(String label, double mb, Read read) throws Exception {
        System.gc();
        long start = System.nanoTime();
        long rows = read.rows();
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %,d rows in %.2f s (%.0f MB/s)%n", label, rows, s, mb / s);
    }

    static Instances weka(Path file) throws Exception {
        if (file.toString().endsWith(".arff")) {
            ArffLoader loader = new ArffLoader();
            loader.setFile(new File(file.toString()));
            return loader.getDataSet();
        }
        CSVLoader loader = new CSVLoader();
        loader.setFile(new File(file.toString()));
        return loader.getDataSet();
    }
}
