package io.github.mlmaven.registry;

import io.github.mlmaven.registry.RegistryException.Reason;
import java.util.Locale;
import java.util.Optional;

/** Turns JGit's transport exceptions into messages that say what was tried, with which credentials, and the fix. */
final class TransportFailures {
    private static final String[] AUTHENTICATION_HINTS = {
        "not authorized",
        "authentication",
        "auth fail",
        "credentials",
        "not permitted",
        "access denied",
        "permission denied",
        "invalid username or password",
    };

    private TransportFailures() {}

    /**
     * @param action what was tried, followed by the remote: {@code fetch branch ml-registry from}
     * @param after what it means for the user, appended to the message, or null
     */
    static RegistryException describe(
            String remote,
            String url,
            String action,
            Optional<RegistryCredentials> credentials,
            Exception failure,
            String after) {
        String cause = scrub(String.valueOf(failure.getMessage()), credentials);
        String where = "remote '" + remote + "' (" + url + ")";
        String tail = after == null ? "" : "; " + after;
        if (isLocal(url) && isAuthenticationFailure(failure)) {
            // a directory on this machine asks for no credentials: "permission denied" is about its files
            return new RegistryException(
                    Reason.REMOTE_UNREACHABLE,
                    "cannot " + action + " " + where + ": it is a directory on this machine that this process may"
                            + " not read or write (" + cause + "); check the permissions of its files (ls -l)"
                            + tail,
                    failure);
        }
        if (isAuthenticationFailure(failure)) {
            String fix = credentials
                    .map(c -> "the remote refused " + c.describe() + ": check that the token or password is valid"
                            + " and may push to the repository (a workflow's GITHUB_TOKEN needs permissions:"
                            + " contents: write)")
                    .orElse("the remote asked for credentials and none were given: set GITHUB_TOKEN, or configure a"
                            + " <server> in settings.xml with the repository's user name and token");
            return new RegistryException(
                    Reason.AUTHENTICATION_FAILED,
                    "cannot " + action + " " + where + ": " + fix + " (" + cause + ")" + tail,
                    failure);
        }
        return new RegistryException(
                Reason.REMOTE_UNREACHABLE,
                "cannot " + action + " " + where + ": " + cause + ". Check the remote's URL (git remote -v) and the"
                        + " network" + tail,
                failure);
    }

    /** Whether the remote's URL names a directory on this machine rather than a server. */
    static boolean isLocal(String url) {
        return url.startsWith("file:") || url.startsWith("/") || url.startsWith(".");
    }

    /** HTTP 401 or 403 as a word of its own: not the digits inside a temporary folder's name. */
    private static final java.util.regex.Pattern AUTHENTICATION_STATUS =
            java.util.regex.Pattern.compile("(?<![\\w./-])40[13](?![\\w/-])");

    static boolean isAuthenticationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (AUTHENTICATION_STATUS.matcher(message).find()) {
                return true;
            }
            for (String hint : AUTHENTICATION_HINTS) {
                if (message.contains(hint)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The text with the secret replaced by {@code ****}, in case a server or URL echoed it. */
    static String scrub(String text, Optional<RegistryCredentials> credentials) {
        if (text == null || credentials.isEmpty() || credentials.get().secret().isEmpty()) {
            return text;
        }
        return text.replace(credentials.get().secret(), "****");
    }
}
