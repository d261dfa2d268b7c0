package io.github.mlmaven.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;

/**
 * Runs Weka's own command-line evaluation ({@code java weka.classifiers.trees.J48 -t train.arff -T test.arff ...})
 * in-process and reads the figures off the text it prints, as a user comparing the plugin with Weka would.
 */
public final class WekaCli {
    /** The detailed accuracy table prints three decimals. */
    public static final double TABLE_PRECISION = 0.5e-3;
    /** The summary prints four decimals (kappa, errors, correlation, percentages). */
    public static final double SUMMARY_PRECISION = 0.5e-4;

    private WekaCli() {}

    /** The printed evaluation: the first results section (test data, or cross-validation) of the output. */
    public record Printed(String text, Map<String, Double> summary, Map<String, ClassRow> byClass) {
        public double summary(String label) {
            Double value = summary.get(label);
            if (value == null) {
                throw new AssertionError("Weka printed no '" + label + "' in:\n" + text);
            }
            return value;
        }

        public ClassRow classRow(String label) {
            ClassRow row = byClass.get(label);
            if (row == null) {
                throw new AssertionError("Weka printed no row for class '" + label + "' in:\n" + text);
            }
            return row;
        }
    }

    /**
     * One row of "Detailed Accuracy By Class"; a figure Weka prints as {@code ?} is null.
     */
    public record ClassRow(
            Double tpRate,
            Double fpRate,
            Double precision,
            Double recall,
            Double fMeasure,
            Double mcc,
            Double rocArea,
            Double prcArea) {}

    /** Runs {@code classifier} with these command-line options, e.g. {@code -t train.arff -T test.arff -v -o}. */
    public static Printed evaluate(Classifier classifier, String... options) {
        String text;
        try {
            text = Evaluation.evaluateModel(classifier, options.clone());
        } catch (Exception e) {
            throw new IllegalStateException("Weka's command line failed: " + e.getMessage(), e);
        }
        return parse(text);
    }

    static Printed parse(String text) {
        List<String> lines = text.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals("=== Error on test data ===")
                    || line.equals("=== Stratified cross-validation ===")
                    || line.equals("=== Cross-validation ===")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new AssertionError("no evaluation section in Weka's output:\n" + text);
        }
        Map<String, Double> summary = new LinkedHashMap<>();
        Map<String, ClassRow> byClass = new LinkedHashMap<>();
        boolean inTable = false;
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.startsWith("=== Confusion Matrix") || stripped.startsWith("=== Error on training")) {
                break;
            }
            if (stripped.startsWith("=== Detailed Accuracy By Class")) {
                inTable = true;
                continue;
            }
            if (stripped.isEmpty()) {
                continue;
            }
            if (inTable) {
                if (stripped.startsWith("TP Rate") || stripped.startsWith("Weighted Avg.")) {
                    continue;
                }
                String[] tokens = stripped.split("\\s+");
                List<Double> figures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    figures.add(number(tokens[t]));
                }
                String label = String.join(" ", List.of(tokens).subList(8, tokens.length));
                byClass.put(
                        label,
                        new ClassRow(
                                figures.get(0),
                                figures.get(1),
                                figures.get(2),
                                figures.get(3),
                                figures.get(4),
                                figures.get(5),
                                figures.get(6),
                                figures.get(7)));
            } else {
                // "Correctly Classified Instances         143               71.5    %": label, then figures
                String[] parts = stripped.split("\\s{2,}");
                if (parts.length >= 2) {
                    String last = parts[parts.length - 1].replace("%", "").strip();
                    if (last.isEmpty() && parts.length >= 3) {
                        last = parts[parts.length - 2];
                    }
                    Double value = number(last);
                    if (value != null) {
                        summary.put(parts[0], value);
                    }
                }
            }
        }
        return new Printed(text, summary, byClass);
    }

    private static Double number(String token) {
        if (token.equals("?")) {
            return null;
        }
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
