package io.github.mlmaven.evaluation;

/**
 * One rule of the gate: {@code metric comparator bound}, e.g. {@code recall >= 0.8}.
 *
 * @param comparator one of {@code >=}, {@code >}, {@code <=}, {@code <}
 */
public record Threshold(MetricName metric, String comparator, double bound) {
    public boolean admits(double actual) {
        return switch (comparator) {
            case ">=" -> actual >= bound;
            case ">" -> actual > bound;
            case "<=" -> actual <= bound;
            case "<" -> actual < bound;
            default -> throw new IllegalStateException("comparator " + comparator);
        };
    }

    @Override
    public String toString() {
        return metric.id() + " " + comparator + " " + bound;
    }
}
