package io.github.mlmaven.monitoring.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.runtime.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitoring passes of one model, kept with the registry (file {@code monitoring/<model>.json} on the registry
 * branch) so that the trend survives fresh CI checkouts. Newest last, at most {@value #MAX_ENTRIES} entries: the oldest
 * are dropped first.
 */
public record MonitoringHistory(int schemaVersion, String modelName, List<Entry> entries) {
    public static final int CURRENT_SCHEMA_VERSION = 1;
    public static final int MAX_ENTRIES = 500;

    /**
     * One pass, compact.
     *
     * @param at ISO-8601 instant of the pass
     * @param version the production version monitored
     * @param newLabelledRows the rows the live metrics were computed on
     * @param liveMetrics the live figures
     * @param degraded whether a decay rule judged the model degraded
     * @param degradedReason which metrics dropped, and by how much; null when not degraded
     * @param datasetDrift whether the data drifted as a whole; null when drift was not measured
     * @param driftedAttributes the attributes whose drift test fired
     */
    public record Entry(
            String at,
            String version,
            long newLabelledRows,
            Map<String, Double> liveMetrics,
            boolean degraded,
            @JsonInclude(JsonInclude.Include.NON_NULL) String degradedReason,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean datasetDrift,
            List<String> driftedAttributes) {

        public static Entry of(MonitoringReport report) {
            return new Entry(
                    report.monitoredAt(),
                    report.productionVersion(),
                    report.newLabelledRows(),
                    report.liveMetrics(),
                    report.degraded(),
                    report.degradedReason(),
                    report.drift() == null ? null : report.drift().datasetDrift(),
                    report.driftedAttributes());
        }
    }

    public MonitoringHistory {
        entries = entries == null ? List.of() : List.copyOf(entries);
        if (entries.size() > MAX_ENTRIES) {
            entries = entries.subList(entries.size() - MAX_ENTRIES, entries.size());
        }
    }

    public static MonitoringHistory empty(String modelName) {
        return new MonitoringHistory(CURRENT_SCHEMA_VERSION, modelName, List.of());
    }

    /** This history with {@code entry} appended, the oldest entries dropped beyond {@value #MAX_ENTRIES}. */
    public MonitoringHistory append(Entry entry) {
        List<Entry> all = new ArrayList<>(entries);
        all.add(entry);
        return new MonitoringHistory(CURRENT_SCHEMA_VERSION, modelName, all);
    }

    /**
     * The history as the registry branch holds it ({@code json}; null when there is none yet, giving an empty one). A
     * history that cannot be read is refused, never replaced: its passes would be lost.
     */
    public static MonitoringHistory fromJson(String json, String modelName) {
        String file = "monitoring/" + modelName + ".json on the registry branch";
        if (json == null) {
            return empty(modelName);
        }
        MonitoringHistory history;
        try {
            history = Json.MAPPER.readValue(json, MonitoringHistory.class);
        } catch (IOException e) {
            throw new InvalidInputException(file + " cannot be read: " + e.getMessage(), e);
        }
        if (history == null || !modelName.equals(history.modelName())) {
            throw new InvalidInputException(file + " is not the monitoring history of " + modelName);
        }
        if (history.schemaVersion() > CURRENT_SCHEMA_VERSION) {
            throw new InvalidInputException(file + " was written by a newer plugin (schemaVersion "
                    + history.schemaVersion() + "); upgrade the plugin");
        }
        return history;
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest pass over {@code version}; empty when it was never monitored. */
    public Optional<Entry> latest(String version) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).version().equals(version)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }
}
