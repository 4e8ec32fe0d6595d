package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.model.ComputeNode;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.Service;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.ComputeSettings;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.SchedulerUpdates;
import io.jstack.compute.service.ServiceStates;
import io.jstack.compute.service.Zones;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * os-services: the compute family's services with their state (up while they report) and status (enabled or
 * disabled by an operator). Disabling or forcing down a compute service is passed to the scheduler.
 */
@Path("/v2.1/os-services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceResource {

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    ServiceStates states;

    @Inject
    Zones zones;

    @Inject
    ComputeSettings settings;

    @Inject
    SchedulerUpdates scheduler;

    @Context
    UriInfo uri;

    @GET
    @WithSession
    public Uni<Map<String, Object>> list() {
        policy.authorize(current.context(), ComputeRules.SERVICES_LIST);
        Query q = Query.of(uri);
        if (version.atLeast(75)) {
            q.only(List.of("host", "binary"));
        }
        String host = q.get("host");
        String binary = q.get("binary");
        return Service.<Service>list("order by id").chain(all -> zones.hostZones().map(z -> Map.of("services",
                all.stream().filter(s -> host == null || host.isEmpty() || s.host.equals(host))
                        .filter(s -> binary == null || binary.isEmpty() || s.serviceBinary.equals(binary))
                        .map(s -> view(s, z, version.atLeast(11))).toList())));
    }

    Map<String, Object> view(Service s, Map<String, String> hostZones, boolean forcedDown) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", version.atLeast(53) ? s.uuid : s.id);
        v.put("binary", s.serviceBinary);
        v.put("disabled_reason", s.disabledReason);
        v.put("host", s.host);
        v.put("state", states.state(s));
        v.put("status", s.disabled ? "disabled" : "enabled");
        v.put("updated_at", Times.micros(s.lastSeenUp != null ? s.lastSeenUp : s.updatedAt));
        v.put("zone", ServiceStates.COMPUTE.equals(s.serviceBinary)
                ? hostZones.getOrDefault(s.host, zones.defaultZone()) : settings.internalServiceAvailabilityZone());
        if (forcedDown) {
            v.put("forced_down", s.forcedDown);
        }
        return v;
    }

    /** Before 2.53: PUT /os-services/{enable,disable,disable-log-reason,force-down} with host and binary. */
    @PUT
    @Path("{id}")
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.SERVICES_UPDATE);
        if (version.atLeast(53)) {
            return updateById(ctx, id, json);
        }
        String action = id;
        if (!List.of("enable", "disable", "disable-log-reason").contains(action)
                && !(action.equals("force-down") && version.atLeast(11))) {
            throw ApiException.notFound("Unknown action");
        }
        Body body = Body.wrap(json, "service");
        String host = body.string("host", true, 1, 255);
        String binary = body.string("binary", true, 1, 255);
        String reason = action.equals("disable-log-reason") ? body.string("disabled_reason", false, 1, 255) : null;
        if (action.equals("disable-log-reason") && reason == null) {
            throw ApiException.badRequest("Missing disabled reason field");
        }
        Boolean forced = action.equals("force-down") ? body.strictBool("forced_down") : null;
        if (action.equals("force-down") && forced == null) {
            throw ApiException.badRequest("Missing forced_down field");
        }
        if (!ServiceStates.COMPUTE.equals(binary)) {
            throw ApiException.badRequest("Updating a " + binary + " service is not supported. Only nova-compute "
                    + "services can be updated.");
        }
        return Panache.withTransaction(() -> Service.<Service>find("host = ?1 and serviceBinary = ?2", host, binary)
                .firstResult().map(s -> {
                    if (s == null) {
                        throw ApiException.notFound("Service " + binary + " on host " + host + " not found.");
                    }
                    switch (action) {
                        case "enable" -> {
                            s.disabled = false;
                            s.disabledReason = null;
                        }
                        case "disable" -> s.disabled = true;
                        case "disable-log-reason" -> {
                            s.disabled = true;
                            s.disabledReason = reason;
                        }
                        default -> s.forcedDown = forced;
                    }
                    s.updatedAt = Instant.now();
                    return s;
                })).call(s -> scheduler.hostStatus(ctx, s)).map(s -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("host", s.host);
                    v.put("binary", s.serviceBinary);
                    if (action.equals("force-down")) {
                        v.put("forced_down", s.forcedDown);
                    } else {
                        v.put("status", s.disabled ? "disabled" : "enabled");
                    }
                    if (action.equals("disable-log-reason")) {
                        v.put("disabled_reason", s.disabledReason);
                    }
                    return Map.of("service", v);
                });
    }

    private Uni<Map<String, Object>> updateById(RequestContext ctx, String id, JsonNode json) {
        if (!ServerCreateParser.UUID.matcher(id).matches()) {
            throw ApiException.badRequest("Invalid uuid " + id);
        }
        Body body = Body.wrap(json, "service").only(List.of("status", "disabled_reason", "forced_down"));
        String status = body.string("status", false, 1, 16);
        if (status != null && !status.equals("enabled") && !status.equals("disabled")) {
            throw Body.invalid("status", body.raw("status"), "'" + status + "' is not one of ['enabled', "
                    + "'disabled']");
        }
        String reason = body.nullableString("disabled_reason", 1, 255);
        Boolean forced = body.has("forced_down") ? body.strictBool("forced_down") : null;
        if (status == null && forced == null) {
            throw ApiException.badRequest("No updates were requested. Fields 'status' or 'forced_down' should be "
                    + "specified.");
        }
        if ("enabled".equals(status) && reason != null) {
            throw ApiException.badRequest("Specifying 'disabled_reason' with status 'enabled' is invalid.");
        }
        return Panache.withTransaction(() -> Service.<Service>find("uuid", id).firstResult().map(s -> {
            if (s == null) {
                throw ApiException.notFound("Service " + id + " could not be found.");
            }
            if (!ServiceStates.COMPUTE.equals(s.serviceBinary)) {
                throw ApiException.badRequest("Updating a " + s.serviceBinary + " service is not supported. Only "
                        + "nova-compute services can be updated.");
            }
            if ("enabled".equals(status)) {
                s.disabled = false;
                s.disabledReason = null;
            } else if ("disabled".equals(status)) {
                s.disabled = true;
                s.disabledReason = reason;
            }
            if (forced != null) {
                s.forcedDown = forced;
            }
            s.updatedAt = Instant.now();
            return s;
        })).call(s -> scheduler.hostStatus(ctx, s))
                .chain(s -> Panache.withSession(() -> zones.hostZones()).map(z -> Map.of("service",
                        view(s, z, true))));
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.SERVICES_DELETE);
        boolean byUuid = version.atLeast(53);
        if (byUuid && !ServerCreateParser.UUID.matcher(id).matches()) {
            throw ApiException.badRequest("Invalid uuid " + id);
        }
        if (!byUuid && !id.matches("^[0-9]+$")) {
            throw ApiException.badRequest("Invalid ID " + id + ": it must be an integer.");
        }
        return Panache.withTransaction(() -> (byUuid ? Service.<Service>find("uuid", id).firstResult()
                : Service.<Service>find("id", Integer.valueOf(id)).firstResult()).chain(s -> {
                    if (s == null) {
                        throw ApiException.notFound("Service " + id + " could not be found.");
                    }
                    if (!ServiceStates.COMPUTE.equals(s.serviceBinary)) {
                        return Service.delete("id", s.id);
                    }
                    return Instance.count("host = ?1 and deleted = false", s.host).chain(n -> {
                        if (n > 0) {
                            throw ApiException.conflict("Unable to delete compute service that is hosting "
                                    + "instances. Migrate or delete the instances first.");
                        }
                        return ComputeNode.delete("host", s.host).chain(() -> Service.delete("id", s.id));
                    });
                })).map(x -> Response.noContent().build());
    }
}
