package io.jstack.compute.service;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.compute.model.Flavor;
import io.jstack.compute.model.FlavorExtraSpec;
import io.jstack.compute.model.FlavorProject;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flavor lookups with Nova's visibility: admins see every flavor; others see public ones and the private ones
 * their project was given access to.
 */
@ApplicationScoped
public class Flavors {

    @Inject
    Policy policy;

    /** A flavor the caller may see, or a 404. */
    public Uni<Flavor> find(RequestContext ctx, String flavorid) {
        return Flavor.<Flavor>find("flavorid", flavorid).firstResult().chain(f -> {
            if (f == null) {
                return Uni.createFrom().failure(notFound(flavorid));
            }
            return visible(ctx, f).map(ok -> {
                if (!ok) {
                    throw notFound(flavorid);
                }
                return f;
            });
        });
    }

    /** A flavor by its API id regardless of the caller, or a 404. */
    public Uni<Flavor> require(String flavorid) {
        return Flavor.<Flavor>find("flavorid", flavorid).firstResult().map(f -> {
            if (f == null) {
                throw notFound(flavorid);
            }
            return f;
        });
    }

    public Uni<Boolean> visible(RequestContext ctx, Flavor f) {
        if (f.isPublic || policy.isAdmin(ctx)) {
            return Uni.createFrom().item(true);
        }
        return FlavorProject.count("flavorId = ?1 and projectId = ?2", f.id, ctx.projectId()).map(n -> n > 0);
    }

    public static ApiException notFound(String flavorid) {
        return ApiException.notFound("Flavor " + flavorid + " could not be found.");
    }

    /** Extra specs of one flavor, sorted by key. */
    public static Uni<Map<String, String>> extraSpecs(Integer flavorId) {
        return FlavorExtraSpec.<FlavorExtraSpec>list("flavorId", flavorId).map(list -> {
            Map<String, String> out = new TreeMap<>();
            list.forEach(s -> out.put(s.specKey, s.specValue));
            return out;
        });
    }

    /** Extra specs of several flavors, by flavor row id. */
    public static Uni<Map<Integer, Map<String, String>>> extraSpecs(List<Integer> flavorIds) {
        if (flavorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return FlavorExtraSpec.<FlavorExtraSpec>list("flavorId in ?1", flavorIds).map(list -> {
            Map<Integer, Map<String, String>> out = new HashMap<>();
            list.forEach(s -> out.computeIfAbsent(s.flavorId, k -> new TreeMap<>()).put(s.specKey, s.specValue));
            return out;
        });
    }

    /** What an instance keeps of its flavor's extra specs: a JSON object. */
    public static String specsJson(Map<String, String> specs) {
        return Json.write(new LinkedHashMap<>(specs));
    }
}
