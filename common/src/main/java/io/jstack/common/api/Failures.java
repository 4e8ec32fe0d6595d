package io.jstack.common.api;

import com.rabbitmq.client.ShutdownSignalException;
import io.jstack.common.rpc.RpcTimeoutException;
import io.jstack.common.rpc.RpcUnavailableException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.PatternSyntaxException;

/**
 * Sorts a failure that reached the HTTP edge into what the client should hear, once for every service and route:
 * what the request asked for cannot be stored or read (PostgreSQL's data-exception class: a NUL byte, a bad cast, a
 * bad regular expression, a value out of range) is a 400; a unique-key race is a 409; a database or message broker
 * that cannot be reached, or that did not answer in time, is a 503 the client may retry. Anything else is not
 * classified: a bug, which is a 500 with the details in the log.
 *
 * <p>Failures arrive wrapped (Mutiny's and the JDK's completion exceptions, Hibernate's exceptions around the
 * driver's), so the whole cause chain is read. PostgreSQL errors are read by SQLSTATE, from the Vert.x client's
 * {@link DatabaseException} or the {@link SQLException} Hibernate keeps as the cause.
 */
public final class Failures {

    /** How long a client should wait before trying again after a 503. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** What a classified failure answers. */
    public record Classified(int status, String message) {
        static Classified badRequest(String message) {
            return new Classified(400, message);
        }

        static Classified unavailable(String message) {
            return new Classified(503, message);
        }
    }

    private static final String DATABASE_UNAVAILABLE =
            "The database is unavailable; the request was not completed. Please try again later.";
    private static final String DEPENDENCY_UNAVAILABLE =
            "A service this request depends on cannot be reached; the request was not completed. Please try again "
                    + "later.";
    private static final String BROKER_UNAVAILABLE =
            "An internal service could not be reached; the request was not completed. Please try again later.";
    private static final String TIMED_OUT =
            "An internal service did not answer in time; the request may not have completed. Please try again later.";

    private Failures() {
    }

    /** The answer for a failure, or empty when it is not a known class (a 500). */
    public static Optional<Classified> classify(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            Optional<Classified> found = classifyOne(t);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Classified> classifyOne(Throwable t) {
        if (t instanceof ApiException api) {
            return Optional.of(new Classified(api.status(), api.getMessage()));
        }
        if (t instanceof DatabaseException db) {
            return bySqlState(db.getSqlState(), db.getMessage());
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            if (t instanceof SQLTransientConnectionException) {
                return Optional.of(Classified.unavailable(DATABASE_UNAVAILABLE));
            }
            return bySqlState(sql.getSQLState(), sql.getMessage());
        }
        if (t instanceof ClosedConnectionException) {
            return Optional.of(Classified.unavailable(DATABASE_UNAVAILABLE));
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException) {
            return Optional.of(Classified.unavailable(DEPENDENCY_UNAVAILABLE));
        }
        if (t instanceof RpcTimeoutException) {
            return Optional.of(Classified.unavailable(TIMED_OUT));
        }
        if (t instanceof RpcUnavailableException || t instanceof ShutdownSignalException) {
            return Optional.of(Classified.unavailable(BROKER_UNAVAILABLE));
        }
        if (t instanceof PatternSyntaxException p) {
            return Optional.of(Classified.badRequest("Invalid regular expression: " + p.getDescription() + "."));
        }
        if (t instanceof TimeoutException) {
            // a dependency that did not answer in time (a connection pool's wait, a client's timeout)
            return Optional.of(Classified.unavailable(TIMED_OUT));
        }
        return Optional.empty();
    }

    /**
     * PostgreSQL's SQLSTATE classes (Appendix A of its manual). Only the message of a data exception reaches the
     * client: it describes the value ("invalid input syntax for type integer"), never a table.
     */
    static Optional<Classified> bySqlState(String state, String message) {
        if (state == null || state.length() != 5) {
            return Optional.empty();
        }
        String pgMessage = message == null ? "" : message.replaceAll("\\s+", " ").trim();
        return switch (state.substring(0, 2)) {
            // connection exception, insufficient resources, operator intervention (shutdown, cannot connect now,
            // statement timeout), transaction rollback (serialization failure, deadlock): a retry can succeed.
            case "08", "53" -> Optional.of(Classified.unavailable(DATABASE_UNAVAILABLE));
            case "57", "40" -> Optional.of(Classified.unavailable(DATABASE_UNAVAILABLE));
            case "22" -> Optional.of(Classified.badRequest("Invalid input: " + dataMessage(pgMessage)));
            case "23" -> switch (state) {
                case "23505", "23P01" -> Optional.of(new Classified(409,
                        "Conflict occurred attempting to store the resource: it already exists."));
                case "23503" -> Optional.of(new Classified(409,
                        "Conflict occurred attempting to store the resource: it refers to something that no longer "
                                + "exists, or something else still refers to it."));
                default -> Optional.of(Classified.badRequest("Invalid input: a required value is missing or a "
                        + "value is not allowed."));
            };
            // program limit exceeded: a value too large to index or compare
            case "54" -> Optional.of(Classified.badRequest("Invalid input: a value is too large."));
            case "55" -> state.equals("55P03") ? Optional.of(Classified.unavailable(DATABASE_UNAVAILABLE))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** PostgreSQL's data-exception message without the server's decorations ("ERROR: ...", code suffixes). */
    private static String dataMessage(String message) {
        String m = message.replaceFirst("^(ERROR|FATAL): ", "");
        int code = m.indexOf(" (");
        if (code > 0 && m.endsWith(")") && m.substring(code).matches(" \\(\\d{5}\\)")) {
            m = m.substring(0, code);
        }
        if (m.length() > 200) {
            m = m.substring(0, 200) + "...";
        }
        return m.isEmpty() ? "a value cannot be stored." : m.endsWith(".") ? m : m + ".";
    }
}
