package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.policy.Target;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.ServerGroup;
import io.jstack.compute.model.ServerGroupMember;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.ComputeSettings;
import io.jstack.compute.service.Json;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.Quotas;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * os-server-groups: groups of servers placed by a policy (affinity, anti-affinity, and from 2.15 their soft
 * variants; from 2.64 one "policy" with "rules" instead of a list of "policies").
 */
@Path("/v2.1/os-server-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerGroupResource {

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    Quotas quotas;

    @Inject
    ComputeSettings settings;

    @Context
    UriInfo uri;

    private Set<String> policies() {
        return version.atLeast(15) ? Set.of("affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity")
                : Set.of("affinity", "anti-affinity");
    }

    /** Members that still exist, by group id. */
    private static Uni<Map<Integer, List<String>>> members(List<ServerGroup> groups) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ServerGroupMember.<ServerGroupMember>list("groupId in ?1 order by createdAt",
                groups.stream().map(g -> g.id).toList()).chain(members -> {
                    if (members.isEmpty()) {
                        return Uni.createFrom().item(Map.<Integer, List<String>>of());
                    }
                    return Instance.<Instance>list("uuid in ?1 and deleted = false",
                            members.stream().map(m -> m.instanceUuid).toList()).map(live -> {
                                Set<String> alive = new java.util.HashSet<>();
                                live.forEach(i -> alive.add(i.uuid));
                                Map<Integer, List<String>> out = new HashMap<>();
                                members.stream().filter(m -> alive.contains(m.instanceUuid)).forEach(m ->
                                        out.computeIfAbsent(m.groupId, k -> new ArrayList<>()).add(m.instanceUuid));
                                return out;
                            });
                });
    }

    private Map<String, Object> view(ServerGroup g, List<String> members) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", g.uuid);
        v.put("name", g.name);
        if (version.atLeast(64)) {
            v.put("policy", g.policy);
            v.put("rules", Json.objectMap(g.rules));
        } else {
            v.put("policies", List.of(g.policy));
            v.put("metadata", Map.of());
        }
        v.put("members", members);
        if (version.atLeast(13)) {
            v.put("project_id", g.projectId);
            v.put("user_id", g.userId);
        }
        return v;
    }

    private Uni<ServerGroup> find(RequestContext ctx, String id) {
        return ServerGroup.<ServerGroup>find("uuid", id).firstResult().map(g -> {
            if (g == null || (!policy.isAdmin(ctx) && !g.projectId.equals(ctx.projectId()))) {
                throw ApiException.notFound("Instance group " + id + " could not be found.");
            }
            return g;
        });
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list() {
        RequestContext ctx = current.context();
        Query q = Query.of(uri);
        if (version.atLeast(75)) {
            q.only(List.of("all_projects", "limit", "offset"));
        }
        policy.authorize(ctx, ComputeRules.SERVER_GROUPS_INDEX);
        boolean all = q.has("all_projects") && policy.allows(ctx, ComputeRules.SERVER_GROUPS_ALL_PROJECTS,
                Target.of("project_id", ctx.projectId(), "user_id", ctx.userId()));
        int limit = q.limit(settings.maxLimit());
        Integer offset = q.nonNegative("offset");
        Uni<List<ServerGroup>> groups = all ? ServerGroup.<ServerGroup>find("order by id")
                .range(offset == null ? 0 : offset, (offset == null ? 0 : offset) + Math.max(1, limit) - 1).list()
                .map(l -> Query.first(l, limit))
                : ServerGroup.<ServerGroup>find("projectId = ?1 order by id", ctx.projectId())
                .range(offset == null ? 0 : offset, (offset == null ? 0 : offset) + Math.max(1, limit) - 1).list()
                .map(l -> Query.first(l, limit));
        return groups.chain(list -> members(list).map(m -> Map.of("server_groups", list.stream()
                .map(g -> view(g, m.getOrDefault(g.id, List.of()))).toList())));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id) {
        RequestContext ctx = current.context();
        return find(ctx, id).invoke(g -> policy.authorize(ctx, ComputeRules.SERVER_GROUPS_SHOW, g.projectId))
                .chain(g -> members(List.of(g)).map(m -> Map.of("server_group",
                view(g, m.getOrDefault(g.id, List.of())))));
    }

    @POST
    @WithTransaction
    public Uni<Map<String, Object>> create(JsonNode json) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.SERVER_GROUPS_CREATE);
        Body.onlyKeys(json, List.of("server_group"));
        Body body = Body.of(json, "server_group");
        ServerGroup g = new ServerGroup();
        if (version.atLeast(64)) {
            body.only(List.of("name", "policy", "rules"));
            g.name = body.name("name", true, 255);
            g.policy = body.string("policy", true, 1, 255);
            if (!policies().contains(g.policy)) {
                throw Body.invalid("policy", body.raw("policy"), "'" + g.policy + "' is not one of "
                        + policies());
            }
            JsonNode rules = body.raw("rules");
            Map<String, Object> parsed = new LinkedHashMap<>();
            if (rules != null) {
                Body r = Body.wrap(rules, "rules").only(List.of("max_server_per_host"));
                Integer max = r.integer("max_server_per_host", false, 1, Integer.MAX_VALUE);
                if (max != null) {
                    if (!g.policy.equals("anti-affinity")) {
                        throw ApiException.badRequest("Only anti-affinity policy supports rules.");
                    }
                    parsed.put("max_server_per_host", max);
                }
            }
            g.rules = Json.write(parsed);
        } else {
            body.only(List.of("name", "policies"));
            g.name = body.name("name", true, 255);
            JsonNode list = body.raw("policies");
            if (list == null) {
                throw Body.invalid("server_group", json.get("server_group"), "'policies' is a required property");
            }
            if (!list.isArray() || list.size() != 1 || !list.get(0).isTextual()
                    || !policies().contains(list.get(0).textValue())) {
                throw Body.invalid("policies", list, list + " is not valid: exactly one of " + policies());
            }
            g.policy = list.get(0).textValue();
            g.rules = "{}";
        }
        g.uuid = UUID.randomUUID().toString();
        g.projectId = ctx.projectId();
        g.userId = ctx.userId();
        g.createdAt = Instant.now();
        return Quotas.lock("server_groups:" + ctx.projectId())
                .chain(() -> quotas.limits(ctx.projectId(), ctx.userId()))
                .chain(limits -> ServerGroup.count("projectId", ctx.projectId()).map(n -> {
                    int limit = limits.get("server_groups");
                    if (limit >= 0 && n + 1 > limit) {
                        throw ApiException.forbidden("Quota exceeded, too many server groups.");
                    }
                    return n;
                }))
                .chain(() -> g.<ServerGroup>persist())
                .map(saved -> Map.of("server_group", view(saved, List.of())));
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        RequestContext ctx = current.context();
        return find(ctx, id).chain(g -> {
            policy.authorize(ctx, ComputeRules.SERVER_GROUPS_DELETE, g.projectId);
            return ServerGroupMember.delete("groupId", g.id).chain(() -> ServerGroup.delete("id", g.id));
        }).map(x -> Response.noContent().build());
    }
}
