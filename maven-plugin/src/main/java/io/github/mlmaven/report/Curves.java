package io.github.mlmaven.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.mlmaven.common.AtomicFiles;
import io.github.mlmaven.evaluation.StreamingEvaluation;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import weka.classifiers.evaluation.Prediction;
import weka.classifiers.evaluation.ThresholdCurve;
import weka.core.Instances;

/**
 * curves.json: the ROC and precision-recall curves of the positive class, for the candidate and (when compared) the
 * production model, as Weka's {@link ThresholdCurve} computes them, downsampled for drawing.
 *
 * @param schemaVersion 1
 * @param modelName the model
 * @param positiveClass the class the curves are drawn for
 * @param candidate the model just validated
 * @param champion the production model, on the same rows; null when not compared
 */
public record Curves(
        int schemaVersion,
        String modelName,
        String positiveClass,
        Curve candidate,
        @JsonInclude(JsonInclude.Include.NON_NULL) Curve champion) {

    public static final String FILE = "curves.json";
    public static final int CURRENT_SCHEMA_VERSION = 1;
    /** The most points kept per curve. */
    public static final int MAX_POINTS = 200;

    /**
     * One model's curves.
     *
     * @param label {@code candidate} or the production version
     * @param rocAuc area under the ROC curve
     * @param prAuc area under the precision-recall curve
     * @param roc [false positive rate, true positive rate] points, by rising false positive rate
     * @param pr [recall, precision] points, by rising recall
     */
    public record Curve(
            String label,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double rocAuc,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double prAuc,
            List<double[]> roc,
            List<double[]> pr) {}

    /** The curves of one model's predictions for the class at {@code classIndex}; empty without predictions. */
    public static Optional<Curve> of(String label, List<Prediction> predictions, int classIndex) {
        if (predictions == null || predictions.isEmpty() || classIndex < 0) {
            return Optional.empty();
        }
        Instances curve = new ThresholdCurve().getCurve(new ArrayList<>(predictions), classIndex);
        if (curve == null || curve.numInstances() == 0) {
            return Optional.empty();
        }
        int fpr = curve.attribute(ThresholdCurve.FP_RATE_NAME).index();
        int tpr = curve.attribute(ThresholdCurve.TP_RATE_NAME).index();
        int precision = curve.attribute(ThresholdCurve.PRECISION_NAME).index();
        int recall = curve.attribute(ThresholdCurve.RECALL_NAME).index();
        List<double[]> roc = new ArrayList<>();
        List<double[]> pr = new ArrayList<>();
        for (int i = 0; i < curve.numInstances(); i++) {
            double f = curve.instance(i).value(fpr);
            double t = curve.instance(i).value(tpr);
            double p = curve.instance(i).value(precision);
            double r = curve.instance(i).value(recall);
            if (Double.isFinite(f) && Double.isFinite(t)) {
                roc.add(new double[] {round(f), round(t)});
            }
            if (Double.isFinite(r) && Double.isFinite(p)) {
                pr.add(new double[] {round(r), round(p)});
            }
        }
        roc.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
        pr.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> -a[1]));
        return Optional.of(new Curve(
                label,
                finite(ThresholdCurve.getROCArea(curve)),
                finite(ThresholdCurve.getPRCArea(curve)),
                downsample(roc),
                downsample(pr)));
    }

    /**
     * The curves of a {@link StreamingEvaluation}'s threshold curve, equal to {@link #of(String, List, int)} on the same
     * predictions, without a list entry per point: Weka's points come by rising threshold, so falling rates; reversed,
     * they are already in drawing order but for ties, which are put in order here.
     */
    public static Optional<Curve> of(String label, StreamingEvaluation.ThresholdPoints points) {
        if (points == null || points.size() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Curve(
                label,
                finite(points.rocArea()),
                finite(points.prArea()),
                downsample(drawingOrder(points.fpRate(), points.tpRate(), points.size(), false)),
                downsample(drawingOrder(points.tpRate(), points.precision(), points.size(), true))));
    }

    /** Finite rounded points by rising x, then rising y (falling y when {@code yFalling}); as a view of arrays. */
    private static List<double[]> drawingOrder(double[] xs, double[] ys, int size, boolean yFalling) {
        double[] x = new double[size];
        double[] y = new double[size];
        int n = 0;
        for (int i = size - 1; i >= 0; i--) {
            if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                x[n] = round(xs[i]);
                y[n] = round(ys[i]);
                n++;
            }
        }
        // ties in x: order their y
        int start = 0;
        boolean sorted = true;
        for (int i = 1; i <= n; i++) {
            if (i == n || x[i] != x[start]) {
                Arrays.sort(y, start, i);
                if (yFalling) {
                    for (int a = start, b = i - 1; a < b; a++, b--) {
                        double swap = y[a];
                        y[a] = y[b];
                        y[b] = swap;
                    }
                }
                if (i < n && x[i] < x[start]) {
                    sorted = false;
                }
                start = i;
            }
        }
        int count = n;
        List<double[]> view = new java.util.AbstractList<>() {
            @Override
            public double[] get(int index) {
                return new double[] {x[index], y[index]};
            }

            @Override
            public int size() {
                return count;
            }
        };
        if (sorted) {
            return view;
        }
        // not expected (rates fall with a rising threshold), but then sort as of(String, List, int) does
        List<double[]> copy = new ArrayList<>(view);
        copy.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> yFalling ? -a[1] : a[1]));
        return copy;
    }

    /** At most {@link #MAX_POINTS} points, evenly spread, always keeping the first and the last. */
    static List<double[]> downsample(List<double[]> points) {
        if (points.size() <= MAX_POINTS) {
            return new ArrayList<>(points);
        }
        List<double[]> kept = new ArrayList<>(MAX_POINTS);
        double step = (points.size() - 1) / (double) (MAX_POINTS - 1);
        for (int i = 0; i < MAX_POINTS; i++) {
            kept.add(points.get((int) Math.round(i * step)));
        }
        return kept;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public void writeTo(Path directory) throws IOException {
        AtomicFiles.write(
                directory.resolve(FILE),
                out -> out.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this)));
    }

    public static Optional<Curves> readFrom(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(Json.MAPPER.readValue(file.toFile(), Curves.class));
    }
}
