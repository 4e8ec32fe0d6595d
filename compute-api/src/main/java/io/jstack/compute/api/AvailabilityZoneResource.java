package io.jstack.compute.api;

import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.model.Service;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.ComputeSettings;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.ServiceStates;
import io.jstack.compute.service.Zones;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * os-availability-zone: a zone is available while one of its compute services is enabled; the detail view
 * (admins) lists hosts and their services, the conductor's in the internal zone.
 */
@Path("/v2.1/os-availability-zone")
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityZoneResource {

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Inject
    Zones zones;

    @Inject
    ServiceStates states;

    @Inject
    ComputeSettings settings;

    private record Zoned(String zone, Service service) {
    }

    private Uni<List<Zoned>> zonedServices() {
        return Service.<Service>list("order by host, id").chain(services -> zones.hostZones().map(z ->
                services.stream().map(s -> new Zoned(ServiceStates.COMPUTE.equals(s.serviceBinary)
                        ? z.getOrDefault(s.host, zones.defaultZone())
                        : settings.internalServiceAvailabilityZone(), s)).toList()));
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list() {
        current.context();
        return zonedServices().map(list -> {
            TreeSet<String> available = new TreeSet<>();
            TreeSet<String> unavailable = new TreeSet<>();
            for (Zoned z : list) {
                if (z.zone().equals(settings.internalServiceAvailabilityZone())) {
                    continue;
                }
                (z.service().disabled ? unavailable : available).add(z.zone());
            }
            unavailable.removeAll(available);
            List<Map<String, Object>> out = new ArrayList<>();
            available.forEach(z -> out.add(zone(z, true, null)));
            unavailable.forEach(z -> out.add(zone(z, false, null)));
            return Map.of("availabilityZoneInfo", out);
        });
    }

    @GET
    @Path("detail")
    @WithSession
    public Uni<Map<String, Object>> detail() {
        policy.authorize(current.context(), ComputeRules.AVAILABILITY_ZONE_DETAIL);
        return zonedServices().map(list -> {
            Map<String, Map<String, Map<String, Object>>> hostsByZone = new TreeMap<>();
            TreeSet<String> unavailable = new TreeSet<>();
            for (Zoned z : list) {
                Service s = z.service();
                if (s.disabled) {
                    unavailable.add(z.zone());
                    continue;
                }
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("available", states.isUp(s));
                status.put("active", true);
                status.put("updated_at", Times.micros(s.lastSeenUp != null ? s.lastSeenUp : s.updatedAt));
                hostsByZone.computeIfAbsent(z.zone(), k -> new TreeMap<>())
                        .computeIfAbsent(s.host, k -> new TreeMap<>()).put(s.serviceBinary, status);
            }
            unavailable.removeAll(hostsByZone.keySet());
            List<Map<String, Object>> out = new ArrayList<>();
            hostsByZone.forEach((z, hosts) -> out.add(zone(z, true, hosts)));
            unavailable.forEach(z -> out.add(zone(z, false, null)));
            return Map.of("availabilityZoneInfo", out);
        });
    }

    private static Map<String, Object> zone(String name, boolean available, Object hosts) {
        Map<String, Object> z = new LinkedHashMap<>();
        z.put("zoneName", name);
        z.put("zoneState", Map.of("available", available));
        z.put("hosts", hosts);
        return z;
    }
}
