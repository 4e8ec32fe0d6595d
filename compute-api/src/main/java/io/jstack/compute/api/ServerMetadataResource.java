package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.policy.RuleDefault;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceMetadata;
import io.jstack.compute.model.Rows;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.InstanceChanges;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.Quotas;
import io.jstack.compute.service.Servers;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A server's metadata: read, merge (POST), replace (PUT), and single items. */
@Path("/v2.1/servers/{id}/metadata")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerMetadataResource {

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Inject
    Servers servers;

    @Inject
    Quotas quotas;

    @Inject
    InstanceChanges changes;

    static Uni<Map<String, String>> metadata(String uuid) {
        return Rows.list("select metaKey, metaValue from InstanceMetadata where instanceUuid = ?1", uuid)
                .map(rows -> {
                    Map<String, String> out = new TreeMap<>();
                    rows.forEach(r -> out.put((String) r[0], (String) r[1]));
                    return out;
                });
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("id") String id) {
        RequestContext ctx = current.context();
        return servers.find(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.METADATA_INDEX, i.projectId);
            return metadata(i.uuid);
        }).map(m -> Map.of("metadata", m));
    }

    @GET
    @Path("{key}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @PathParam("key") String key) {
        RequestContext ctx = current.context();
        return servers.find(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.METADATA_SHOW, i.projectId);
            return metadata(i.uuid);
        }).map(m -> {
            if (!m.containsKey(key)) {
                throw ApiException.notFound("Metadata item was not found");
            }
            return Map.of("meta", Map.of(key, m.get(key)));
        });
    }

    @POST
    @WithTransaction
    public Uni<Map<String, Object>> merge(@PathParam("id") String id, JsonNode json) {
        Map<String, String> given = parse(json, "metadata");
        return change(id, ComputeRules.METADATA_CREATE, given, false).map(m -> Map.of("metadata", m));
    }

    @PUT
    @WithTransaction
    public Uni<Map<String, Object>> replace(@PathParam("id") String id, JsonNode json) {
        Map<String, String> given = parse(json, "metadata");
        return change(id, ComputeRules.METADATA_UPDATE_ALL, given, true).map(m -> Map.of("metadata", given));
    }

    @PUT
    @Path("{key}")
    @WithTransaction
    public Uni<Map<String, Object>> set(@PathParam("id") String id, @PathParam("key") String key, JsonNode json) {
        Map<String, String> given = parse(json, "meta");
        if (given.size() > 1) {
            throw ApiException.badRequest("Request body contains too many items");
        }
        if (given.isEmpty() || !given.containsKey(key)) {
            throw ApiException.badRequest("Request body and URI mismatch");
        }
        return change(id, ComputeRules.METADATA_UPDATE, given, false).map(m -> Map.of("meta", given));
    }

    @DELETE
    @Path("{key}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id, @PathParam("key") String key) {
        RequestContext ctx = current.context();
        return servers.find(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.METADATA_DELETE, i.projectId);
            return InstanceMetadata.count("instanceUuid = ?1 and metaKey = ?2", i.uuid, key).chain(n -> {
                if (n == 0) {
                    throw ApiException.notFound("Metadata item was not found");
                }
                changes.check(ctx, i, "delete metadata", true);
                i.updatedAt = Instant.now();
                return InstanceMetadata.delete("instanceUuid = ?1 and metaKey = ?2", i.uuid, key);
            });
        }).map(x -> Response.noContent().build());
    }

    private static Map<String, String> parse(JsonNode json, String key) {
        Body.onlyKeys(json, List.of(key));
        if (!json.has(key)) {
            throw Body.invalid(key, json, "'" + key + "' is a required property");
        }
        return Body.metadata(key, json.get(key));
    }

    /** Merges or replaces, within the metadata_items quota, when the instance is settled. */
    private Uni<Map<String, String>> change(String id, RuleDefault rule, Map<String, String> given, boolean replace) {
        RequestContext ctx = current.context();
        return servers.find(ctx, id).chain(i -> {
            policy.authorize(ctx, rule, i.projectId);
            changes.check(ctx, i, "update metadata", true);
            return metadata(i.uuid).chain(existing -> {
                Map<String, String> result = new TreeMap<>(replace ? Map.of() : existing);
                result.putAll(given);
                return quotas.limits(i.projectId, null).chain(limits -> {
                    int limit = limits.get("metadata_items");
                    if (limit >= 0 && result.size() > limit) {
                        throw ApiException.forbidden("Quota exceeded for metadata_items: Requested "
                                + result.size() + ", but already used 0 of " + limit + " metadata_items");
                    }
                    return store(i, result);
                }).map(x -> result);
            });
        });
    }

    private static Uni<Void> store(Instance i, Map<String, String> result) {
        i.updatedAt = Instant.now();
        Uni<Void> chain = InstanceMetadata.delete("instanceUuid", i.uuid).replaceWithVoid();
        for (Map.Entry<String, String> e : result.entrySet()) {
            chain = chain.chain(() -> InstanceMetadata.of(i.uuid, e.getKey(), e.getValue()).persist())
                    .replaceWithVoid();
        }
        return chain;
    }
}
