package io.jstack.compute.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.ServiceCredentials;
import io.jstack.common.compute.ImageSpec;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Images, read from the image service's public API with the caller's own token (so visibility is the image
 * service's to decide), plus this service's token as {@code X-Service-Token} when it has one.
 */
@ApplicationScoped
public class Images {

    private static final Logger LOG = Logger.getLogger(Images.class);
    /** Image fields that are not properties. */
    private static final Set<String> CORE = Set.of("id", "name", "status", "disk_format", "container_format",
            "size", "virtual_size", "min_ram", "min_disk", "checksum", "os_hash_algo", "os_hash_value",
            "visibility", "protected", "owner", "created_at", "updated_at", "tags", "self", "file", "schema",
            "direct_url", "locations", "os_hidden", "stores");

    @Inject
    ComputeSettings settings;

    @Inject
    ServiceCredentials serviceCredentials;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    private HttpClient http;

    @PostConstruct
    void init() {
        http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(true));
    }

    /** An answer of the image service: its status and JSON body (null when it had none). */
    public record Answer(int status, JsonNode body) {
    }

    /** The image as the caller sees it; null when it does not exist or is not visible to them. */
    public Uni<ImageSpec> find(RequestContext ctx, String imageId) {
        return raw(ctx, imageId).map(image -> image == null ? null : spec(image));
    }

    /** The image's JSON as the image service returns it; null when it is not there for the caller. */
    public Uni<JsonNode> raw(RequestContext ctx, String imageId) {
        return send(ctx, HttpMethod.GET, "/v2/images/" + segment(imageId), null, null).map(a -> switch (a.status()) {
            case 200 -> a.body();
            // 400: the image service finds the id malformed, so there is no such image
            case 400, 403, 404 -> null;
            default -> throw unavailable(a.status(), imageId);
        });
    }

    /** Every image the caller can see, following the image service's pages. */
    public Uni<java.util.List<JsonNode>> all(RequestContext ctx) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        return page(ctx, "/v2/images?limit=1000", out).replaceWith(out);
    }

    private Uni<Void> page(RequestContext ctx, String path, java.util.List<JsonNode> out) {
        return send(ctx, HttpMethod.GET, path, null, null).chain(a -> {
            if (a.status() != 200 || a.body() == null) {
                throw unavailable(a.status(), "list");
            }
            a.body().path("images").forEach(out::add);
            String next = a.body().path("next").asText("");
            return next.isEmpty() ? Uni.createFrom().voidItem() : page(ctx, next, out);
        });
    }

    /** A JSON-patch of the image; the answer is the image service's. */
    public Uni<Answer> patch(RequestContext ctx, String imageId, JsonNode operations) {
        return send(ctx, HttpMethod.PATCH, "/v2/images/" + segment(imageId), operations,
                "application/openstack-images-v2.1-json-patch");
    }

    public Uni<Answer> delete(RequestContext ctx, String imageId) {
        return send(ctx, HttpMethod.DELETE, "/v2/images/" + segment(imageId), null, null);
    }

    /** An id as one path segment of the image service's URL, whatever characters the caller put in it. */
    private static String segment(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ApiException unavailable(int status, String what) {
        LOG.warnf("image service answered %d for %s", status, what);
        return new ApiException(503, "The image service is not available.");
    }

    private Uni<Answer> send(RequestContext ctx, HttpMethod method, String path, JsonNode body, String type) {
        return serviceToken().chain(serviceToken -> {
            RequestOptions options = new RequestOptions().setMethod(method)
                    .setAbsoluteURI(base() + path)
                    .setTimeout(settings.imageTimeout().toMillis())
                    .putHeader("Accept", "application/json");
            if (ctx.authToken() != null) {
                options.putHeader("X-Auth-Token", ctx.authToken());
            }
            if (serviceToken != null) {
                options.putHeader("X-Service-Token", serviceToken);
            }
            options.putHeader("X-Openstack-Request-Id", ctx.requestId());
            if (type != null) {
                options.putHeader("Content-Type", type);
            }
            return http.request(options).chain(req -> body == null ? req.send()
                    : req.send(io.vertx.mutiny.core.buffer.Buffer.buffer(body.toString())))
                    .chain(resp -> resp.body().map(buf -> {
                        JsonNode parsed = null;
                        if (buf != null && buf.length() > 0) {
                            try {
                                parsed = json.readTree(buf.getBytes());
                            } catch (java.io.IOException e) {
                                parsed = null;
                            }
                        }
                        return new Answer(resp.statusCode(), parsed);
                    }));
        }).onFailure(e -> !(e instanceof ApiException)).transform(e -> {
            LOG.warnf("cannot reach the image service at %s: %s", base(), e.getMessage());
            return new ApiException(503, "The image service is not available.");
        });
    }

    private String base() {
        String url = settings.imageUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** This service's token, or null (not configured, or the identity service refused): the user's token does. */
    private Uni<String> serviceToken() {
        if (!serviceCredentials.configured()) {
            return Uni.createFrom().nullItem();
        }
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Executor back = context == null ? Runnable::run : task -> context.runOnContext(x -> task.run());
        return Uni.createFrom().completionStage(() -> serviceCredentials.token())
                .onFailure().recoverWithNull()
                .emitOn(back);
    }

    static ImageSpec spec(JsonNode image) {
        Map<String, String> properties = new LinkedHashMap<>();
        image.fields().forEachRemaining(e -> {
            if (!CORE.contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                properties.put(e.getKey(), e.getValue().asText());
            }
        });
        return new ImageSpec(image.path("id").asText(), text(image, "name"), text(image, "status"),
                text(image, "disk_format"), text(image, "container_format"),
                image.hasNonNull("size") ? image.get("size").asLong() : null,
                image.path("min_ram").asInt(0), image.path("min_disk").asInt(0), text(image, "checksum"),
                properties);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
