// Times the plugin's reader alone on the benchmark data: training data (train.arff) and test data read against its
// schema (test.arff, test.csv), the paths that parse in parallel blocks. Not part of the Maven build; the classpath as
// in ReadBench.java:
//
//   java -Xmx4g -cp "$CP" benchmarks/reader/BlockReadBench.java benchmarks/target/data-1000000-1 5
//
// -DblockBytes=N and -DparallelThreads=N set the reader's ReadTuning (parallelThreads=1: the sequential path).
package io.github.mlmaven.data;

import io.github.mlmaven.common.MlLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

public class BlockReadBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int repeats = Integer.parseInt(args[1]);
        ReadTuning tuning = new ReadTuning(
                ReadTuning.DEFAULTS.parallelMinBytes(),
                Integer.getInteger("blockBytes", ReadTuning.DEFAULTS.blockBytes()),
                Integer.getInteger("parallelThreads", ReadTuning.DEFAULTS.parallelThreads()),
                ReadTuning.DEFAULTS.maxRowBytes());
        DatasetReader reader = new DatasetReader(null, MlLog.SILENT, tuning);
        ReadOptions options = new ReadOptions(null, Map.of());
        Dataset train = reader.readTraining(List.of(dir.resolve("train.arff")), options, "t");
        Schema schema = train.schema();
        train = null;
        for (int i = 0; i < repeats; i++) {
            for (String name : List.of("train.arff", "test.arff", "test.csv")) {
                Path file = dir.resolve(name);
                System.gc();
                long start = System.nanoTime();
                long rows = name.startsWith("train") ? reader.readTraining(List.of(file), options, "t").rows()
                        : reader.readWithSchema(List.of(file), schema, "t").rows();
                System.out.printf("%s: %,d rows in %.3f s%n", name, rows, (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
