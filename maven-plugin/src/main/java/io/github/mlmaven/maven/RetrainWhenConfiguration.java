package io.github.mlmaven.maven;

/**
 * The {@code <retrainWhen>} element of ml:train: with a production version in the registry, train only when at least
 * one of the configured conditions holds, e.g.
 * {@code <retrainWhen><newRows>500</newRows><codeChanged>true</codeChanged><maxAgeDays>30</maxAgeDays></retrainWhen>}.
 */
public class RetrainWhenConfiguration {
    /** Train when at least this many new labelled rows arrived since the production model. */
    private Long newRows;

    /** Train when the training configuration or the project's classes differ from those of the production model. */
    private Boolean codeChanged;

    /** Train when the production model was trained more than this many days ago. */
    private Integer maxAgeDays;

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
