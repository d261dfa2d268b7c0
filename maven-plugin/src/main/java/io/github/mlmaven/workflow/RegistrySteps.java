package io.github.mlmaven.workflow;

import io.github.mlmaven.common.MlLog;
import java.util.Map;

/** The registry-backed steps of promote, history, rollback and the champion lookup of validate. */
final class RegistrySteps {
    private RegistrySteps() {}

    /** Which model is in production: {@code championStatus} found, none or unknown, with its coordinates. */
    static Map<String, String> championLookup(Map<String, Object> p, MlLog log) {
        return Map.of("championStatus", "unknown");
    }

    static Map<String, String> promotePrepare(Map<String, Object> p, MlLog log) {
        throw new UnsupportedOperationException("ml:promote is not finished yet");
    }

    static void promoteAbort(Map<String, Object> p, MlLog log) {
        throw new UnsupportedOperationException("ml:promote is not finished yet");
    }

    static void promoteComplete(Map<String, Object> p, MlLog log) {
        throw new UnsupportedOperationException("ml:promote is not finished yet");
    }

    static void history(Map<String, Object> p, MlLog log) {
        throw new UnsupportedOperationException("ml:history is not finished yet");
    }

    static void rollback(Map<String, Object> p, MlLog log) {
        throw new UnsupportedOperationException("ml:rollback is not finished yet");
    }
}
