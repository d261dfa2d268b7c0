package io.github.mlmaven.maven;

import java.util.Map;

/**
 * The {@code <decay>} element of ml:monitor: when the production model counts as degraded, e.g.
 * {@code <decay><maxDrop><recall>0.05</recall></maxDrop><minLabelledRows>200</minLabelledRows></decay>}.
 */
public class DecayConfiguration {
    /** The largest drop allowed per metric below its promotion figure (for rmse and mae: the largest rise). */
    private Map<String, String> maxDrop;

    /** The new labelled rows needed before any rule may judge; 200 when not set. */
    private String minLabelledRows;

    /** Fail the build when the model is degraded; a warning otherwise. */
    private Boolean failBuild;

    public Map<String, String> getMaxDrop() {
        return maxDrop;
    }

    public void setMaxDrop(Map<String, String> maxDrop) {
        this.maxDrop = maxDrop;
    }

    public String getMinLabelledRows() {
        return minLabelledRows;
    }

    public void setMinLabelledRows(String minLabelledRows) {
        this.minLabelledRows = minLabelledRows;
    }

    public Boolean getFailBuild() {
        return failBuild;
    }

    public void setFailBuild(Boolean failBuild) {
        this.failBuild = failBuild;
    }
}
