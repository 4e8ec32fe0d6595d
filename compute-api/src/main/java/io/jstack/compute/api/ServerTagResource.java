package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.model.InstanceTag;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.InstanceChanges;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.Servers;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A server's tags (microversion 2.26): up to 50, each 1..60 characters without "/" or ",". */
@Path("/v2.1/servers/{id}/tags")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class ServerTagResource {

    private static final Pattern TAG = Pattern.compile("^[^,/]{1,60}$");
    private static final int MAX_TAGS = 50;

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    Servers servers;

    @Inject
    InstanceChanges changes;

    @Inject
    Links links;

    @Context
    UriInfo uri;

    private void requireVersion() {
        if (!version.atLeast(26)) {
            throw ApiException.notFound("The resource could not be found.");
        }
    }

    static Uni<List<String>> tags(String uuid) {
        return InstanceTag.<InstanceTag>list("instanceUuid = ?1 order by tag", uuid)
                .map(rows -> rows.stream().map(t -> t.tag).toList());
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("id") String id) {
        requireVersion();
        RequestContext ctx = current.context();
        return servers.find(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.TAGS_INDEX, i.projectId);
            return tags(i.uuid);
        }).map(t -> Map.of("tags", t));
    }

    @GET
    @Path("{tag}")
    @WithSession
    public Uni<Response> show(@PathParam("id") String id, @PathParam("tag") String tag) {
        requireVersion();
        RequestContext ctx = current.context();
        return servers.find(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.TAGS_SHOW, i.projectId);
            return InstanceTag.count("instanceUuid = ?1 and tag = ?2", i.uuid, tag);
        }).map(n -> noContentIfTagged(n, id, tag));
    }

    @PUT
    @Path("{tag}")
    @WithTransaction
    public Uni<Response> add(@PathParam("id") String id, @PathParam("tag") String tag) {
        requireVersion();
        RequestContext ctx = current.context();
        return servers.find(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.TAGS_UPDATE, i.projectId);
            changes.check(ctx, i, "update tag", false);
            if (!TAG.matcher(tag).matches()) {
                throw ApiException.badRequest("Tag '" + tag + "' is invalid. It must be a non empty string "
                        + "without characters '/' and ','.");
            }
            return tags(i.uuid).chain(existing -> {
                if (existing.contains(tag)) {
                    return Uni.createFrom().item(Response.noContent().build());
                }
                if (existing.size() >= MAX_TAGS) {
                    throw ApiException.badRequest("The number of tags exceeded the per-server limit " + MAX_TAGS);
                }
                i.updatedAt = Instant.now();
                return InstanceTag.of(i.uuid, tag).persist().map(x -> Response.status(201)
                        .header("Location", links.v21(uri) + "/servers/" + id + "/tags/" + tag).build());
            });
        });
    }

    @PUT
    @WithTransaction
    public Uni<Map<String, Object>> replace(@PathParam("id") String id, JsonNode json) {
        requireVersion();
        RequestContext ctx = current.context();
        Body.onlyKeys(json, List.of("tags"));
        JsonNode given = json.get("tags");
        if (given == null || !given.isArray()) {
            throw Body.invalid("tags", given, "'tags' must be a list");
        }
        if (given.size() > MAX_TAGS) {
            throw Body.invalid("tags", given, "is too long");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode t : given) {
            if (!t.isTextual() || !TAG.matcher(t.textValue()).matches()) {
                throw Body.invalid("tags", given, t + " is not a valid tag");
            }
            if (!tags.contains(t.textValue())) {
                tags.add(t.textValue());
            }
        }
        return servers.find(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.TAGS_UPDATE_ALL, i.projectId);
            changes.check(ctx, i, "update tags", false);
            i.updatedAt = Instant.now();
            Uni<Void> chain = InstanceTag.delete("instanceUuid", i.uuid).replaceWithVoid();
            for (String t : tags) {
                chain = chain.chain(() -> InstanceTag.of(i.uuid, t).persist()).replaceWithVoid();
            }
            return chain.map(x -> Map.<String, Object>of("tags", tags.stream().sorted().toList()));
        });
    }

    @DELETE
    @Path("{tag}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id, @PathParam("tag") String tag) {
        requireVersion();
        RequestContext ctx = current.context();
        return servers.find(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.TAGS_DELETE, i.projectId);
            changes.check(ctx, i, "delete tag", false);
            i.updatedAt = Instant.now();
            return InstanceTag.delete("instanceUuid = ?1 and tag = ?2", i.uuid, tag);
        }).map(n -> noContentIfTagged(n, id, tag));
    }

    @DELETE
    @WithTransaction
    public Uni<Response> deleteAll(@PathParam("id") String id) {
        requireVersion();
        RequestContext ctx = current.context();
        return servers.find(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.TAGS_DELETE_ALL, i.projectId);
            changes.check(ctx, i, "delete tags", false);
            i.updatedAt = Instant.now();
            return InstanceTag.delete("instanceUuid", i.uuid);
        }).map(n -> Response.noContent().build());
    }

    /** 204 when the tag was there (found or deleted), Nova's 404 when it was not. */
    private static Response noContentIfTagged(long rows, String id, String tag) {
        if (rows == 0) {
            throw ApiException.notFound("Server " + id + " has no tag '" + tag + "'");
        }
        return Response.noContent().build();
    }
}
