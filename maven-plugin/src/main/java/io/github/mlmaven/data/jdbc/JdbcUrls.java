package io.github.mlmaven.data.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JDBC URLs as the plugin shows them: in messages, sidecars, the card and the report. Credentials written into the URL
 * are removed, not masked, so the shown URL says nothing about them: the user-info of {@code
 * jdbc:postgresql://user:secret@host/db}, Oracle's {@code jdbc:oracle:thin:user/secret@host}, and the user and
 * password parameters of a query string ({@code ?user=..&password=..}) or of a {@code ;key=value} list (SQL Server,
 * H2).
 */
public final class JdbcUrls {
    /** Parameter names whose value is a user name or a secret. */
    private static final Set<String> SECRET_NAMES = Set.of(
            "user",
            "username",
            "uid",
            "password",
            "passwd",
            "pwd",
            "pass",
            "token",
            "access_token",
            "accesstoken",
            "apikey",
            "api_key",
            "secret",
            "client_secret",
            "sslpassword",
            "sslkey",
            "keystorepassword",
            "truststorepassword",
            "trustcertificatekeystorepassword",
            "aadsecurepassword");

    /** {@code scheme://} then user-info up to the last {@code @} before the path. */
    private static final Pattern USER_INFO =
            Pattern.compile("^(jdbc:[A-Za-z0-9+.:-]*?//)([^/?;#]*@)", Pattern.CASE_INSENSITIVE);

    /** Oracle's thin form {@code jdbc:oracle:thin:user/password@host...}. */
    private static final Pattern ORACLE_USER =
            Pattern.compile("^(jdbc:oracle:[a-z]+:)[^@/]*/[^@]*(@)", Pattern.CASE_INSENSITIVE);

    private JdbcUrls() {}

    /** The URL without any credentials; never null for a non-null URL. */
    public static String sanitize(String url) {
        String text = url.strip();
        Matcher oracle = ORACLE_USER.matcher(text);
        if (oracle.find()) {
            text = oracle.group(1) + oracle.group(2) + text.substring(oracle.end());
        }
        Matcher userInfo = USER_INFO.matcher(text);
        if (userInfo.find()) {
            text = userInfo.group(1) + text.substring(userInfo.end());
        }
        return withoutSecretParameters(text);
    }

    /** Whether a driver property or URL parameter of this name holds a credential. */
    public static boolean isSecretName(String name) {
        return SECRET_NAMES.contains(name.strip().toLowerCase(Locale.ROOT));
    }

    /** Drops {@code key=value} items with a secret key from the {@code ?..&..} and {@code ;..;..} lists. */
    private static String withoutSecretParameters(String url) {
        StringBuilder out = new StringBuilder(url.length());
        int i = 0;
        int n = url.length();
        // the part before the first separator is the address itself
        int first = indexOfAny(url, 0, "?;");
        if (first < 0) {
            return url;
        }
        out.append(url, 0, first);
        i = first;
        List<String> kept = new ArrayList<>();
        List<Character> separators = new ArrayList<>();
        while (i < n) {
            char separator = url.charAt(i);
            int end = indexOfAny(url, i + 1, separator == ';' ? ";?" : "&;");
            String item = url.substring(i + 1, end < 0 ? n : end);
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq);
            if (!isSecretName(key)) {
                separators.add(separator == '&' ? '&' : separator);
                kept.add(item);
            }
            i = end < 0 ? n : end;
        }
        boolean inQuery = false;
        for (int k = 0; k < kept.size(); k++) {
            char separator = separators.get(k);
            if (separator == '?' || separator == '&') {
                out.append(inQuery ? '&' : '?');
                inQuery = true;
            } else {
                out.append(';');
            }
            out.append(kept.get(k));
        }
        return out.toString();
    }

    private static int indexOfAny(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
