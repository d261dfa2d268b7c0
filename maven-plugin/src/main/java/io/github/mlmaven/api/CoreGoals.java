package io.github.mlmaven.api;

import java.util.List;

/**
 * The goals of the core, one method each. The Maven layer instantiates {@link #IMPLEMENTATION} once per isolated class
 * loader and calls it; every method returns its outcome rather than throwing (only a defect escapes as an exception).
 */
public interface CoreGoals {
    /** The implementing class, which has a public constructor without parameters. */
    String IMPLEMENTATION = "io.github.mlmaven.workflow.Goals";

    /** Checks the configuration before any goal works; returns the warnings to log once per build. */
    Outcome<List<String>> checkConfiguration(ConfigurationCheckParameters parameters, CoreLog log);

    /** Extracts the JDBC sources of the training and test data into new snapshot parts. */
    Outcome<Void> extract(ExtractParameters parameters, ArtifactRepository repository, CoreLog log);

    Outcome<Void> train(TrainParameters parameters, ArtifactRepository repository, CoreLog log);

    Outcome<Void> validate(ValidateParameters parameters, ArtifactRepository repository, CoreLog log);

    Outcome<Void> promote(PromoteParameters parameters, ArtifactRepository repository, CoreLog log);

    /** Scores the production model on the rows that came after it, and compares those rows with its training data. */
    Outcome<Void> monitor(MonitorParameters parameters, ArtifactRepository repository, CoreLog log);

    Outcome<Void> rollback(RollbackParameters parameters, CoreLog log);

    Outcome<Void> history(HistoryParameters parameters, CoreLog log);

    Outcome<Void> report(ReportParameters parameters, CoreLog log);

    Outcome<CiReportParameters.Result> ciReport(CiReportParameters parameters, CoreLog log);
}
