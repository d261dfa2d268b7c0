package io.github.mlmaven.maven;

import java.util.Map;

/**
 * The {@code <drift>} element of ml:monitor: how the current rows are compared with the training data, e.g.
 * {@code <drift><share>0.5</share><tests><amount>psi</amount></tests><thresholds><amount>0.2</amount></thresholds>}
 * {@code </drift>}.
 */
public class DriftConfiguration {
    /** The share of drifted attributes at which the data set counts as drifted; 0.5 when not set. */
    private String share;

    /** The test per attribute: ks, chisquare, z, wasserstein, jensenshannon or psi. */
    private Map<String, String> tests;

    /** The threshold per attribute: a p-value for ks, chisquare and z, a distance for the others. */
    private Map<String, String> thresholds;

    /** Fail the build when the data set drifted; a warning otherwise. */
    private boolean failBuild;

    public String getShare() {
        return share;
    }

    public void setShare(String share) {
        this.share = share;
    }

    public Map<String, String> getTests() {
        return tests;
    }

    public void setTests(Map<String, String> tests) {
        this.tests = tests;
    }

    public Map<String, String> getThresholds() {
        return thresholds;
    }

    public void setThresholds(Map<String, String> thresholds) {
        this.thresholds = thresholds;
    }

    public boolean isFailBuild() {
        return failBuild;
    }

    public void setFailBuild(boolean failBuild) {
        this.failBuild = failBuild;
    }
}
