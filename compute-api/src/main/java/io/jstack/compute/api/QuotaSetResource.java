package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.model.ProjectUserQuota;
import io.jstack.compute.model.Quota;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.Quotas;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * os-quota-sets: a project's limits, and a user's within it. Which resources appear depends on the
 * microversion: network ones go at 2.36, file ones at 2.57.
 */
@Path("/v2.1/os-quota-sets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuotaSetResource {

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    Quotas quotas;

    @Context
    UriInfo uri;

    /** The resources a quota set shows at this microversion. */
    static List<String> shown(ApiVersion version, boolean quotaClass) {
        List<String> out = new ArrayList<>(Quotas.RESOURCES);
        if (quotaClass ? version.atLeast(50) : version.atLeast(36)) {
            out.removeAll(Quotas.NETWORK_RESOURCES);
        }
        if (version.atLeast(57)) {
            out.removeAll(Quotas.FILE_RESOURCES);
        }
        if (quotaClass && !version.atLeast(50)) {
            out.removeAll(List.of("server_groups", "server_group_members"));
        }
        return out;
    }

    static Map<String, Object> set(ApiVersion version, String id, Map<String, Integer> values, boolean quotaClass) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (id != null) {
            v.put("id", id);
        }
        for (String r : shown(version, quotaClass)) {
            v.put(r, values.get(r));
        }
        return v;
    }

    private String userParam(RequestContext ctx) {
        Query q = Query.of(uri);
        if (version.atLeast(75)) {
            q.only(List.of("user_id"));
        }
        return q.get("user_id");
    }

    @GET
    @Path("{project}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("project") String project) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.QUOTA_SETS_SHOW, project);
        String user = userParam(ctx);
        return quotas.limits(project, user).map(l -> Map.of("quota_set", set(version.get(), project, l, false)));
    }

    @GET
    @Path("{project}/detail")
    @WithSession
    public Uni<Map<String, Object>> detail(@PathParam("project") String project) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.QUOTA_SETS_DETAIL, project);
        String user = userParam(ctx);
        return quotas.limits(project, user).chain(limits -> quotas.usage(project, user).chain(used ->
                (user == null ? Uni.createFrom().item(0L) : io.jstack.compute.model.KeyPair.count("userId", user))
                        .map(keys -> {
                            Map<String, Object> v = new LinkedHashMap<>();
                            v.put("id", project);
                            for (String r : shown(version.get(), false)) {
                                Map<String, Object> item = new LinkedHashMap<>();
                                item.put("limit", limits.get(r));
                                item.put("in_use", r.equals("key_pairs") ? keys : used.of(r));
                                item.put("reserved", 0);
                                v.put(r, item);
                            }
                            return Map.of("quota_set", v);
                        })));
    }

    @GET
    @Path("{project}/defaults")
    @WithSession
    public Uni<Map<String, Object>> defaults(@PathParam("project") String project) {
        current.context();
        return quotas.defaults().map(d -> Map.of("quota_set", set(version.get(), project, d, false)));
    }

    @PUT
    @Path("{project}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("project") String project, JsonNode json) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.QUOTA_SETS_UPDATE);
        String user = userParam(ctx);
        Body.onlyKeys(json, List.of("quota_set"));
        Body body = Body.of(json, "quota_set");
        List<String> allowed = new ArrayList<>(shown(version.get(), false));
        allowed.add("force");
        body.only(allowed);
        Boolean force = body.bool("force");
        Map<String, Integer> changes = new LinkedHashMap<>();
        for (String r : shown(version.get(), false)) {
            if (body.has(r)) {
                changes.put(r, body.integer(r, true, -1, Integer.MAX_VALUE));
            }
        }
        Uni<Void> check = Boolean.TRUE.equals(force) ? Uni.createFrom().voidItem() : checkAgainstUse(project, user,
                changes);
        return check.chain(() -> store(project, user, changes))
                .chain(() -> quotas.limits(project, user))
                .map(l -> Map.of("quota_set", set(version.get(), null, l, false)));
    }

    /** A new limit below what is used is refused (unless forced), as is a user's limit above the project's. */
    private Uni<Void> checkAgainstUse(String project, String user, Map<String, Integer> changes) {
        return quotas.usage(project, user).chain(used -> quotas.limits(project, null).map(projectLimits -> {
            for (Map.Entry<String, Integer> e : changes.entrySet()) {
                long inUse = used.of(e.getKey());
                if (e.getValue() >= 0 && e.getValue() < inUse) {
                    throw ApiException.badRequest("Quota limit " + e.getValue() + " for " + e.getKey()
                            + " must be greater than or equal to already used and reserved " + inUse + ".");
                }
                int projectLimit = projectLimits.get(e.getKey());
                if (user != null && projectLimit >= 0 && (e.getValue() < 0 || e.getValue() > projectLimit)) {
                    throw ApiException.badRequest("Quota limit " + e.getValue() + " for " + e.getKey()
                            + " must be less than or equal to " + projectLimit + ".");
                }
            }
            return null;
        }));
    }

    private static Uni<Void> store(String project, String user, Map<String, Integer> changes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Integer> e : changes.entrySet()) {
            if (user == null) {
                chain = chain.chain(() -> Quota.delete("projectId = ?1 and resource = ?2", project, e.getKey()))
                        .chain(() -> Quota.of(project, e.getKey(), e.getValue()).persist()).replaceWithVoid();
            } else {
                chain = chain.chain(() -> ProjectUserQuota.delete("projectId = ?1 and userId = ?2 and resource = ?3",
                                project, user, e.getKey()))
                        .chain(() -> ProjectUserQuota.of(project, user, e.getKey(), e.getValue()).persist())
                        .replaceWithVoid();
            }
        }
        return chain;
    }

    @DELETE
    @Path("{project}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("project") String project) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.QUOTA_SETS_DELETE);
        String user = userParam(ctx);
        Uni<Long> removed = user == null
                ? Quota.delete("projectId", project).chain(() -> ProjectUserQuota.delete("projectId", project))
                : ProjectUserQuota.delete("projectId = ?1 and userId = ?2", project, user);
        return removed.map(x -> Response.accepted().build());
    }
}
