package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.service.ComputeSettings;
import io.jstack.compute.service.Images;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The images proxy (up to microversion 2.35): the image service's images in Nova's words, read and changed
 * through the image service's API with the caller's token. Deprecated in Nova at 2.36, where it is a 404.
 */
@Path("/v2.1/images")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImageProxyResource {

    /** Image fields that are not properties (metadata). */
    private static final Set<String> CORE = Set.of("id", "name", "status", "disk_format", "container_format",
            "size", "virtual_size", "min_ram", "min_disk", "checksum", "os_hash_algo", "os_hash_value",
            "visibility", "protected", "owner", "created_at", "updated_at", "tags", "self", "file", "schema",
            "direct_url", "locations", "os_hidden", "stores");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Images images;

    @Inject
    Links links;

    @Inject
    ComputeSettings settings;

    @Context
    UriInfo uri;

    private void proxied() {
        if (version.atLeast(36)) {
            throw ApiException.notFound("The resource could not be found.");
        }
    }

    @GET
    public Uni<Map<String, Object>> list() {
        return listing(false);
    }

    @GET
    @Path("detail")
    public Uni<Map<String, Object>> detail() {
        return listing(true);
    }

    private Uni<Map<String, Object>> listing(boolean detail) {
        proxied();
        RequestContext ctx = current.context();
        Query q = Query.of(uri);
        int limit = q.limit(settings.maxLimit());
        String marker = q.get("marker");
        return images.all(ctx).map(all -> {
            List<JsonNode> list = new ArrayList<>(all.stream().filter(i -> matches(i, q)).toList());
            list.sort(Comparator.comparing((JsonNode i) -> i.path("created_at").asText()).reversed()
                    .thenComparing(i -> i.path("id").asText(), Comparator.reverseOrder()));
            int from = 0;
            if (marker != null) {
                from = -1;
                for (int n = 0; n < list.size(); n++) {
                    if (list.get(n).path("id").asText().equals(marker)) {
                        from = n + 1;
                    }
                }
                if (from < 0) {
                    throw ApiException.badRequest("marker [" + marker + "] not found");
                }
            }
            List<JsonNode> page = list.subList(Math.min(from, list.size()), Math.min(list.size(), from + limit));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("images", page.stream().map(i -> detail ? view(i) : brief(i)).toList());
            if (q.pageFull(page.size(), settings.maxLimit())) {
                out.put("images_links", links.next(uri, detail ? "images/detail" : "images",
                        page.getLast().path("id").asText()));
            }
            return out;
        });
    }

    /** Nova's filters: name, status, changes-since, server, type, minRam, minDisk and property-*. */
    private static boolean matches(JsonNode i, Query q) {
        for (String name : q.names()) {
            String v = q.get(name);
            boolean ok = switch (name) {
                case "name" -> v.equals(i.path("name").asText(null));
                case "status" -> v.equalsIgnoreCase(i.path("status").asText());
                case "changes-since" -> !instant(i.path("updated_at").asText()).isBefore(
                        io.jstack.compute.service.ServerQuery.time("changes-since", v));
                case "server" -> v.substring(v.lastIndexOf('/') + 1).equals(i.path("instance_uuid").asText(null));
                case "type" -> v.equals(i.path("image_type").asText(null));
                case "minRam" -> i.path("min_ram").asLong(0) >= number(name, v);
                case "minDisk" -> i.path("min_disk").asLong(0) >= number(name, v);
                default -> !name.startsWith("property-") || v.equals(i.path(name.substring(9)).asText(null));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static long number(String name, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid " + name + " filter [" + v + "]");
        }
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private List<Map<String, Object>> imageLinks(String id) {
        List<Map<String, Object>> out = new ArrayList<>(links.of(uri, "images", id));
        Map<String, Object> alternate = Links.link("alternate", settings.imageUrl().replaceAll("/+$", "")
                + "/images/" + id);
        alternate.put("type", "application/vnd.openstack.image");
        out.add(alternate);
        return out;
    }

    private Map<String, Object> brief(JsonNode i) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", i.path("id").asText());
        v.put("name", i.path("name").isNull() ? null : i.path("name").asText(null));
        v.put("links", imageLinks(i.path("id").asText()));
        return v;
    }

    private static Map<String, String> properties(JsonNode i) {
        Map<String, String> props = new TreeMap<>();
        i.fields().forEachRemaining(e -> {
            if (!CORE.contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                props.put(e.getKey(), e.getValue().asText());
            }
        });
        return props;
    }

    private Map<String, Object> view(JsonNode i) {
        String id = i.path("id").asText();
        String status = i.path("status").asText();
        Map<String, String> props = properties(i);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("name", i.path("name").isNull() ? null : i.path("name").asText(null));
        v.put("minRam", i.path("min_ram").asInt(0));
        v.put("minDisk", i.path("min_disk").asInt(0));
        v.put("metadata", props);
        v.put("created", Times.iso(instant(i.path("created_at").asText())));
        v.put("updated", Times.iso(instant(i.path("updated_at").asText())));
        v.put("status", switch (status) {
            case "active" -> "ACTIVE";
            case "queued", "saving", "uploading", "importing" -> "SAVING";
            case "deleted", "pending_delete" -> "DELETED";
            case "killed" -> "ERROR";
            default -> "UNKNOWN";
        });
        v.put("progress", switch (status) {
            case "queued" -> 25;
            case "saving" -> 50;
            case "active" -> 100;
            default -> 0;
        });
        v.put("OS-EXT-IMG-SIZE:size", i.hasNonNull("size") ? i.get("size").asLong() : null);
        v.put("links", imageLinks(id));
        String server = props.get("instance_uuid");
        if (server != null) {
            v.put("server", Map.of("id", server, "links", links.of(uri, "servers", server)));
        }
        String auto = props.get("auto_disk_config");
        if (auto != null) {
            v.put("OS-DCF:diskConfig", Set.of("1", "t", "true", "on", "y", "yes").contains(auto.toLowerCase())
                    ? "AUTO" : "MANUAL");
        }
        return v;
    }

    private Uni<JsonNode> image(RequestContext ctx, String id) {
        return images.raw(ctx, id).map(i -> {
            if (i == null) {
                throw ApiException.notFound("Image not found.");
            }
            return i;
        });
    }

    @GET
    @Path("{id}")
    public Uni<Map<String, Object>> show(@PathParam("id") String id) {
        proxied();
        return image(current.context(), id).map(i -> Map.of("image", view(i)));
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        proxied();
        RequestContext ctx = current.context();
        return images.delete(ctx, id).map(a -> switch (a.status()) {
            case 204, 200 -> Response.noContent().build();
            // 400: the image service finds the id malformed, so there is no such image
            case 400, 404 -> throw ApiException.notFound("Image not found.");
            case 403 -> throw ApiException.forbidden("You are not allowed to delete the image.");
            case 409 -> throw ApiException.conflict("The image is in use or protected.");
            default -> throw new ApiException(503, "The image service is not available.");
        });
    }

    // ---- metadata ----------------------------------------------------------------------------------------------

    @GET
    @Path("{id}/metadata")
    public Uni<Map<String, Object>> metadata(@PathParam("id") String id) {
        proxied();
        return image(current.context(), id).map(i -> Map.of("metadata", properties(i)));
    }

    @GET
    @Path("{id}/metadata/{key}")
    public Uni<Map<String, Object>> metadataItem(@PathParam("id") String id, @PathParam("key") String key) {
        proxied();
        return image(current.context(), id).map(i -> {
            Map<String, String> props = properties(i);
            if (!props.containsKey(key)) {
                throw ApiException.notFound("The resource could not be found.");
            }
            return Map.of("meta", Map.of(key, props.get(key)));
        });
    }

    @POST
    @Path("{id}/metadata")
    public Uni<Map<String, Object>> mergeMetadata(@PathParam("id") String id, JsonNode json) {
        proxied();
        Map<String, String> given = parse(json, "metadata");
        return change(id, given, false).map(props -> Map.of("metadata", props));
    }

    @PUT
    @Path("{id}/metadata")
    public Uni<Map<String, Object>> replaceMetadata(@PathParam("id") String id, JsonNode json) {
        proxied();
        Map<String, String> given = parse(json, "metadata");
        return change(id, given, true).map(props -> Map.of("metadata", props));
    }

    @PUT
    @Path("{id}/metadata/{key}")
    public Uni<Map<String, Object>> setMetadataItem(@PathParam("id") String id, @PathParam("key") String key,
                                                    JsonNode json) {
        proxied();
        Map<String, String> given = parse(json, "meta");
        if (given.size() != 1) {
            throw ApiException.badRequest("Request body contains too many items");
        }
        if (!given.containsKey(key)) {
            throw ApiException.badRequest("Request body and URI mismatch");
        }
        return change(id, given, false).map(props -> Map.of("meta", Map.of(key, props.get(key))));
    }

    @DELETE
    @Path("{id}/metadata/{key}")
    public Uni<Response> deleteMetadataItem(@PathParam("id") String id, @PathParam("key") String key) {
        proxied();
        RequestContext ctx = current.context();
        return image(ctx, id).chain(i -> {
            if (!properties(i).containsKey(key)) {
                throw ApiException.notFound("Invalid metadata key");
            }
            ArrayNode ops = JSON.createArrayNode();
            ops.addObject().put("op", "remove").put("path", "/" + pointer(key));
            return apply(ctx, id, ops);
        }).map(x -> Response.noContent().build());
    }

    private static Map<String, String> parse(JsonNode json, String key) {
        Body.onlyKeys(json, List.of(key));
        if (!json.has(key)) {
            throw Body.invalid(key, json, "'" + key + "' is a required property");
        }
        return Body.metadata(key, json.get(key));
    }

    /** Adds or replaces the given properties (and, replacing, removes the others), within the quota. */
    private Uni<Map<String, String>> change(String id, Map<String, String> given, boolean replace) {
        RequestContext ctx = current.context();
        return image(ctx, id).chain(i -> {
            Map<String, String> existing = properties(i);
            Map<String, String> result = new TreeMap<>(replace ? Map.of() : existing);
            result.putAll(given);
            if (result.size() > settings.quota().metadataItems()) {
                throw ApiException.forbidden("Quota exceeded for metadata_items: Requested " + result.size()
                        + ", but already used 0 of " + settings.quota().metadataItems() + " metadata_items");
            }
            ArrayNode ops = JSON.createArrayNode();
            given.forEach((k, v) -> {
                ObjectNode op = ops.addObject();
                op.put("op", existing.containsKey(k) ? "replace" : "add").put("path", "/" + pointer(k)).put("value", v);
            });
            if (replace) {
                existing.keySet().stream().filter(k -> !given.containsKey(k)).forEach(k ->
                        ops.addObject().put("op", "remove").put("path", "/" + pointer(k)));
            }
            return apply(ctx, id, ops).map(x -> result);
        });
    }

    private Uni<Void> apply(RequestContext ctx, String id, ArrayNode ops) {
        if (ops.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return images.patch(ctx, id, ops).map(a -> switch (a.status()) {
            case 200 -> null;
            case 404 -> throw ApiException.notFound("Image not found.");
            case 403 -> throw ApiException.forbidden("You are not allowed to change the image.");
            case 400, 409, 413 -> throw ApiException.badRequest(a.body() == null ? "Invalid metadata"
                    : a.body().toString());
            default -> throw new ApiException(503, "The image service is not available.");
        });
    }

    /** A property name as a JSON pointer segment. */
    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
