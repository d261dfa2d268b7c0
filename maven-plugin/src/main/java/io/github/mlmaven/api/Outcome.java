package io.github.mlmaven.api;

/**
 * How a goal ended, and what it returns when it ends well. The Maven layer turns each kind into one exception, in one
 * place: a verdict (a gate failed, a promotion refused) fails the build, anything else errors it.
 *
 * @param message what went wrong, for the user; null when {@link Kind#OK}
 * @param parameter for {@link Kind#INVALID_CONFIGURATION}, the parameter at fault as an XML path
 *     ({@code champion/maxDrop}) or a property ({@code ml.rollback.version}); null when not known
 * @param value the goal's result when {@link Kind#OK}; null for goals that return nothing
 */
public record Outcome<T>(Kind kind, String message, String parameter, T value) {
    public enum Kind {
        OK,
        /** A threshold or the comparison with production was not met: the verdict of the build. */
        GATE_FAILED,
        /** The POM or a property holds a value the goal cannot use. */
        INVALID_CONFIGURATION,
        /** A file, the registry or a server could not be read, or holds something unusable. */
        INVALID_INPUT,
        /** The goal declined to act (a version that exists, a missing approval): a verdict too. */
        REFUSED
    }

    public static <T> Outcome<T> ok(T value) {
        return new Outcome<>(Kind.OK, null, null, value);
    }

    public static <T> Outcome<T> failed(Kind kind, String message, String parameter) {
        if (kind == Kind.OK) {
            throw new IllegalArgumentException("a failure needs a kind other than OK");
        }
        return new Outcome<>(kind, message, parameter, null);
    }

    public boolean isOk() {
        return kind == Kind.OK;
    }
}
