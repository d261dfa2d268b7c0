package io.github.mlmaven.evaluation.slice;

import java.math.BigDecimal;

/**
 * How a slice is written, in the report and in a rule's {@code <slice>}: {@code attribute=value} per attribute, joined
 * by commas in the order of the slice's {@code <attributes>} ({@code channel=atm,country=NL}). A bin of a numeric
 * attribute with cut points {@code 0,100,1000} is {@code amount<0}, {@code amount=[0,100)}, {@code amount=[100,1000)}
 * or {@code amount>=1000} (a bin holds its lower cut point); a row without a value is in {@code amount=?}.
 */
final class SliceNames {
    /** The label of a missing value, as Weka writes it. */
    static final String MISSING = "?";

    private SliceNames() {}

    /** A number as a cut point is written: {@code 100}, {@code 0.5}, {@code -2.25}, never in exponent form. */
    static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "+inf" : "-inf";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The label of bin {@code bin} of {@code cuts} (0: below the first cut point), with its attribute's name. */
    static String bin(String attribute, double[] cuts, int bin) {
        if (bin == 0) {
            return attribute + "<" + number(cuts[0]);
        }
        if (bin == cuts.length) {
            return attribute + ">=" + number(cuts[cuts.length - 1]);
        }
        return attribute + "=[" + number(cuts[bin - 1]) + "," + number(cuts[bin]) + ")";
    }
}
