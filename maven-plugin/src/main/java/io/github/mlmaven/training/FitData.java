package io.github.mlmaven.training;

import weka.core.Instances;

/** The training rows a fit receives: Weka rows, or NaiveBayes's columns read straight from the files. */
sealed interface FitData {
    /** The attributes and the class, without rows. */
    Instances header();

    /** The rows as Weka rows, built from the columns if need be (for a strategy that reads Weka rows). */
    Instances rows();

    /** Weka rows, as read into memory. */
    record Rows(Instances rows) implements FitData {
        @Override
        public Instances header() {
            return rows;
        }
    }

    /** Rows kept as columns while the files were read ({@link NaiveBayesColumns}). */
    record Columns(NaiveBayesColumns columns) implements FitData {
        @Override
        public Instances header() {
            return columns.header();
        }

        @Override
        public Instances rows() {
            return columns.toInstances();
        }
    }
}
