package io.jstack.common.api;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.ShutdownSignalException;
import io.jstack.common.rpc.RemoteError;
import io.jstack.common.rpc.RpcTimeoutException;
import io.jstack.common.rpc.RpcUnavailableException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {

    /** What PostgreSQL's client raises, with a SQLSTATE. */
    private static DatabaseException pg(String state, String message) {
        return new DatabaseException("ERROR: " + message + " (" + state + ")", 0, state) {
        };
    }

    private static int status(Throwable t) {
        return Failures.classify(t).map(Failures.Classified::status).orElse(500);
    }

    @Test
    void postgresDataExceptionsAreBadRequestsThatSayWhatWasWrong() {
        var nul = Failures.classify(pg("22021", "invalid byte sequence for encoding \"UTF8\": 0x00"));
        assertEquals(400, nul.orElseThrow().status());
        assertEquals("Invalid input: invalid byte sequence for encoding \"UTF8\": 0x00.", nul.get().message());
        assertEquals(400, status(pg("22P02", "invalid input syntax for type integer: \"x\"")));
        assertEquals(400, status(pg("2201B", "invalid regular expression: invalid escape \\ sequence")));
        assertEquals(400, status(pg("22001", "value too long for type character varying(255)")));
        assertEquals(400, status(pg("54000", "index row requires 9000 bytes")));
        assertEquals(400, status(pg("23502", "null value in column \"x\" of relation \"y\"")));
        // the relation's name does not reach the client
        assertTrue(!Failures.classify(pg("23502", "relation \"secret\"")).orElseThrow().message().contains("secret"));
    }

    @Test
    void uniqueAndForeignKeyRacesAreConflicts() {
        assertEquals(409, status(pg("23505", "duplicate key value violates unique constraint")));
        assertEquals(409, status(pg("23503", "violates foreign key constraint")));
    }

    @Test
    void outagesAreServiceUnavailable() {
        assertEquals(503, status(pg("08006", "connection failure")));
        assertEquals(503, status(pg("57P01", "terminating connection due to administrator command")));
        assertEquals(503, status(pg("53300", "too many connections")));
        assertEquals(503, status(pg("40001", "could not serialize access")));
        assertEquals(503, status(pg("40P01", "deadlock detected")));
        assertEquals(503, status(ClosedConnectionException.INSTANCE));
        assertEquals(503, status(new ConnectException("Connection refused")));
        assertEquals(503, status(new RpcTimeoutException("conductor", "build", 1000)));
        assertEquals(503, status(new java.util.concurrent.TimeoutException("no connection in time")));
        assertEquals(503, status(new RpcUnavailableException("message broker: closed", null)));
        assertEquals(503, status(new AlreadyClosedException(new ShutdownSignalException(true, false, null, null))));
    }

    @Test
    void wrappedFailuresAreFoundThroughTheirCauses() {
        Throwable hibernate = new RuntimeException("HR000057: failed to execute statement",
                new SQLException("duplicate key", "23505"));
        assertEquals(409, status(new CompletionException(hibernate)));
        assertEquals(503, status(new CompletionException(new IllegalStateException(new ConnectException("x")))));
        assertEquals(400, status(new CompletionException(pg("22021", "0x00"))));
    }

    @Test
    void aBadPatternIsABadRequestAndEverythingElseIsABug() {
        PatternSyntaxException bad = null;
        try {
            Pattern.compile("(");
        } catch (PatternSyntaxException e) {
            bad = e;
        }
        assertEquals(400, status(bad));
        assertEquals(Optional.empty(), Failures.classify(new NullPointerException()));
        assertEquals(Optional.empty(), Failures.classify(new RemoteError("java.lang.IllegalStateException", "x")));
        assertEquals(Optional.empty(), Failures.classify(pg("42P01", "relation \"x\" does not exist")));
        assertEquals(Optional.empty(), Failures.classify(pg("XX000", "internal error")));
    }
}
