package io.github.mlmaven.registry;

import java.util.Objects;

/**
 * A user name and a password or token for the registry's remote, with where they came from so that messages can say
 * which credentials were used without ever showing the secret. {@link #toString()} hides the secret too.
 *
 * @param username the user name; for a GitHub token any non-empty name works
 * @param secret the password or token
 * @param source where they came from, for messages: {@code GITHUB_TOKEN}, {@code server 'github' in settings.xml}
 */
public record RegistryCredentials(String username, String secret, String source) {
    /** The user name GitHub documents for an installation or Actions token. */
    public static final String TOKEN_USERNAME = "x-access-token";

    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(source, "source");
    }

    /** A token, such as {@code GITHUB_TOKEN}, sent as the password of {@value #TOKEN_USERNAME}. */
    public static RegistryCredentials token(String token, String source) {
        return new RegistryCredentials(TOKEN_USERNAME, token, source);
    }

    /** How messages name these credentials: where they came from and the user, never the secret. */
    public String describe() {
        return "the credentials from " + source + " (user " + username + ")";
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", secret=****, source=" + source + "]";
    }
}
