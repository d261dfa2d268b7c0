package io.github.mlmaven.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import weka.core.Instances;

/** Deterministic splits of a data set. */
public final class DataSplits {
    private DataSplits() {}

    /** The training and held-out parts of a holdout split. */
    public record Split(Instances train, Instances test) {}

    /**
     * A stratified holdout split: the rows of each class value (and the rows with a missing class, as one group) are
     * shuffled with {@code new java.util.Random(seed)}, in class value order, and the first
     * {@code round(count × percent / 100)} of each group are held out. Both parts keep the rows' original order. A
     * numeric class is not stratified: all rows form one group.
     */
    public static Split stratifiedHoldout(Instances data, int percent, long seed) {
        return apply(data, heldOutRows(data, percent, seed));
    }

    /** Which rows the stratified holdout split holds out, so the same rows can be taken from another reading. */
    public static boolean[] heldOutRows(Instances data, int percent, long seed) {
        Random random = new Random(seed);
        int groups = data.classAttribute().isNominal() ? data.classAttribute().numValues() + 1 : 1;
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < data.numInstances(); i++) {
            int group = 0;
            if (groups > 1) {
                group = data.instance(i).classIsMissing()
                        ? groups - 1
                        : (int) data.instance(i).classValue();
            }
            members.get(group).add(i);
        }
        boolean[] heldOut = new boolean[data.numInstances()];
        for (List<Integer> group : members) {
            Collections.shuffle(group, random);
            long take = Math.round(group.size() * percent / 100.0);
            for (int k = 0; k < take; k++) {
                heldOut[group.get(k)] = true;
            }
        }
        return heldOut;
    }

    /** Splits rows by a mask from {@link #heldOutRows}; both parts keep the rows' original order. */
    public static Split apply(Instances data, boolean[] heldOut) {
        Instances train = new Instances(data, data.numInstances());
        Instances test = new Instances(data, data.numInstances() / 4 + 1);
        for (int i = 0; i < data.numInstances(); i++) {
            (heldOut[i] ? test : train).add(data.instance(i));
        }
        train.compactify();
        test.compactify();
        return new Split(train, test);
    }
}
