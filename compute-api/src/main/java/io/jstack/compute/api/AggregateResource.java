package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.model.Aggregate;
import io.jstack.compute.model.AggregateHost;
import io.jstack.compute.model.AggregateMetadata;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.Rows;
import io.jstack.compute.model.Service;
import io.jstack.compute.service.ComputeRules;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * os-aggregates: host aggregates, their hosts and metadata, the availability zone among it. After every change
 * the whole set goes to the scheduler (SchedulerRpc.syncAggregates).
 */
@Path("/v2.1/os-aggregates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AggregateResource {

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    SchedulerUpdates scheduler;

    /** An aggregate with its hosts and metadata. */
    record Full(Aggregate aggregate, List<String> hosts, Map<String, String> metadata) {
    }

    private static Uni<Full> full(Aggregate a) {
        return Rows.list("select host, aggregateId from AggregateHost where aggregateId = ?1 order by host", a.id)
                .chain(hosts -> Rows.list("select metaKey, metaValue from AggregateMetadata where aggregateId = ?1",
                        a.id).map(meta -> {
                            Map<String, String> m = new TreeMap<>();
                            meta.forEach(x -> m.put((String) x[0], (String) x[1]));
                            return new Full(a, hosts.stream().map(h -> (String) h[0]).toList(), m);
                        }));
    }

    private Map<String, Object> view(Full f, boolean withHosts) {
        Aggregate a = f.aggregate();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("availability_zone", f.metadata().get(Zones.AZ_KEY));
        v.put("created_at", Times.micros(a.createdAt));
        v.put("deleted", false);
        v.put("deleted_at", null);
        if (withHosts) {
            v.put("hosts", f.hosts());
        }
        v.put("id", a.id);
        if (withHosts) {
            v.put("metadata", f.metadata());
        }
        v.put("name", a.name);
        v.put("updated_at", Times.micros(a.updatedAt));
        if (version.atLeast(41)) {
            v.put("uuid", a.uuid);
        }
        return v;
    }

    private static Uni<Aggregate> find(String id) {
        if (!id.matches("^-?[0-9]{1,9}$")) {
            throw ApiException.badRequest("Invalid input for field/attribute id. Value: " + id
                    + ". id must be an integer");
        }
        return Aggregate.<Aggregate>findById(Integer.valueOf(id)).map(a -> {
            if (a == null) {
                throw ApiException.notFound("Aggregate " + id + " could not be found.");
            }
            return a;
        });
    }

    /** Runs a change in a transaction, then sends every aggregate to the scheduler. */
    private <T> Uni<T> change(RequestContext ctx, Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).call(() -> Panache.withSession(SchedulerUpdates::aggregates)
                .chain(all -> scheduler.syncAggregates(ctx, all)));
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list() {
        policy.authorize(current.context(), ComputeRules.AGGREGATES_INDEX);
        return Aggregate.<Aggregate>list("order by id").chain(all -> {
            Uni<List<Map<String, Object>>> out = Uni.createFrom().item(new ArrayList<>());
            for (Aggregate a : all) {
                out = out.chain(list -> full(a).map(f -> {
                    list.add(view(f, true));
                    return list;
                }));
            }
            return out;
        }).map(list -> Map.of("aggregates", list));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id) {
        policy.authorize(current.context(), ComputeRules.AGGREGATES_SHOW);
        return find(id).chain(AggregateResource::full).map(f -> Map.of("aggregate", view(f, true)));
    }

    @POST
    public Uni<Map<String, Object>> create(JsonNode json) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.AGGREGATES_CREATE);
        Body.onlyKeys(json, List.of("aggregate"));
        Body body = Body.of(json, "aggregate").only(List.of("name", "availability_zone"));
        String name = body.name("name", true, 255);
        String zone = zoneName(body);
        return change(ctx, () -> Aggregate.count("lower(name) = lower(?1)", name).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("Aggregate " + name + " already exists.");
            }
            Aggregate a = new Aggregate();
            a.uuid = UUID.randomUUID().toString();
            a.name = name;
            a.createdAt = Instant.now();
            return a.<Aggregate>persistAndFlush().chain(saved -> zone == null ? Uni.createFrom().item(saved)
                    : AggregateMetadata.of(saved.id, Zones.AZ_KEY, zone).persist().map(x -> saved));
        }).chain(AggregateResource::full)).map(f -> Map.of("aggregate", view(f, false)));
    }

    /** An availability zone name as Nova's schemas take it: null, or a name without a colon. */
    private static String zoneName(Body body) {
        String zone = body.nullableString("availability_zone", 1, 255);
        if (zone != null && (zone.indexOf(':') >= 0 || !zone.equals(zone.strip()))) {
            throw Body.invalid("availability_zone", body.raw("availability_zone"), "'" + zone + "' is not a valid "
                    + "availability zone name: printable characters except :, without leading or trailing white "
                    + "space");
        }
        return zone;
    }

    @PUT
    @Path("{id}")
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.AGGREGATES_UPDATE);
        Body.onlyKeys(json, List.of("aggregate"));
        Body body = Body.of(json, "aggregate").only(List.of("name", "availability_zone"));
        if (body.fieldNames().isEmpty()) {
            throw Body.invalid("aggregate", json.get("aggregate"), "{} does not have enough properties");
        }
        String name = body.has("name") ? body.name("name", true, 255) : null;
        boolean zoneGiven = body.has("availability_zone");
        String zone = zoneGiven ? zoneName(body) : null;
        return change(ctx, () -> find(id).chain(a -> (name == null ? Uni.createFrom().item(0L)
                : Aggregate.count("lower(name) = lower(?1) and id <> ?2", name, a.id)).chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("Aggregate " + name + " already exists.");
                    }
                    if (name != null) {
                        a.name = name;
                    }
                    a.updatedAt = Instant.now();
                    return zoneGiven ? setZone(a, zone) : Uni.createFrom().voidItem();
                }).chain(() -> full(a)))).map(f -> Map.of("aggregate", view(f, true)));
    }

    /** Where a zone change comes from: Nova words its refusals after the action. */
    private enum ZoneAction {
        ADD("Cannot add host to aggregate %s. Reason: %s."),
        UPDATE("Cannot update aggregate %s. Reason: %s."),
        UPDATE_META("Cannot update metadata of aggregate %s. Reason: %s.");

        private final String message;

        ZoneAction(String message) {
            this.message = message;
        }

        /** Adding a host answers 409, the updates 400, as Nova's API maps InvalidAggregateAction. */
        ApiException refuse(Integer aggregateId, String reason) {
            String text = String.format(message, aggregateId, reason);
            return this == ADD ? ApiException.conflict(text) : ApiException.badRequest(text);
        }
    }

    private Uni<Void> setZone(Aggregate a, String zone) {
        return checkZoneChange(a, zone, null, ZoneAction.UPDATE).chain(() ->
                AggregateMetadata.delete("aggregateId = ?1 and metaKey = ?2", a.id, Zones.AZ_KEY)).chain(() ->
                AggregateMetadata.of(a.id, Zones.AZ_KEY, zone).persist().replaceWithVoid());
    }

    /**
     * Nova's rule for giving an aggregate the zone {@code zone} (or, for add_host, keeping it while a host
     * joins): the zone may not be empty; no host concerned ({@code hosts}, or all the aggregate's) may be in
     * another aggregate of a different zone; and a rename of the zone is refused while any of the aggregate's
     * hosts has instances (their zone would change under them).
     */
    private Uni<Void> checkZoneChange(Aggregate a, String zone, List<String> hosts, ZoneAction action) {
        if (zone == null || zone.isEmpty()) {
            throw action.refuse(a.id, "Aggregate " + a.name + " does not support empty named availability zone");
        }
        return full(a).chain(f -> {
            List<String> concerned = hosts != null ? hosts : f.hosts();
            return otherZones(concerned, a.id).chain(zones -> {
                List<String> conflicting = zones.stream().filter(z -> !z.equals(zone)).toList();
                if (!conflicting.isEmpty()) {
                    throw action.refuse(a.id, "One or more hosts already in availability zone(s) " + conflicting);
                }
                boolean renamed = !zone.equals(f.metadata().get(Zones.AZ_KEY));
                if (action == ZoneAction.ADD || !renamed || concerned.isEmpty()) {
                    return Uni.createFrom().voidItem();
                }
                return Instance.count("host in ?1 and deleted = false", concerned).map(n -> {
                    if (n > 0) {
                        throw action.refuse(a.id, "One or more hosts contain instances in this zone");
                    }
                    return null;
                });
            });
        });
    }

    /** The zones of the other aggregates these hosts are in, one entry per aggregate. */
    private static Uni<List<String>> otherZones(List<String> hosts, Integer aggregateId) {
        if (hosts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return AggregateHost.<AggregateHost>list("host in ?1 and aggregateId <> ?2", hosts, aggregateId)
                .chain(others -> others.isEmpty() ? Uni.createFrom().item(List.<String>of())
                        : AggregateMetadata.<AggregateMetadata>list("aggregateId in ?1 and metaKey = ?2",
                                others.stream().map(o -> o.aggregateId).distinct().toList(), Zones.AZ_KEY)
                        .map(meta -> meta.stream().map(m -> m.metaValue).toList()));
    }

    /**
     * Nova's rule for a host with instances joining a zoned aggregate: allowed only when the host's zone stays
     * what it was (the zone of the aggregates it is in already; none counts as a different zone), since its
     * instances cannot move between zones this way.
     */
    private Uni<Void> checkInstancesStay(Aggregate a, String host, String newZone) {
        if (newZone == null) {
            return Uni.createFrom().voidItem();
        }
        return Instance.count("host = ?1 and deleted = false", host).chain(n -> n == 0
                ? Uni.createFrom().voidItem()
                : otherZones(List.of(host), a.id).map(zones -> {
                    String oldZone = zones.isEmpty() ? null : zones.getFirst();
                    if (!newZone.equals(oldZone)) {
                        throw ZoneAction.ADD.refuse(a.id, "The host cannot be added to the aggregate as the "
                                + "availability zone of the host would change from '" + pythonic(oldZone) + "' to '" + newZone
                                + "' but the host already has " + n + " instance(s). Changing the AZ of an existing "
                                + "instance is not supported by this action. Move the instances away from this host "
                                + "then try again. If you need to move the instances between AZs then you can use "
                                + "shelve_offload and unshelve to achieve this.");
                    }
                    return null;
                }));
    }

    /** Nova prints the zone of a host in no zoned aggregate as Python's None. */
    private static String pythonic(String zone) {
        return zone == null ? "None" : zone;
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.AGGREGATES_DELETE);
        return change(ctx, () -> find(id).chain(a -> AggregateHost.count("aggregateId", a.id).chain(n -> {
            if (n > 0) {
                throw ApiException.badRequest("Cannot remove aggregate " + id + ". Reason: Host aggregate is not "
                        + "empty.");
            }
            return AggregateMetadata.delete("aggregateId", a.id).chain(() -> Aggregate.delete("id", a.id));
        }))).map(x -> Response.ok().build());
    }

    @POST
    @Path("{id}/action")
    public Uni<Map<String, Object>> action(@PathParam("id") String id, JsonNode json) {
        RequestContext ctx = current.context();
        if (json == null || !json.isObject() || json.size() != 1) {
            throw ApiException.badRequest("Invalid request body");
        }
        String action = json.fieldNames().next();
        return switch (action) {
            case "add_host" -> {
                policy.authorize(ctx, ComputeRules.AGGREGATES_ADD_HOST);
                String host = Body.of(json, action).only(List.of("host")).string("host", true, 1, 255);
                yield change(ctx, () -> find(id).chain(a -> addHost(a, host))).map(f -> Map.of("aggregate",
                        view(f, true)));
            }
            case "remove_host" -> {
                policy.authorize(ctx, ComputeRules.AGGREGATES_REMOVE_HOST);
                String host = Body.of(json, action).only(List.of("host")).string("host", true, 1, 255);
                yield change(ctx, () -> find(id).chain(a -> AggregateHost.delete("aggregateId = ?1 and host = ?2",
                        a.id, host).chain(n -> {
                            if (n == 0) {
                                throw ApiException.notFound("Cannot remove host " + host + " in aggregate " + id);
                            }
                            a.updatedAt = Instant.now();
                            return full(a);
                        }))).map(f -> Map.of("aggregate", view(f, true)));
            }
            case "set_metadata" -> {
                policy.authorize(ctx, ComputeRules.AGGREGATES_SET_METADATA);
                Body body = Body.of(json, action).only(List.of("metadata")).requireField("metadata");
                JsonNode meta = body.raw("metadata");
                if (!meta.isObject()) {
                    throw Body.invalid("metadata", meta, meta + " is not of type 'object'");
                }
                Map<String, String> changes = new LinkedHashMap<>();
                meta.fields().forEachRemaining(e -> {
                    if (!e.getKey().matches("^[a-zA-Z0-9-_:. ]{1,255}$")) {
                        throw Body.invalid("metadata", meta, "'" + e.getKey() + "' is not a valid key");
                    }
                    JsonNode v = e.getValue();
                    if (!v.isNull() && !v.isTextual()) {
                        throw Body.invalid("metadata", meta, v + " is not of type 'string', 'null'");
                    }
                    if (v.isTextual() && v.textValue().length() > 255) {
                        throw Body.invalid("metadata", meta, "'" + v.textValue() + "' is too long");
                    }
                    changes.put(e.getKey(), v.isNull() ? null : v.textValue());
                });
                yield change(ctx, () -> find(id).chain(a -> setMetadata(a, changes)))
                        .map(f -> Map.of("aggregate", view(f, true)));
            }
            default -> throw ApiException.badRequest("There is no such action: " + action);
        };
    }

    private Uni<Full> addHost(Aggregate a, String host) {
        return Service.count("host = ?1 and serviceBinary = ?2", host, ServiceStates.COMPUTE).chain(n -> {
            if (n == 0) {
                throw ApiException.notFound("Compute host " + host + " could not be found.");
            }
            return AggregateHost.count("aggregateId = ?1 and host = ?2", a.id, host);
        }).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("Aggregate " + a.id + " already has host " + host + ".");
            }
            return full(a);
        }).chain(f -> {
            String zone = f.metadata().get(Zones.AZ_KEY);
            Uni<Void> check = zone == null ? Uni.createFrom().voidItem()
                    : checkZoneChange(a, zone, List.of(host), ZoneAction.ADD);
            return check.chain(() -> checkInstancesStay(a, host, zone))
                    .chain(() -> AggregateHost.of(a.id, host).persist()).chain(() -> {
                        a.updatedAt = Instant.now();
                        return full(a);
                    });
        });
    }

    private Uni<Full> setMetadata(Aggregate a, Map<String, String> changes) {
        Uni<Void> zone = changes.containsKey(Zones.AZ_KEY)
                ? checkZoneChange(a, changes.get(Zones.AZ_KEY), null, ZoneAction.UPDATE_META)
                : Uni.createFrom().voidItem();
        return zone.chain(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<String, String> e : changes.entrySet()) {
                chain = chain.chain(() -> AggregateMetadata.delete("aggregateId = ?1 and metaKey = ?2", a.id,
                        e.getKey())).chain(() -> e.getValue() == null ? Uni.createFrom().voidItem()
                        : AggregateMetadata.of(a.id, e.getKey(), e.getValue()).persist().replaceWithVoid());
            }
            return chain;
        }).chain(() -> {
            a.updatedAt = Instant.now();
            return full(a);
        });
    }

}
