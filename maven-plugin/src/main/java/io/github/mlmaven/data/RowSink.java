package io.github.mlmaven.data;

/** Receives rows in file order; values is a fresh array the receiver may keep; weight is the row weight. */
@FunctionalInterface
public interface RowSink {
    void accept(double[] values, double weight) throws Exception;
}
