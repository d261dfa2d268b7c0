package io.github.mlmaven.monitoring.mlflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The params, metrics and tags of one run, and how they are cut into {@code runs/log-batch} requests within MLflow's
 * limits: at most 1000 metrics, 100 params and 100 tags per request, and 1000 entities in all. Keys are kept to
 * MLflow's 250 characters and the characters it accepts; param values are cut to {@link #MAX_PARAM_VALUE}.
 */
public final class RunData {
    public static final int MAX_METRICS = 1000;
    public static final int MAX_PARAMS = 100;
    public static final int MAX_TAGS = 100;
    public static final int MAX_ENTITIES = 1000;
    public static final int MAX_KEY = 250;
    /** MLflow 2.9 and later accept 6000 characters per param value; older servers less (see below). */
    public static final int MAX_PARAM_VALUE = 6000;

    /**
     * The param value limit of servers before MLflow 2.9 (2.3.2: 500 characters), the plugin's fallback when a
     * server refuses a longer value.
     */
    public static final int LEGACY_PARAM_VALUE = 500;
    /** Tag values: MLflow guarantees 5000 bytes on every backend; cut there (8000 on recent servers). */
    public static final int MAX_TAG_VALUE = 5000;

    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final List<String> truncated = new ArrayList<>();

    public record Param(String key, String value) {}

    public record Metric(String key, double value, long timestamp, long step) {}

    public record Tag(String key, String value) {}

    /** One {@code runs/log-batch} request body. */
    public record Batch(String run_id, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        public int size() {
            return metrics.size() + params.size() + tags.size();
        }
    }

    /** Adds a param; null values are skipped, long values cut to {@link #MAX_PARAM_VALUE}. */
    public RunData param(String key, Object value) {
        if (value != null) {
            String k = key(key);
            String v = String.valueOf(value);
            if (v.length() > MAX_PARAM_VALUE) {
                truncated.add(k);
                v = cut(v, MAX_PARAM_VALUE);
            }
            params.put(k, v);
        }
        return this;
    }

    /** Adds a metric; null, NaN and infinite values are skipped (JSON cannot carry them; MLflow needs a number). */
    public RunData metric(String key, Double value) {
        if (value != null && Double.isFinite(value)) {
            metrics.put(key(key), value);
        }
        return this;
    }

    public RunData tag(String key, Object value) {
        if (value != null) {
            tags.put(key(key), cut(String.valueOf(value), MAX_TAG_VALUE));
        }
        return this;
    }

    public Map<String, String> params() {
        return params;
    }

    public Map<String, Double> metrics() {
        return metrics;
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** The param keys whose values were cut. */
    public List<String> truncated() {
        return truncated;
    }

    /** The batches of a run, in order params, then tags, then metrics, each within MLflow's limits. */
    public List<Batch> batches(String runId, long timestamp) {
        List<Param> ps = params.entrySet().stream()
                .map(e -> new Param(e.getKey(), e.getValue()))
                .toList();
        List<Tag> ts = tags.entrySet().stream()
                .map(e -> new Tag(e.getKey(), e.getValue()))
                .toList();
        List<Metric> ms = metrics.entrySet().stream()
                .map(e -> new Metric(e.getKey(), e.getValue(), timestamp, 0))
                .toList();
        return split(runId, ms, ps, ts);
    }

    /** Cuts metrics, params and tags into batches within the per-kind and total limits, filling each batch up. */
    public static List<Batch> split(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        List<Batch> batches = new ArrayList<>();
        int m = 0;
        int p = 0;
        int t = 0;
        while (m < metrics.size() || p < params.size() || t < tags.size()) {
            int room = MAX_ENTITIES;
            int np = Math.min(Math.min(MAX_PARAMS, params.size() - p), room);
            room -= np;
            int nt = Math.min(Math.min(MAX_TAGS, tags.size() - t), room);
            room -= nt;
            int nm = Math.min(Math.min(MAX_METRICS, metrics.size() - m), room);
            batches.add(new Batch(
                    runId,
                    List.copyOf(metrics.subList(m, m + nm)),
                    List.copyOf(params.subList(p, p + np)),
                    List.copyOf(tags.subList(t, t + nt))));
            m += nm;
            p += np;
            t += nt;
        }
        return batches;
    }

    /** The batch with every param value cut to {@code max} characters, for servers with a smaller limit. */
    static Batch withParamsCut(Batch batch, int max) {
        return new Batch(
                batch.run_id(),
                batch.metrics(),
                batch.params().stream()
                        .map(p -> new Param(p.key(), cut(p.value(), max)))
                        .toList(),
                batch.tags());
    }

    /** The longest param value of a batch. */
    static int longestParam(Batch batch) {
        return batch.params().stream().mapToInt(p -> p.value().length()).max().orElse(0);
    }

    /**
     * Text cut to at most {@code max} characters, ending with "..." when cut, and never between the two halves of
     * a surrogate pair (Java counts UTF-16 units, MLflow code points: a cut here is never too long there).
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    /**
     * A key MLflow accepts: letters, digits, {@code _ - . / space}, anything else replaced by {@code _}; longer than
     * 250 characters, cut and suffixed with 8 hex digits of its SHA-256 so that different keys stay different.
     */
    static String key(String key) {
        StringBuilder clean = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '-'
                    || c == '.'
                    || c == '/'
                    || c == ' ';
            clean.append(ok ? c : '_');
        }
        String k = clean.toString();
        if (k.length() <= MAX_KEY) {
            return k;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return k.substring(0, MAX_KEY - 9) + "~" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
