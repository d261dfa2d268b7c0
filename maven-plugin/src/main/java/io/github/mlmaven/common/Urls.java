package io.github.mlmaven.common;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * URLs as the plugin prints or writes them: the user-info ({@code user:password@}) and the values of query or JDBC
 * parameters that carry secrets ({@code ?password=}, {@code &token=}, {@code ;password=}) replaced by {@code ***}.
 * A tracking URI, a Pushgateway address or a git remote given with a password in it would otherwise reach the
 * console, summary.md and, through ml:ci-report, a job summary, a step output and a pull-request comment. Credentials
 * belong in a settings.xml {@code <server>} (see docs/mlflow.md); masking is the safety net for when they are not.
 *
 * <p>Works on text, not on a parsed {@link URI}: the strings that most need masking are the ones a user got wrong
 * and that {@link URI} refuses (a password with a raw {@code #} or space in it).
 */
public final class Urls {
    static final String MASK = "***";

    /** {@code scheme://} followed by an authority that holds an {@code @}: the user-info is what precedes it. */
    private static final Pattern USER_INFO_IN_TEXT =
            Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^\\s/?#@\"'<>()\\[\\]`]*@");

    /** A parameter whose value is a secret, in a query string or in a JDBC URL's {@code ;key=value} list. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:password|passwd|pwd|pass|token|access_token|auth_token|id_token|refresh_token|api[_-]?key"
                    + "|apikey|secret|client_secret|x-amz-signature|sig|signature|private_token)=)"
                    + "[^&;#\\s\"'<>)\\]`]*");

    private Urls() {}

    /**
     * One URL, masked: {@code https://alice:s3cret@mlflow:5000/x?token=t} becomes {@code
     * https://***@mlflow:5000/x?token=***}. A string that is not a URL comes back with the same masking applied to
     * what looks like user-info: everything between {@code ://} and the last {@code @} of the authority.
     */
    public static @Nullable String redactUserInfo(@Nullable String url) {
        if (url == null) {
            return null;
        }
        String masked = url;
        int scheme = masked.indexOf("://");
        if (scheme >= 0) {
            int start = scheme + 3;
            // a single value may hold a password with a raw '/', '?', '#' or space that ends no authority: mask up
            // to the last '@', where the host starts if there is user-info at all
            int at = masked.lastIndexOf('@');
            if (at >= start) {
                masked = masked.substring(0, start) + MASK + masked.substring(at);
            }
        }
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }

    /** {@link #redactUserInfo(String)} of the URI's text; null stays null. */
    public static @Nullable String redactUserInfo(@Nullable URI uri) {
        return uri == null ? null : redactUserInfo(uri.toString());
    }

    /**
     * Free text (a log line, an exception's message, a Markdown summary) with every URL in it masked. Used where a
     * message may quote a URL the plugin did not build itself, such as JGit's transport errors.
     */
    public static @Nullable String redactAll(@Nullable String text) {
        if (text == null || (text.indexOf('@') < 0 && text.indexOf('=') < 0)) {
            return text;
        }
        Matcher userInfo = USER_INFO_IN_TEXT.matcher(text);
        String masked = userInfo.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }
}
