package io.jstack.image.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.image.service.ImageSettings;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.regex.Pattern;

/**
 * Two request size limits in one service. Image data may be as large as the image size cap, so that is the
 * server-wide limit ({@code quarkus.http.limits.max-body-size}); every other request carries JSON and is held
 * to {@code jstack.image.max-json-body-size}: refused at once by its Content-Length (413), or, when chunked,
 * cut off by the body reader once it passes the limit.
 */
@Singleton
public class BodyLimits {

    /** The endpoints that take image data rather than JSON. */
    static final Pattern DATA = Pattern.compile("^/v2/images/[^/]+/(file|stage)/?$");

    /** The key Quarkus's body readers check for the most a request may send. */
    private static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";

    /** Right after Quarkus's own size check (order -2), before anything reads a body. */
    private static final int ORDER = -1;

    void install(@Observes Router router, ImageSettings settings, ObjectMapper json) {
        long limit = settings.maxJsonBodySize().asLongValue();
        router.route().order(ORDER).handler(ctx -> guard(ctx, limit, json));
    }

    private static void guard(RoutingContext ctx, long limit, ObjectMapper json) {
        if (ctx.request().method() == HttpMethod.GET || DATA.matcher(ctx.normalizedPath()).matches()) {
            ctx.next();
            return;
        }
        String length = ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > limit) {
                String body;
                try {
                    body = json.writeValueAsString(java.util.Map.of("message", "The request body of " + declared
                            + " bytes is larger than the " + limit + " bytes allowed.", "code",
                            "413 Request Entity Too Large", "title", "Request Entity Too Large"));
                } catch (Exception e) {
                    body = "{}";
                }
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close").end(body);
                return;
            }
        }
        ctx.put(MAX_REQUEST_SIZE, limit);
        ctx.next();
    }
}
