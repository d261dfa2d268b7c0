package io.github.mlmaven.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * Something that happened to a model, in the order it happened. Events are only ever appended.
 *
 * @param version the version the event is about; for a rollback, the version production moved to
 * @param from for a rollback, the version that was in production before; absent otherwise
 * @param at ISO-8601 instant
 */
public record RegistryEvent(
        Type type,
        String version,
        @JsonInclude(JsonInclude.Include.NON_NULL) String from,
        String approver,
        String reason,
        String at) {

    public enum Type {
        RESERVE,
        PROMOTE,
        FAIL,
        ROLLBACK;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Type fromJson(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public RegistryEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(version, "version");
    }

    /**
     * One line saying what happened, used as the registry commit's message: {@code promote credit-risk 1.3.2 (approved
     * by alice: better recall)}.
     */
    public String describe(String modelName) {
        String what = switch (type) {
            case ROLLBACK -> "rollback " + modelName + (from == null ? "" : " from " + from) + " to " + version;
            default -> type.json() + " " + modelName + " " + version;
        };
        String why = type == Type.FAIL ? blankToNull(reason) : approval();
        return oneLine(why == null ? what : what + " (" + why + ")");
    }

    private String approval() {
        String who = blankToNull(approver);
        String why = blankToNull(reason);
        if (who != null && why != null) {
            return "approved by " + who + ": " + why;
        }
        if (who != null) {
            return "approved by " + who;
        }
        return why == null ? null : "reason: " + why;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
