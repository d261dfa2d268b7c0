package io.github.mlmaven.maven;

import java.util.Map;

/**
 * The {@code <champion>} element of ml:validate: how a candidate must compare with the model in production, e.g.
 * {@code <champion><maxDrop><recall>0.02</recall></maxDrop><significance>0.05</significance></champion>}.
 */
public class ChampionConfiguration {
    /** The largest drop allowed per metric (for rmse and mae: the largest rise), in the metric's units. */
    private Map<String, String> maxDrop;

    /** The level of McNemar's test; the candidate is refused when significantly worse. */
    private String significance;

    public Map<String, String> getMaxDrop() {
        return maxDrop;
    }

    public void setMaxDrop(Map<String, String> maxDrop) {
        this.maxDrop = maxDrop;
    }

    public String getSignificance() {
        return significance;
    }

    public void setSignificance(String significance) {
        this.significance = significance;
    }
}
