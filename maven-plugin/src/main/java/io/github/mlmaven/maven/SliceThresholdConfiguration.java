package io.github.mlmaven.maven;

/**
 * One {@code <sliceThreshold>} of ml:validate's {@code <sliceThresholds>}: a bound on one metric in one slice, e.g.
 * {@code <sliceThreshold><slice>channel=atm</slice><metric>recall</metric><min>0.6</min></sliceThreshold>}.
 */
public class SliceThresholdConfiguration {
    /** The slice as the report names it: {@code channel=atm}, {@code channel=atm,country=NL}, {@code amount=[0,100)}. */
    private String slice;

    /** The metric, as in {@code <thresholds>}. */
    private String metric;

    /** The lowest value allowed, for a metric where higher is better. */
    private String min;

    /** The highest value allowed, for an error metric (rmse, mae). */
    private String max;

    public String getSlice() {
        return slice;
    }

    public void setSlice(String slice) {
        this.slice = slice;
    }

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public String getMin() {
        return min;
    }

    public void setMin(String min) {
        this.min = min;
    }

    public String getMax() {
        return max;
    }

    public void setMax(String max) {
        this.max = max;
    }
}
