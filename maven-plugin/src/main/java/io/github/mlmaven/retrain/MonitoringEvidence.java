package io.github.mlmaven.retrain;

import java.util.List;

/**
 * What the registry's monitoring history says of the production version: its latest ml:monitor pass, which
 * {@code <retrainWhen><degraded/>} and {@code <drift/>} decide on.
 *
 * @param found whether a pass over the production version is recorded
 * @param at when that pass ran
 * @param degraded whether it judged the model degraded
 * @param datasetDrift whether it found data drift; null when it did not measure drift
 * @param driftedAttributes the attributes that drifted
 * @param note why no pass is known, when {@code found} is false
 */
public record MonitoringEvidence(
        boolean found,
        String at,
        boolean degraded,
        String degradedReason,
        Boolean datasetDrift,
        List<String> driftedAttributes,
        String note) {

    public MonitoringEvidence {
        driftedAttributes = driftedAttributes == null ? List.of() : List.copyOf(driftedAttributes);
    }

    public static MonitoringEvidence missing(String note) {
        return new MonitoringEvidence(false, null, false, null, null, List.of(), note);
    }
}
