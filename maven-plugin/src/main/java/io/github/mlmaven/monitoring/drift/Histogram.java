package io.github.mlmaven.monitoring.drift;

import java.util.List;

/**
 * One distribution as a chart draws it: {@code labels[i]} names bin {@code i} (a category, or a numeric bin written
 * {@code [a, b)}; the last numeric bin is closed), {@code shares[i]} is the share of the non-missing rows in it.
 */
public record Histogram(List<String> labels, List<Double> shares) {
    public Histogram {
        labels = List.copyOf(labels);
        shares = List.copyOf(shares);
        if (labels.size() != shares.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + shares.size() + " shares");
        }
    }
}
