package io.github.mlmaven.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml:train on more data than the heap holds, in a JVM of its own with a small heap: the outcome names what happened,
 * how big the data is and the ways out, instead of "failed unexpectedly: java.lang.OutOfMemoryError".
 */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    void runningOutOfHeapWhileTrainingSaysHowBigTheDataIsAndTheWaysOut() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Random random = new Random(1);
        try (BufferedWriter out = Files.newBufferedWriter(data.resolve("big.csv"), StandardCharsets.UTF_8)) {
            out.write("a,b,c,d,e,f,g,h,class\n");
            for (int row = 0; row < 400_000; row++) {
                for (int c = 0; c < 8; c++) {
                    out.write(String.format(Locale.ROOT, "%.4f,", random.nextDouble()));
                }
                out.write(random.nextBoolean() ? "yes\n" : "no\n");
            }
        }
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx48m",
                        "-XX:-UseGCOverheadLimit",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Child.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(output)
                .as("output of the child JVM: %s", output)
                .contains("outcome=" + StepLauncher.INVALID_INPUT)
                .contains("ml:train ran out of memory")
                .containsPattern("<trainingData> 1 file of [0-9.,]+ MB")
                .contains("MAVEN_OPTS=-Xmx")
                .contains("NaiveBayesUpdateable");
    }

    /** Trains J48 on data/big.csv through the launcher, as the Mojo does, and prints the outcome. */
    public static final class Child {
        public static void main(String[] args) {
            WekaEnvironment.prepare();
            Path basedir = Path.of(args[0]);
            Map<String, Object> p = new HashMap<>();
            p.put("basedir", basedir.toString());
            p.put("outputDirectory", basedir.resolve("target/ml").toString());
            p.put("modelName", "big");
            p.put("trainingData", List.of("data/big.csv"));
            p.put("testData", null);
            p.put("evaluation", null);
            p.put("holdoutPercent", 20);
            p.put("pluginVersion", "test");
            p.put("classpath", List.of());
            p.put("classAttribute", null);
            p.put("positiveClass", null);
            p.put("attributeTypes", null);
            p.put("attributeTypesProperty", null);
            p.put("algorithm", "weka.classifiers.trees.J48");
            p.put("options", null);
            p.put("seed", 1L);
            p.put("force", false);
            Map<String, String> outcome = StepLauncher.launch("train", p, (level, message) -> {});
            System.out.println("outcome=" + outcome.get(StepLauncher.OUTCOME));
            System.out.println(outcome.get(StepLauncher.MESSAGE));
        }
    }
}
