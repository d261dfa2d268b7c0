package io.github.mlmaven.runtime;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.concurrent.atomic.AtomicInteger;
import weka.classifiers.rules.ZeroR;

/** A classifier that counts how often it is deserialized, to prove that a model file was (not) read. */
public class DeserializationProbe extends ZeroR {
    private static final long serialVersionUID = 1L;
    public static final AtomicInteger DESERIALIZED = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        DESERIALIZED.incrementAndGet();
    }
}
