package io.github.mlmaven.registry;

import io.github.mlmaven.registry.RegistryException.Reason;
import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model versions: {@code <major>.<minor>.<n>}, major.minor taken from the project version, n counting up. A version
 * that appears in the registry in any status (reserved, promoted, failed) is taken for good: releases are immutable.
 */
public final class Versions {
    /** What a model version looks like: three numbers without leading zeros, e.g. {@code 1.3.0}. */
    public static final Pattern MODEL_VERSION = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)");

    /** {@code 1}, {@code 1.3}, {@code 1.3.7}, each optionally followed by {@code -SNAPSHOT}, {@code -rc1}, ... */
    private static final Pattern PROJECT_VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.\\d+)*(?:[-+_].*)?");

    private Versions() {}

    /**
     * The next free version for a project version: {@code next("1.3-SNAPSHOT", ["1.3.0", "1.3.1"])} is {@code 1.3.2}.
     * Major and minor come from the project version (1.3-SNAPSHOT, 1.3.0-SNAPSHOT, 1.3 and 1.3.7 all give 1.3; a bare
     * 2 or 2-SNAPSHOT gives 2.0); n is one above the highest n already used for that major.minor, 0 when none is.
     * Versions of another major.minor, and strings that are no model version, are ignored.
     *
     * @throws RegistryException ({@link Reason#INVALID_VERSION}) when the project version does not start with a number
     */
    public static String next(String projectVersion, Collection<String> existing) {
        String prefix = majorMinor(projectVersion);
        long highest = -1;
        for (String version : existing) {
            Matcher m = version == null ? null : MODEL_VERSION.matcher(version);
            if (m != null && m.matches() && version.startsWith(prefix + ".")) {
                try {
                    highest = Math.max(highest, Long.parseLong(m.group(3)));
                } catch (NumberFormatException tooLong) {
                    throw new RegistryException(
                            Reason.INVALID_VERSION,
                            "the registry holds version " + version + ", too large to count up from; give an explicit"
                                    + " version of another major.minor");
                }
            }
        }
        return prefix + "." + (highest + 1);
    }

    /**
     * {@code major.minor} of a project version, e.g. {@code 1.3} for {@code 1.3.0-SNAPSHOT}.
     *
     * @throws RegistryException ({@link Reason#INVALID_VERSION}) when the project version does not start with a number
     */
    public static String majorMinor(String projectVersion) {
        Matcher m = PROJECT_VERSION.matcher(
                Objects.requireNonNullElse(projectVersion, "").trim());
        if (!m.matches()) {
            throw new RegistryException(
                    Reason.INVALID_VERSION,
                    "cannot derive a model version from the project version '" + projectVersion + "': it does not"
                            + " start with <major>.<minor> (like 1.3-SNAPSHOT); give an explicit version such as"
                            + " 1.0.0");
        }
        String minor = m.group(2) == null ? "0" : m.group(2);
        return stripZeros(m.group(1)) + "." + stripZeros(minor);
    }

    /**
     * Checks a version the user asked for explicitly: it must look like {@code 1.3.2} and must not be in the registry
     * in any status.
     *
     * @return the version, trimmed
     * @throws RegistryException {@link Reason#INVALID_VERSION} or {@link Reason#VERSION_EXISTS}
     */
    public static String requireNew(String requested, Collection<String> existing) {
        String version = requireWellFormed(requested);
        if (existing.contains(version)) {
            throw new RegistryException(
                    Reason.VERSION_EXISTS,
                    "version " + version + " exists already in the registry and releases are immutable; the versions"
                            + " taken are " + new TreeSet<>(existing) + " (reserved and failed ones count too); ask"
                            + " for another version or leave it out to take the next free one");
        }
        return version;
    }

    /**
     * @return the version, trimmed
     * @throws RegistryException ({@link Reason#INVALID_VERSION}) unless it looks like {@code 1.3.2}
     */
    public static String requireWellFormed(String requested) {
        String version = requested == null ? "" : requested.trim();
        if (!MODEL_VERSION.matcher(version).matches()) {
            throw new RegistryException(
                    Reason.INVALID_VERSION,
                    "'" + requested + "' is not a model version: use <major>.<minor>.<patch>, three numbers without"
                            + " leading zeros, such as 1.3.2");
        }
        return version;
    }

    private static String stripZeros(String number) {
        String stripped = number.replaceFirst("^0+(?=\\d)", "");
        return stripped;
    }
}
