package io.github.mlmaven.spark;

import java.util.ArrayList;
import java.util.List;
import weka.classifiers.AbstractClassifier;
import weka.core.Instance;
import weka.core.Instances;

/** A classifier whose training holds on to memory until the JVM has none left, as a model too big for it would. */
public class MemoryHogClassifier extends AbstractClassifier {
    private static final long serialVersionUID = 1L;
    private static final int CHUNK_LONGS = 2 * 1024 * 1024; // 16 MB

    @Override
    public void buildClassifier(Instances data) {
        List<long[]> held = new ArrayList<>();
        while (true) {
            long[] chunk = new long[CHUNK_LONGS];
            // touched, so no JVM can leave the pages unbacked
            for (int i = 0; i < chunk.length; i += 512) {
                chunk[i] = i;
            }
            held.add(chunk);
        }
    }

    @Override
    public double classifyInstance(Instance instance) {
        return 0;
    }
}
