package io.github.mlmaven.maven;

/**
 * The {@code <retrainWhen>} element of ml:train: with a production version in the registry, train only when at least
 * one of the configured conditions holds, e.g.
 * {@code <retrainWhen><newRows>500</newRows><codeChanged>true</codeChanged><maxAgeDays>30</maxAgeDays></retrainWhen>},
 * or {@code <retrainWhen><degraded/><drift/></retrainWhen>} after ml:monitor.
 */
public class RetrainWhenConfiguration {
    /** Train when at least this many new labelled rows arrived since the production model. */
    private Long newRows;

    /** Train when the training configuration or the project's classes differ from those of the production model. */
    private Boolean codeChanged;

    /** Train when the production model was trained more than this many days ago. */
    private Integer maxAgeDays;

    /** Train when ml:monitor's latest pass over the production version found it degraded: {@code <degraded/>}. */
    private RetrainFlag degraded;

    /** Train when ml:monitor's latest pass over the production version found data drift: {@code <drift/>}. */
    private RetrainFlag drift;

    public RetrainFlag getDegraded() {
        return degraded;
    }

    public void setDegraded(RetrainFlag degraded) {
        this.degraded = degraded;
    }

    public RetrainFlag getDrift() {
        return drift;
    }

    public void setDrift(RetrainFlag drift) {
        this.drift = drift;
    }

    public Long getNewRows() {
        return newRows;
    }

    public void setNewRows(Long newRows) {
        this.newRows = newRows;
    }

    public Boolean getCodeChanged() {
        return codeChanged;
    }

    public void setCodeChanged(Boolean codeChanged) {
        this.codeChanged = codeChanged;
    }

    public Integer getMaxAgeDays() {
        return maxAgeDays;
    }

    public void setMaxAgeDays(Integer maxAgeDays) {
        this.maxAgeDays = maxAgeDays;
    }
}
