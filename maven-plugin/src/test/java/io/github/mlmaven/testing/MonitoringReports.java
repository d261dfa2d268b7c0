package io.github.mlmaven.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.monitoring.drift.ColumnDrift;
import io.github.mlmaven.monitoring.drift.DriftReport;
import io.github.mlmaven.monitoring.drift.Histogram;
import io.github.mlmaven.monitoring.live.DecayResult;
import io.github.mlmaven.monitoring.live.MonitoringReport;
import io.github.mlmaven.runtime.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A monitoring pass of credit-risk 1.3.0 as ml:monitor writes it: recall dropped from 0.81 to 0.62 on 480 new
 * labelled rows (degraded by its rule, maxDrop 0.05), accuracy within its rule; {@code amount} (psi) and {@code
 * channel} (chi-squared) drifted, {@code age} (ks) did not, so 2 of 3 attributes drifted: a data drift.
 */
public final class MonitoringReports {
    public static final String MODEL = "credit-risk";
    public static final String VERSION = "1.3.0";
    public static final String SHA = "7a".repeat(32);
    public static final String AT = "2026-03-02T06:00:00Z";

    private MonitoringReports() {}

    public static MonitoringReport degradedAndDrifted() {
        return report(MODEL, 0.62, true);
    }

    /** The same model, nothing flagged: recall 0.80, no attribute drifted. */
    public static MonitoringReport healthy() {
        return report(MODEL, 0.80, false);
    }

    public static MonitoringReport report(String model, double liveRecall, boolean drifted) {
        Map<String, Double> promotion = new LinkedHashMap<>();
        promotion.put("accuracy", 0.9);
        promotion.put("recall", 0.81);
        Map<String, Double> live = new LinkedHashMap<>();
        live.put("accuracy", 0.88);
        live.put("recall", liveRecall);
        boolean degraded = 0.81 - liveRecall > 0.05;
        List<DecayResult> decay = List.of(
                new DecayResult("recall", 0.81, liveRecall, 0.05, 200, degraded ? "degraded" : "pass"),
                new DecayResult("accuracy", 0.9, 0.88, 0.03, 200, "pass"));
        List<ColumnDrift> columns = List.of(
                new ColumnDrift(
                        "amount",
                        "numeric",
                        "psi",
                        drifted ? 0.43 : 0.02,
                        0.1,
                        drifted,
                        0.0,
                        0.01,
                        null,
                        new Histogram(List.of("[0, 100)", "[100, 1000)", "[1000, 5000]"), List.of(0.5, 0.4, 0.1)),
                        new Histogram(
                                List.of("[0, 100)", "[100, 1000)", "[1000, 5000]"),
                                drifted ? List.of(0.2, 0.4, 0.4) : List.of(0.48, 0.41, 0.11))),
                new ColumnDrift(
                        "channel",
                        "nominal",
                        "chisquare",
                        drifted ? 1.2e-7 : 0.61,
                        0.05,
                        drifted,
                        0.0,
                        0.0,
                        drifted ? 0.05 : 0.0,
                        new Histogram(List.of("web", "atm", "pos"), List.of(0.6, 0.1, 0.3)),
                        new Histogram(
                                drifted ? List.of("web", "atm", "pos", "<b>app</b>") : List.of("web", "atm", "pos"),
                                drifted ? List.of(0.3, 0.3, 0.35, 0.05) : List.of(0.59, 0.11, 0.3))),
                new ColumnDrift(
                        "age",
                        "numeric",
                        "ks",
                        0.74,
                        0.05,
                        false,
                        0.02,
                        0.02,
                        null,
                        new Histogram(List.of("[18, 40)", "[40, 90]"), List.of(0.5, 0.5)),
                        new Histogram(List.of("[18, 40)", "[40, 90]"), List.of(0.52, 0.48))));
        int driftedColumns = drifted ? 2 : 0;
        DriftReport drift = new DriftReport(drifted, 0.5, driftedColumns, 3, 1000, 520, columns);
        ColumnDrift prediction = new ColumnDrift(
                "prediction",
                "nominal",
                "chisquare",
                drifted ? 0.003 : 0.4,
                0.05,
                drifted,
                0,
                0,
                0.0,
                new Histogram(List.of("good", "bad"), List.of(0.7, 0.3)),
                new Histogram(List.of("good", "bad"), drifted ? List.of(0.6, 0.4) : List.of(0.71, 0.29)));
        return new MonitoringReport(
                MonitoringReport.CURRENT_SCHEMA_VERSION,
                model,
                VERSION,
                SHA,
                AT,
                520,
                480,
                3,
                promotion,
                live,
                decay,
                degraded,
                degraded ? "recall dropped by 0.19 (from 0.81 to " + liveRecall + "), more than 0.05" : null,
                drift,
                prediction,
                null);
    }

    /** The pass as monitoring.json holds it. */
    public static JsonNode json(MonitoringReport report) throws Exception {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(report));
    }
}
