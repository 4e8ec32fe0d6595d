package io.jstack.compute.api;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.model.Instance;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.Policy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * os-simple-tenant-usage: instance hours, and GB/MB/vCPU hours, over a period, from the instances' launch and
 * termination times.
 */
@Path("/v2.1/os-simple-tenant-usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private static final List<DateTimeFormatter> FORMATS = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]"));

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Context
    UriInfo uri;

    @Inject
    RequestVersion version;

    static Instant time(String value, String what) {
        if (value == null) {
            return null;
        }
        for (DateTimeFormatter f : FORMATS) {
            try {
                return LocalDateTime.parse(value.trim(), f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        throw ApiException.badRequest("Invalid " + what + " time. The " + what + " time should be in the format "
                + "YYYY-MM-DDTHH:MM:SS");
    }

    private record Period(Instant start, Instant stop) {
    }

    private Period period() {
        Query q = Query.of(uri);
        Instant stop = q.has("end") ? time(q.get("end"), "end") : Instant.now();
        Instant start = q.has("start") ? time(q.get("start"), "start") : stop.minus(Duration.ofDays(30));
        if (start.isAfter(stop)) {
            throw ApiException.badRequest("Invalid start time. The start time cannot occur after the end time.");
        }
        return new Period(start, stop);
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list() {
        RequestContext ctx = current.context();
        if (uri.getRequestUri().getRawPath().endsWith("/")) {
            // GET .../os-simple-tenant-usage/ asks for the usage of a project with an empty id
            throw ApiException.notFound("The resource could not be found.");
        }
        policy.authorize(ctx, ComputeRules.USAGE_LIST);
        if (version.atLeast(75)) {
            Query.of(uri).only(List.of("start", "end", "detailed", "limit", "marker"));
        }
        Period p = period();
        String detailed = Query.of(uri).get("detailed");
        boolean detail = detailed != null && List.of("1", "true", "True").contains(detailed);
        return overlapping(null, p).map(list -> {
            Map<String, List<Instance>> byProject = new TreeMap<>();
            list.forEach(i -> byProject.computeIfAbsent(i.projectId, k -> new ArrayList<>()).add(i));
            List<Map<String, Object>> usages = new ArrayList<>();
            byProject.forEach((project, instances) -> usages.add(usage(project, instances, p, detail)));
            return Map.of("tenant_usages", usages);
        });
    }

    @GET
    @Path("{tenant}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("tenant") String tenant) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.USAGE_SHOW, tenant);
        if (version.atLeast(75)) {
            Query.of(uri).only(List.of("start", "end", "limit", "marker"));
        }
        Period p = period();
        return overlapping(tenant, p).map(list -> Map.of("tenant_usage", list.isEmpty() ? Map.of()
                : usage(tenant, list, p, true)));
    }

    /** Instances alive for some of the period (launched before its end, not terminated before its start). */
    private static Uni<List<Instance>> overlapping(String project, Period p) {
        String where = "coalesce(launchedAt, createdAt) < ?1 and (terminatedAt is null or terminatedAt > ?2)";
        return project == null
                ? Instance.<Instance>list(where + " order by createdAt", p.stop(), p.start())
                : Instance.<Instance>list(where + " and projectId = ?3 order by createdAt", p.stop(), p.start(),
                project);
    }

    private static Map<String, Object> usage(String project, List<Instance> instances, Period p, boolean detail) {
        double hours = 0;
        double gb = 0;
        double mb = 0;
        double cpus = 0;
        List<Map<String, Object>> servers = new ArrayList<>();
        Instant now = Instant.now();
        for (Instance i : instances) {
            Instant started = i.launchedAt != null ? i.launchedAt : i.createdAt;
            Instant from = started.isAfter(p.start()) ? started : p.start();
            Instant end = i.terminatedAt != null && i.terminatedAt.isBefore(p.stop()) ? i.terminatedAt : p.stop();
            double h = Math.max(0, Duration.between(from, end).toMillis()) / 3_600_000.0;
            int localGb = i.rootGb + i.ephemeralGb;
            hours += h;
            gb += localGb * h;
            mb += i.memoryMb * h;
            cpus += i.vcpus * h;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("instance_id", i.uuid);
            s.put("name", i.displayName);
            s.put("hours", h);
            s.put("memory_mb", i.memoryMb);
            s.put("local_gb", localGb);
            s.put("vcpus", i.vcpus);
            s.put("tenant_id", i.projectId);
            s.put("flavor", i.flavorName);
            s.put("started_at", Times.micros(started));
            s.put("ended_at", Times.micros(i.terminatedAt));
            s.put("state", i.deleted ? "terminated" : i.vmState);
            Instant upTo = i.terminatedAt != null ? i.terminatedAt : now;
            s.put("uptime", Math.max(0, Duration.between(started, upTo).toSeconds()));
            servers.add(s);
        }
        Map<String, Object> u = new LinkedHashMap<>();
        if (detail) {
            u.put("server_usages", servers);
        }
        u.put("start", Times.micros(p.start()));
        u.put("stop", Times.micros(p.stop()));
        u.put("tenant_id", project);
        u.put("total_hours", hours);
        u.put("total_local_gb_usage", gb);
        u.put("total_memory_mb_usage", mb);
        u.put("total_vcpus_usage", cpus);
        return u;
    }
}
