package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.model.QuotaClass;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.Quotas;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** os-quota-class-sets: the quota defaults (class "default" overrides the configured ones). */
@Path("/v2.1/os-quota-class-sets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuotaClassSetResource {

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    Quotas quotas;

    @GET
    @Path("{name}")
    @WithSession
    public Uni<Map<String, Object>> showClass(@PathParam("name") String name) {
        policy.authorize(current.context(), ComputeRules.QUOTA_CLASS_SETS_SHOW);
        return classValues(name).map(v -> Map.of("quota_class_set",
                QuotaSetResource.set(version.get(), name, v, true)));
    }

    private Uni<Map<String, Integer>> classValues(String name) {
        return QuotaClass.<QuotaClass>list("className", name).map(rows -> {
            Map<String, Integer> v = quotas.configuredDefaults();
            rows.forEach(r -> v.put(r.resource, r.hardLimit));
            return v;
        });
    }

    @PUT
    @Path("{name}")
    @WithTransaction
    public Uni<Map<String, Object>> updateClass(@PathParam("name") String name, JsonNode json) {
        policy.authorize(current.context(), ComputeRules.QUOTA_CLASS_SETS_UPDATE);
        if (name.isEmpty() || name.length() > 255) {
            throw ApiException.badRequest("quota_class_name has a length of 1 to 255 characters.");
        }
        Body.onlyKeys(json, List.of("quota_class_set"));
        Body body = Body.of(json, "quota_class_set").only(QuotaSetResource.shown(version.get(), true));
        Map<String, Integer> changes = new LinkedHashMap<>();
        for (String r : QuotaSetResource.shown(version.get(), true)) {
            if (body.has(r)) {
                changes.put(r, body.integer(r, true, -1, Integer.MAX_VALUE));
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Integer> e : changes.entrySet()) {
            chain = chain.chain(() -> QuotaClass.delete("className = ?1 and resource = ?2", name, e.getKey()))
                    .chain(() -> QuotaClass.of(name, e.getKey(), e.getValue()).persist()).replaceWithVoid();
        }
        return chain.chain(() -> classValues(name)).map(v -> Map.of("quota_class_set",
                QuotaSetResource.set(version.get(), null, v, true)));
    }
}
