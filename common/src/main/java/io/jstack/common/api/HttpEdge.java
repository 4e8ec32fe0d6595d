package io.jstack.common.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.RequestContext;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The HTTP edge, before any route: what no route can make sense of is refused here, in the service's fault shape,
 * and so are the refusals of the HTTP layer itself (which would otherwise answer with an empty body).
 * <ul>
 *   <li>a request target that is not a URI, or whose percent-encoding is broken or not UTF-8: 400. (Quarkus
 *   refuses what {@link URI} cannot parse with an empty 400 unless {@code -Dvertx.disableURIValidation=true} is
 *   set, as the launcher and the tests do, so that this check answers instead);</li>
 *   <li>a NUL byte in the path: 404 (no resource's name or id holds one: PostgreSQL cannot store it); in the
 *   query: 400. NUL bytes in bodies and headers that reach the database are answered 400 by {@link Failures};</li>
 *   <li>a body larger than {@code quarkus.http.limits.max-body-size} by its Content-Length: 413;</li>
 *   <li>any other 4xx the HTTP layer fails a request with (a path it cannot normalise, no Host header).</li>
 * </ul>
 */
@ApplicationScoped
public class HttpEdge {

    @Inject
    FaultShape faults;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        // before Quarkus's own body-size check, which answers 413 with no body
        int order = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
        router.route().order(order).handler(this::guard);
        router.route().order(order).failureHandler(this::failure);
        // what no route serves at all (a service without an API of its own serves only its health)
        for (int status : new int[]{400, 404, 405, 406, 413, 415}) {
            router.errorHandler(status, this::failure);
        }
    }

    private void guard(RoutingContext ctx) {
        Optional<Refusal> refusal = check(ctx.request().uri(), ctx.request().getHeader("Content-Length"),
                maxBodySize.asLongValue());
        if (refusal.isPresent()) {
            // the body (if any) is not read: the connection cannot be reused
            ctx.response().putHeader("Connection", "close");
            write(ctx, refusal.get().status(), refusal.get().message());
        } else {
            ctx.next();
        }
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (ctx.response().headWritten() || status < 400 || status >= 500) {
            ctx.next();
            return;
        }
        write(ctx, status, switch (status) {
            case 404 -> "The resource could not be found.";
            case 405 -> "The method is not allowed for this resource.";
            case 406 -> "The requested media type is not available.";
            case 413 -> "The request is too large.";
            case 415 -> "The request's media type is not supported.";
            default -> "The request is malformed.";
        });
    }

    private void write(RoutingContext ctx, int status, String message) {
        Response fault = faults.render(status, message);
        byte[] body;
        try {
            body = json.writeValueAsBytes(fault.getEntity());
        } catch (JsonProcessingException e) {
            body = ("{\"message\": \"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", String.valueOf(fault.getMediaType()))
                .putHeader(RequestIds.HEADER, RequestContext.newRequestId())
                .end(Buffer.buffer(body));
    }

    /** Why a request is refused before routing. */
    record Refusal(int status, String message) {
    }

    static Optional<Refusal> check(String target, String contentLength, long maxBody) {
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.trim()) > maxBody) {
                    return Optional.of(new Refusal(413, "The request is too large: the limit is " + maxBody
                            + " bytes."));
                }
            } catch (NumberFormatException e) {
                return Optional.of(new Refusal(400, "The Content-Length header is not a number."));
            }
        }
        if (target == null) {
            return Optional.empty();
        }
        try {
            new URI(target);
        } catch (URISyntaxException e) {
            return Optional.of(new Refusal(400, "Malformed request URL: " + e.getReason() + "."));
        }
        int q = target.indexOf('?');
        String path = decode(q < 0 ? target : target.substring(0, q), false);
        if (path == null) {
            return Optional.of(new Refusal(400, "Malformed request URL: the path is not validly percent-encoded "
                    + "UTF-8."));
        }
        if (path.indexOf('\0') >= 0) {
            return Optional.of(new Refusal(404, "The resource could not be found."));
        }
        String query = q < 0 ? "" : decode(target.substring(q + 1), true);
        if (query == null) {
            return Optional.of(new Refusal(400, "Malformed request URL: the query string is not validly "
                    + "percent-encoded UTF-8."));
        }
        if (query.indexOf('\0') >= 0) {
            return Optional.of(new Refusal(400, "Invalid query string: a parameter contains a NUL character."));
        }
        return Optional.empty();
    }

    /** Strict percent-decoding to UTF-8; null when an escape is broken or the bytes are not UTF-8. */
    static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && s.chars().allMatch(c -> c < 0x80)) {
            return plusIsSpace ? s.replace('+', ' ') : s;
        }
        // the request line arrives as bytes, one char each; other chars are taken as their UTF-8 bytes
        ByteBuffer bytes = ByteBuffer.allocate(s.length() * 3);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else if (c < 0x100) {
                bytes.put((byte) (plusIsSpace && c == '+' ? ' ' : c));
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
