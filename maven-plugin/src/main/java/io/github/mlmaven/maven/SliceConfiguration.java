package io.github.mlmaven.maven;

/**
 * One {@code <slice>} of ml:validate's {@code <slices>}: the attributes to slice by, crossed when several, e.g. {@code
 * <slice><attributes>channel,country</attributes></slice>}, and the cut points of a numeric attribute, e.g. {@code
 * <slice><attributes>amount</attributes><bins>0,100,1000</bins></slice>}.
 */
public class SliceConfiguration {
    /** Attribute names separated by commas; several are crossed (one slice per combination of values). */
    private String attributes;

    /**
     * Increasing cut points for the numeric attributes of the slice ({@code 0,100,1000}: below 0, [0,100),
     * [100,1000), from 1000), or per attribute ({@code amount=0,100;age=18,65}).
     */
    private String bins;

    public String getAttributes() {
        return attributes;
    }

    public void setAttributes(String attributes) {
        this.attributes = attributes;
    }

    public String getBins() {
        return bins;
    }

    public void setBins(String bins) {
        this.bins = bins;
    }
}
