package io.github.mlmaven.data.jdbc;

import io.github.mlmaven.common.InvalidConfigurationException;
import io.github.mlmaven.common.InvalidInputException;
import io.github.mlmaven.common.MlException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The database's errors worded for the user: what failed, the database's own message (without credentials), and what
 * to change. The driver's message is kept because it is the most precise part; the password is never in the result,
 * even when a driver echoes it.
 */
final class JdbcErrors {
    private JdbcErrors() {}

    /** A connection that could not be opened: unreachable server, refused credentials, unknown database. */
    static MlException connectFailed(JdbcSpec spec, SQLException e) {
        String url = spec.sanitizedUrl();
        // the drivers end their messages with a full stop, and a sentence of ours follows
        String reason = clean(spec, e).replaceFirst("\\.+$", "");
        if (isAuthentication(e)) {
            return new InvalidConfigurationException(
                    spec.element() + "/url",
                    "the database at " + url + " refused the credentials" + userPart(spec) + ", taken from "
                            + spec.credentialsSource() + ": " + reason + ". Check the user name and password there"
                            + " (a settings.xml <server> password may be encrypted with mvn --encrypt-password).");
        }
        if (isUnreachable(e)) {
            return new InvalidInputException("Cannot reach the database at " + url + ": " + reason
                    + ". Check that the server runs and that host and port in <url> are right (and reachable from"
                    + " this machine).");
        }
        return new InvalidInputException("Cannot connect to the database at " + url + " (SQLState " + e.getSQLState()
                + "): " + reason + ". Check <url>, the credentials (from " + spec.credentialsSource()
                + ") and <properties>.");
    }

    /**
     * A statement the database refused before returning rows: a syntax error, an unknown table or column, a missing
     * permission. {@code sent} is the statement as sent, and the configured query starts at {@code offset} in it, so
     * that a position the database reports is shown in the query the user wrote.
     */
    static MlException queryFailed(JdbcSpec spec, String sent, int offset, SQLException e) {
        if (isConnectionLost(e)) {
            return readFailed(spec, 0, e);
        }
        String query = spec.sql();
        StringBuilder message = new StringBuilder("the database at " + spec.sanitizedUrl() + " refused the query");
        message.append(spec.table() != null ? " SELECT * FROM " + spec.table() : "");
        message.append(": ").append(clean(spec, e));
        int position = postgresPosition(e);
        if (position > 0) {
            int inQuery = position - 1 - offset;
            if (inQuery >= 0 && inQuery < query.length()) {
                message.append(caret(query, inQuery));
            } else if (position - 1 < sent.length()) {
                message.append(" (in the statement the plugin built around it)").append(caret(sent, position - 1));
            }
        }
        message.append("\nFix the ")
                .append(spec.table() != null ? "<table>" : "<query>")
                .append("; it runs as a subquery, so it must be a single SELECT.");
        return new InvalidConfigurationException(
                spec.element() + (spec.table() != null ? "/table" : "/query"), message.toString(), cleanCopy(spec, e));
    }

    /** The connection or the read failed after the query started: nothing is written, the next build retries. */
    static MlException readFailed(JdbcSpec spec, long rows, SQLException e) {
        return new InvalidInputException(
                "Reading from the database at " + spec.sanitizedUrl() + " failed after "
                        + rows + " rows: " + clean(spec, e) + " (SQLState " + e.getSQLState()
                        + "). No snapshot part was"
                        + " written and the recorded watermark did not move; the next build extracts the same rows again.",
                cleanCopy(spec, e));
    }

    /** {@code \n  line L, column C:\n  <the line>\n  <spaces>^}. */
    static String caret(String text, int index) {
        int lineStart = text.lastIndexOf('\n', index - 1) + 1;
        int lineEnd = text.indexOf('\n', index);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        String shown = text.substring(lineStart, lineEnd).replace('\t', ' ').stripTrailing();
        return "\n  at line " + line + ", column " + (index - lineStart + 1) + " of the query:\n    " + shown + "\n    "
                + " ".repeat(index - lineStart) + "^";
    }

    /** PostgreSQL's {@code ServerErrorMessage.getPosition()}, read reflectively: the driver is the user's, not ours. */
    static int postgresPosition(SQLException e) {
        try {
            Method serverError = e.getClass().getMethod("getServerErrorMessage");
            Object message = serverError.invoke(e);
            if (message == null) {
                return 0;
            }
            Object position = message.getClass().getMethod("getPosition").invoke(message);
            return position instanceof Integer p ? p : 0;
        } catch (ReflectiveOperationException | RuntimeException notPostgres) {
            return 0;
        }
    }

    static boolean isAuthentication(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("28")) {
            return true;
        }
        int code = e.getErrorCode();
        // MySQL/MariaDB 1045, SQL Server 18456, Oracle ORA-01017
        if (code == 1045 || code == 18456 || code == 1017) {
            return true;
        }
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return text.contains("password authentication failed") || text.contains("wrong user name or password");
    }

    static boolean isUnreachable(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** SQLState class 08 (connection exception) or 57P01 (PostgreSQL: terminated by an administrator). */
    static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    private static String userPart(JdbcSpec spec) {
        return spec.username() == null ? " (no user name given)" : " of user '" + spec.username() + "'";
    }

    /** The driver's message without the URL's credentials and without the password, should a driver echo it. */
    static String clean(JdbcSpec spec, Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return withoutSecret(spec, message.strip());
    }

    /**
     * The exception with its message cleaned and without its causes, for the stack trace that {@code mvn -e} prints:
     * a driver's nested exception may quote the URL or the properties it was given.
     */
    static SQLException cleanCopy(JdbcSpec spec, SQLException e) {
        SQLException copy =
                new SQLException(e.getClass().getName() + ": " + clean(spec, e), e.getSQLState(), e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    static String withoutSecret(JdbcSpec spec, String text) {
        String cleaned = text.replace(spec.url(), spec.sanitizedUrl());
        @Nullable String password = spec.password();
        if (password != null && password.length() >= 3) {
            cleaned = cleaned.replace(password, "***");
        }
        return cleaned;
    }
}
