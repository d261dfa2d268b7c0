package io.github.mlmaven.spark;

import weka.classifiers.AbstractClassifier;
import weka.core.Instance;
import weka.core.Instances;

/** A classifier whose fitted model holds something Java serialization cannot write. */
public class UnshippableClassifier extends AbstractClassifier {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unused")
    private Object fitted;

    @Override
    public void buildClassifier(Instances data) {
        fitted = new Object();
    }

    @Override
    public double classifyInstance(Instance instance) {
        return 0;
    }
}
