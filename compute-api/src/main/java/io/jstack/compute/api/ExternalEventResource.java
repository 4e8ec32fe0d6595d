package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.model.Instance;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.Policy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * os-server-external-events: other services (network, volume) telling compute that something happened to a
 * server. Events for servers on a host are accepted (200 each); none of them needs an agent action yet, as no
 * network or volume service sends any. Unknown servers are 404 per event, servers without a host 422.
 */
@Path("/v2.1/os-server-external-events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExternalEventResource {

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    private Set<String> names() {
        List<String> names = new ArrayList<>(List.of("network-changed", "network-vif-plugged",
                "network-vif-unplugged", "network-vif-deleted"));
        if (version.atLeast(51)) {
            names.add("volume-extended");
        }
        if (version.atLeast(76)) {
            names.add("power-update");
        }
        if (version.atLeast(82)) {
            names.add("accelerator-request-bound");
        }
        if (version.atLeast(93)) {
            names.add("volume-reimaged");
        }
        return Set.copyOf(names);
    }

    @POST
    @WithSession
    public Uni<Response> create(JsonNode json) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.SERVER_EXTERNAL_EVENTS);
        Body.onlyKeys(json, List.of("events"));
        JsonNode events = json.get("events");
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw Body.invalid("events", events, "'events' must be a non-empty list");
        }
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (JsonNode e : events) {
            Body b = Body.wrap(e, "events").only(List.of("name", "server_uuid", "status", "tag"));
            String name = b.string("name", true, 1, 255);
            if (!names().contains(name)) {
                throw Body.invalid("name", b.raw("name"), "'" + name + "' is not one of " + names());
            }
            String server = b.string("server_uuid", true, 1, 36);
            String status = b.string("status", false, 1, 16);
            if (status != null && !Set.of("failed", "completed", "in-progress").contains(status)) {
                throw Body.invalid("status", b.raw("status"), "'" + status + "' is not one of ['failed', "
                        + "'completed', 'in-progress']");
            }
            String tag = b.string("tag", false, 0, 255);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("name", name);
            event.put("server_uuid", server);
            if (tag != null) {
                event.put("tag", tag);
            }
            event.put("status", status == null ? "completed" : status);
            parsed.add(event);
        }
        List<String> uuids = parsed.stream().map(e -> (String) e.get("server_uuid")).distinct().toList();
        return Instance.<Instance>list("uuid in ?1 and deleted = false", uuids).map(found -> {
            Map<String, Instance> byUuid = new HashMap<>();
            found.forEach(i -> byUuid.put(i.uuid, i));
            int accepted = 0;
            for (Map<String, Object> e : parsed) {
                Instance i = byUuid.get((String) e.get("server_uuid"));
                if (i == null) {
                    e.put("code", 404);
                    e.put("status", "failed");
                } else if (i.host == null) {
                    e.put("code", 422);
                    e.put("status", "failed");
                } else {
                    e.put("code", 200);
                    accepted++;
                }
            }
            if (byUuid.isEmpty()) {
                throw ApiException.notFound("No instances found for any event");
            }
            return Response.status(accepted == parsed.size() ? 200 : 207).entity(Map.of("events", parsed)).build();
        });
    }
}
