package io.jstack.image.api;

import io.jstack.image.service.ImageSettings;
import io.jstack.image.service.Policy;
import io.jstack.image.service.Quotas;
import io.jstack.image.store.ImageStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Discovery: {@code /v2/info/import}, {@code /v2/info/stores} (+ {@code /detail}), {@code /v2/info/usage}. */
@Path("/v2/info")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    @Inject
    ImageSettings settings;

    @Inject
    ImageStore store;

    @Inject
    Callers callers;

    @Inject
    Policy policy;

    @Inject
    Quotas quotas;

    @GET
    @Path("import")
    public Map<String, Object> importMethods() {
        Map<String, Object> methods = new LinkedHashMap<>();
        methods.put("description", "Import methods available.");
        methods.put("type", "array");
        methods.put("value", settings.imports().methods());
        return Map.of("import-methods", methods);
    }

    @GET
    @Path("stores")
    public Map<String, Object> stores() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", store.id());
        s.put("description", store.description());
        s.put("default", "true");
        return Map.of("stores", List.of(s));
    }

    @GET
    @Path("stores/detail")
    public Map<String, Object> storesDetail() {
        policy.require(callers.get(), Policy.Rule.STORES_INFO_DETAIL);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", store.id());
        s.put("description", store.description());
        s.put("default", "true");
        s.put("type", settings.store().type());
        s.put("weight", 0);
        s.put("properties", Map.of("datadir", settings.store().directory()));
        return Map.of("stores", List.of(s));
    }

    @GET
    @Path("usage")
    @WithSession
    public Uni<Map<String, Object>> usage() {
        String project = callers.get().projectId();
        Quotas.Limits limits = quotas.of(project);
        return quotas.usage(project).map(used -> {
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("image_size_total", Map.of("limit", limits.imageBytes(), "usage", used[1]));
            usage.put("image_count_total", Map.of("limit", limits.imageCount(), "usage", used[0]));
            return Map.of("usage", usage);
        });
    }
}
