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

    /** The image as the caller sees it; null when it does not exist or is not visible to them. */
    public Uni<ImageSpec> find(RequestContext ctx, String imageId) {
        return serviceToken().chain(serviceToken -> {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                    .setAbsoluteURI(base() + "/v2/images/" + imageId)
                    .setTimeout(settings.imageTimeout().toMillis())
                    .putHeader("Accept", "application/json");
            if (ctx.authToken() != null) {
                options.putHeader("X-Auth-Token", ctx.authToken());
            }
            if (serviceToken != null) {
                options.putHeader("X-Service-Token", serviceToken);
            }
            options.putHeader("X-Openstack-Request-Id", ctx.requestId());
            return http.request(options).chain(req -> req.send()).chain(resp -> resp.body().map(body -> {
                if (resp.statusCode() == 404 || resp.statusCode() == 403) {
                    return null;
                }
                if (resp.statusCode() != 200) {
                    LOG.warnf("image service answered %d for image %s", resp.statusCode(), imageId);
                    throw new ApiException(503, "The image service is not available.");
                }
                try {
                    return spec(json.readTree(body.getBytes()));
                } catch (java.io.IOException e) {
                    throw new ApiException(503, "The image service answered something that is not an image.");
                }
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
