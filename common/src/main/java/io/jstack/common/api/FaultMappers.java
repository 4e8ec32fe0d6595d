package io.jstack.common.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure leaves as the service's OpenStack fault: bad input is a 4xx with a message that says what was
 * wrong, an outage of a dependency (database, message broker, RPC peer) is a 503 with {@code Retry-After}
 * ({@link Failures} sorts them), and anything else is a 500 whose details go to the log (with the request id), not
 * to the client.
 */
public class FaultMappers {

    private static final Logger LOG = Logger.getLogger(FaultMappers.class);

    @Inject
    FaultShape faults;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return withRetryAfter(faults.render(e.status(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        if (status >= 500) {
            LOG.error("request failed", e);
            return faults.render(status, "An unexpected error prevented the server from fulfilling your request.");
        }
        return faults.render(status, messageFor(status, e));
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class})
    public Response json(JsonProcessingException e) {
        String detail = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? "invalid value for '" + path(m) + "'"
                : "the request body is not valid JSON";
        return faults.render(400, "Malformed request: " + detail + ".");
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        var classified = Failures.classify(e);
        if (classified.isPresent()) {
            return render(classified.get(), e);
        }
        if (e.getCause() instanceof WebApplicationException web) {
            return web(web);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        LOG.error("request failed", e);
        return faults.render(500, "An unexpected error prevented the server from fulfilling your request.");
    }

    private Response render(Failures.Classified fault, Throwable e) {
        if (fault.status() >= 500) {
            // an outage, not a bug: one line, no stack trace
            LOG.warnf("request failed: %s", rootMessage(e));
        }
        return withRetryAfter(faults.render(fault.status(), fault.message()));
    }

    /** Every 503 says when to try again: it is an outage, and it passes. */
    private static Response withRetryAfter(Response response) {
        if (response.getStatus() != 503 || response.getHeaderString("Retry-After") != null) {
            return response;
        }
        return Response.fromResponse(response).header("Retry-After", Failures.RETRY_AFTER_SECONDS).build();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getClass().getSimpleName() + " <- " + root;
    }

    private static String path(MismatchedInputException e) {
        StringBuilder out = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String messageFor(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "The resource could not be found.";
            case 405 -> "The method is not allowed for this resource.";
            case 406 -> "The requested media type is not available.";
            case 415 -> "The request's media type is not supported.";
            default -> e.getMessage() != null && !e.getMessage().startsWith("HTTP ") ? e.getMessage()
                    : FaultShape.title(status);
        };
    }
}
