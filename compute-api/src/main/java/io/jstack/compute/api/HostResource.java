package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.policy.RuleDefault;
import io.jstack.compute.model.ComputeNode;
import io.jstack.compute.model.Rows;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * os-hosts (up to microversion 2.42): hosts by their services, a host's resources and what projects use of them,
 * and enabling or disabling a compute host. Maintenance mode and power actions on hosts are not supported by
 * any virt driver here (501).
 */
@Path("/v2.1/os-hosts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HostResource {

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    Zones zones;

    @Inject
    ComputeSettings settings;

    @Inject
    SchedulerUpdates scheduler;

    @Context
    UriInfo uri;

    private void check(RuleDefault rule) {
        if (version.atLeast(43)) {
            throw ApiException.notFound("The resource could not be found.");
        }
        policy.authorize(current.context(), rule);
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list() {
        check(ComputeRules.HOSTS_LIST);
        String zone = Query.of(uri).get("zone");
        return Service.<Service>list("order by id").chain(services -> zones.hostZones().map(z -> {
            List<Map<String, Object>> hosts = new ArrayList<>();
            for (Service s : services) {
                boolean compute = ServiceStates.COMPUTE.equals(s.serviceBinary);
                String hostZone = compute ? z.getOrDefault(s.host, zones.defaultZone())
                        : settings.internalServiceAvailabilityZone();
                if (zone != null && !zone.isEmpty() && !zone.equals(hostZone)) {
                    continue;
                }
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("host_name", s.host);
                h.put("service", s.topic != null ? s.topic : s.serviceBinary.replaceFirst("^nova-", ""));
                h.put("zone", hostZone);
                hosts.add(h);
            }
            return Map.of("hosts", hosts);
        }));
    }

    private static Uni<Service> compute(String host) {
        return Service.<Service>find("host = ?1 and serviceBinary = ?2", host, ServiceStates.COMPUTE).firstResult()
                .map(s -> {
                    if (s == null) {
                        throw ApiException.notFound("Compute host " + host + " could not be found.");
                    }
                    return s;
                });
    }

    @GET
    @Path("{host}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("host") String host) {
        check(ComputeRules.HOSTS_SHOW);
        return compute(host).chain(s -> ComputeNode.<ComputeNode>list("host", host)).chain(nodes ->
                Rows.list("select projectId, count(*), coalesce(sum(vcpus), 0), coalesce(sum(memoryMb), 0), "
                        + "coalesce(sum(rootGb + ephemeralGb), 0) from Instance where host = ?1 and deleted = false "
                        + "group by projectId order by projectId", host).map(rows -> {
                            long cpu = 0;
                            long mem = 0;
                            long disk = 0;
                            for (ComputeNode n : nodes) {
                                cpu += n.vcpus;
                                mem += n.memoryMb;
                                disk += n.localGb;
                            }
                            long usedCpu = 0;
                            long usedMem = 0;
                            long usedDisk = 0;
                            List<Map<String, Object>> perProject = new ArrayList<>();
                            for (Object[] r : rows) {
                                long c = ((Number) r[2]).longValue();
                                long m = ((Number) r[3]).longValue();
                                long d = ((Number) r[4]).longValue();
                                usedCpu += c;
                                usedMem += m;
                                usedDisk += d;
                                perProject.add(resource(host, (String) r[0], c, m, d));
                            }
                            List<Map<String, Object>> out = new ArrayList<>();
                            out.add(resource(host, "(total)", cpu, mem, disk));
                            out.add(resource(host, "(used_now)", usedCpu, usedMem, usedDisk));
                            out.add(resource(host, "(used_max)", usedCpu, usedMem, usedDisk));
                            out.addAll(perProject);
                            return Map.of("host", out);
                        }));
    }

    private static Map<String, Object> resource(String host, String project, long cpu, long mem, long disk) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("host", host);
        r.put("project", project);
        r.put("cpu", cpu);
        r.put("memory_mb", mem);
        r.put("disk_gb", disk);
        return Map.of("resource", r);
    }

    @PUT
    @Path("{host}")
    public Uni<Map<String, Object>> update(@PathParam("host") String host, JsonNode json) {
        check(ComputeRules.HOSTS_UPDATE);
        RequestContext ctx = current.context();
        Body body = Body.wrap(json, "host").only(List.of("status", "maintenance_mode"));
        String status = body.string("status", false, 1, 16);
        String maintenance = body.string("maintenance_mode", false, 1, 16);
        if (status == null && maintenance == null) {
            throw ApiException.badRequest("'status' or 'maintenance_mode' needed for host update");
        }
        if (status != null && !status.equals("enable") && !status.equals("disable")) {
            throw Body.invalid("status", body.raw("status"), "'" + status + "' is not one of ['enable', 'disable']");
        }
        if (maintenance != null && !maintenance.equals("enable") && !maintenance.equals("disable")) {
            throw Body.invalid("maintenance_mode", body.raw("maintenance_mode"), "'" + maintenance
                    + "' is not one of ['enable', 'disable']");
        }
        return Panache.withTransaction(() -> compute(host).map(s -> {
            if (maintenance != null) {
                throw new ApiException(501, "Virt driver does not implement host maintenance mode.");
            }
            s.disabled = status.equals("disable");
            s.updatedAt = Instant.now();
            return s;
        })).call(s -> scheduler.hostStatus(ctx, s)).map(s -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("host", host);
            out.put("status", s.disabled ? "disabled" : "enabled");
            return out;
        });
    }

    @GET
    @Path("{host}/{action: reboot|shutdown|startup}")
    @WithSession
    public Uni<Map<String, Object>> power(@PathParam("host") String host, @PathParam("action") String action) {
        check(switch (action) {
            case "reboot" -> ComputeRules.HOSTS_REBOOT;
            case "shutdown" -> ComputeRules.HOSTS_SHUTDOWN;
            default -> ComputeRules.HOSTS_START;
        });
        return compute(host).map(s -> {
            throw new ApiException(501, "Virt driver does not implement host power management.");
        });
    }

}
