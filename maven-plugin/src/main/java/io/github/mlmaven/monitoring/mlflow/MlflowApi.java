package io.github.mlmaven.monitoring.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlmaven.common.MlLog;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MLflow endpoints the plugin uses, with the request and response bodies of MLflow's REST API documentation, and
 * the error codes it tolerates: an experiment or registered model that exists already is found, not an error.
 */
public final class MlflowApi {
    /** The experiment tag by which MLflow 3's UI chooses between its model-training and GenAI views. */
    static final String EXPERIMENT_KIND_TAG = "mlflow.experimentKind";

    private final MlflowClient client;
    private final MlLog log;

    public MlflowApi(MlflowClient client, MlLog log) {
        this.client = client;
        this.log = log;
    }

    /** The id of the experiment named {@code name}, created when missing (a concurrent creation is tolerated). */
    public String experimentId(String name) {
        Optional<String> found = experimentByName(name);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            // MLflow 3's UI opens an experiment of unknown kind in its GenAI view (traces); the kind tag makes it open
            // on the runs, as a user of this plugin expects. Older servers keep the tag as an ordinary one.
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("tags", keyValues(Map.of(EXPERIMENT_KIND_TAG, "custom_model_development")));
            String id = client.post("experiments/create", body)
                    .path("experiment_id")
                    .asText();
            log.info("Created the MLflow experiment " + name + " (id " + id + ")");
            return id;
        } catch (MlflowException e) {
            if (e.is("RESOURCE_ALREADY_EXISTS")) {
                return experimentByName(name)
                        .orElseThrow(() -> new MlflowException(
                                "MLflow says the experiment " + name + " exists, but does not find it by name (is it"
                                        + " deleted? restore it or choose another <mlflow><experiment>)",
                                e.status(),
                                e.errorCode(),
                                e));
            }
            throw e;
        }
    }

    /** GET experiments/get-by-name; empty on RESOURCE_DOES_NOT_EXIST. */
    Optional<String> experimentByName(String name) {
        try {
            JsonNode experiment = client.get("experiments/get-by-name", Map.of("experiment_name", name))
                    .path("experiment");
            if ("deleted".equalsIgnoreCase(experiment.path("lifecycle_stage").asText())) {
                throw new MlflowException(
                        "the MLflow experiment " + name + " is deleted; restore it, or choose another"
                                + " <mlflow><experiment>",
                        200,
                        null,
                        null);
            }
            return Optional.of(experiment.path("experiment_id").asText());
        } catch (MlflowException e) {
            if (e.is("RESOURCE_DOES_NOT_EXIST")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A run as runs/create answers it: its id, experiment and artifact root ({@code mlflow-artifacts:/<experiment>/<run>
     * /artifacts} on a server that serves artifacts; s3://..., a path or null otherwise).
     */
    public record Run(String runId, String experimentId, String artifactUri) {
        /** True when the artifacts go through the server's proxied artifact API, which the plugin uploads to. */
        public boolean proxiedArtifacts() {
            return artifactUri != null && artifactUri.startsWith(PROXIED_SCHEME + ":");
        }
    }

    /** The scheme of an artifact root that the tracking server serves itself. */
    static final String PROXIED_SCHEME = "mlflow-artifacts";

    /** POST runs/create. */
    public Run createRun(String experimentId, String runName, long startTime, Map<String, String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment_id", experimentId);
        body.put("run_name", runName);
        body.put("start_time", startTime);
        body.put("tags", keyValues(tags));
        JsonNode info = client.post("runs/create", body).path("run").path("info");
        String id = info.hasNonNull("run_id")
                ? info.get("run_id").asText()
                : info.path("run_uuid").asText();
        if (id.isEmpty()) {
            throw new MlflowException("MLflow's answer to runs/create names no run_id", 200, null, null);
        }
        return new Run(
                id,
                experimentId,
                info.hasNonNull("artifact_uri") ? info.get("artifact_uri").asText() : null);
    }

    /**
     * Uploads {@code file} as the artifact {@code path} (e.g. {@code model/credit-risk.model}) of {@code run}, through
     * the proxied artifact API: {@code PUT /api/2.0/mlflow-artifacts/artifacts/<root path>/<path>}, the root path
     * being that of the run's {@code mlflow-artifacts:} URI (the form with a host, {@code mlflow-artifacts://host/...},
     * names the same path on this server).
     */
    public void uploadArtifact(Run run, String path, Path file) {
        if (!run.proxiedArtifacts()) {
            throw new IllegalArgumentException("not a proxied artifact root: " + run.artifactUri());
        }
        String root = URI.create(run.artifactUri()).getPath();
        String rootPath = root == null ? "" : root.replaceAll("^/+", "").replaceAll("/+$", "");
        client.putArtifact(rootPath + "/" + path, file);
    }

    /** GET artifacts/list: the paths of the files (not directories) right under {@code path} of run {@code runId}. */
    public List<String> listArtifacts(String runId, String path) {
        List<String> files = new ArrayList<>();
        for (JsonNode file : client.get("artifacts/list", ordered("run_id", runId, "path", path))
                .path("files")) {
            if (!file.path("is_dir").asBoolean(false)) {
                files.add(file.path("path").asText());
            }
        }
        return files;
    }

    /**
     * POST runs/log-batch, once per batch. A server that refuses a batch with INVALID_PARAMETER_VALUE while it holds a
     * param value over 500 characters is taken for a server before MLflow 2.9 (2.3.2 was seen to allow 500 characters,
     * 2.9.2 and later 6000): the batch is sent again with the values cut to 500 characters, and the log says so.
     */
    public void logBatches(List<RunData.Batch> batches) {
        for (RunData.Batch batch : batches) {
            try {
                client.post("runs/log-batch", batch);
            } catch (MlflowException e) {
                if (e.is("INVALID_PARAMETER_VALUE") && RunData.longestParam(batch) > RunData.LEGACY_PARAM_VALUE) {
                    log.warn("MLflow refused a param value of " + RunData.longestParam(batch) + " characters ("
                            + e.getMessage() + "); sending the params again cut to " + RunData.LEGACY_PARAM_VALUE
                            + " characters, the limit of servers before MLflow 2.9 (2.3.2: 500 characters)");
                    client.post("runs/log-batch", RunData.withParamsCut(batch, RunData.LEGACY_PARAM_VALUE));
                } else {
                    throw e;
                }
            }
        }
    }

    /** POST runs/update with the final status ({@code FINISHED}, {@code FAILED}) and end time. */
    public void finishRun(String runId, String status, long endTime) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", runId);
        body.put("status", status);
        body.put("end_time", endTime);
        client.post("runs/update", body);
    }

    /** POST runs/set-tag. */
    public void setTag(String runId, String key, String value) {
        client.post("runs/set-tag", ordered("run_id", runId, "key", key, "value", value));
    }

    /** POST registered-models/create; a model that exists already (RESOURCE_ALREADY_EXISTS) is fine. */
    public void ensureRegisteredModel(String name) {
        try {
            client.post("registered-models/create", Map.of("name", name));
            log.info("Registered the model " + name + " in MLflow");
        } catch (MlflowException e) {
            if (!e.is("RESOURCE_ALREADY_EXISTS")) {
                throw e;
            }
        }
    }

    /**
     * POST model-versions/create; returns MLflow's version number (a string, e.g. "3"). A current MLflow server (3.18.0
     * was tested) accepts only a source under a run's artifacts together with that run's id: {@code runs:/<run>/model}.
     */
    public String createModelVersion(
            String name, String source, String runId, Map<String, String> tags, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("source", source);
        if (runId != null) {
            body.put("run_id", runId);
        }
        body.put("tags", keyValues(tags));
        if (description != null) {
            body.put("description", description);
        }
        JsonNode version = client.post("model-versions/create", body).path("model_version");
        if (!version.hasNonNull("version")) {
            throw new MlflowException("MLflow's answer to model-versions/create names no version", 200, null, null);
        }
        return version.get("version").asText();
    }

    /** POST registered-models/alias: points {@code alias} of model {@code name} at MLflow version {@code version}. */
    public void setAlias(String name, String alias, String version) {
        client.post("registered-models/alias", ordered("name", name, "alias", alias, "version", version));
    }

    /**
     * The MLflow version of model {@code name} whose tag {@code key} is {@code value}: GET model-versions/search with
     * {@code filter=name='<name>'}, page by page, the tags compared here (older servers cannot filter on tags).
     */
    public Optional<String> findVersionByTag(String name, String key, String value) {
        String token = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("filter", "name='" + name.replace("'", "\\'") + "'");
            query.put("max_results", "200");
            if (token != null) {
                query.put("page_token", token);
            }
            JsonNode answer = client.get("model-versions/search", query);
            for (JsonNode version : answer.path("model_versions")) {
                for (JsonNode tag : version.path("tags")) {
                    if (key.equals(tag.path("key").asText())
                            && value.equals(tag.path("value").asText())) {
                        return Optional.of(version.path("version").asText());
                    }
                }
            }
            token = answer.hasNonNull("next_page_token")
                            && !answer.get("next_page_token").asText().isEmpty()
                    ? answer.get("next_page_token").asText()
                    : null;
        } while (token != null);
        return Optional.empty();
    }

    /** A request body with its fields in the documented order. */
    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static List<Map<String, String>> keyValues(Map<String, String> tags) {
        List<Map<String, String>> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(ordered("key", k, "value", v)));
        return list;
    }
}
