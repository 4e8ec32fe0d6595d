package io.jstack.compute.api;

import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.model.Service;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.ServiceStates;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** os-instance_usage_audit_log: no usage audits run here, so every compute host is reported as not having run one. */
@Path("/v2.1/os-instance_usage_audit_log")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @GET
    @WithSession
    public Uni<Map<String, Object>> auditLogs() {
        policy.authorize(current.context(), ComputeRules.AUDIT_LOG_LIST);
        return audit(Instant.now()).map(a -> Map.of("instance_usage_audit_logs", a));
    }

    @GET
    @Path("{before}")
    @WithSession
    public Uni<Map<String, Object>> auditLog(@PathParam("before") String before) {
        policy.authorize(current.context(), ComputeRules.AUDIT_LOG_SHOW);
        Instant at = UsageResource.time(before, "before");
        return audit(at).map(a -> Map.of("instance_usage_audit_log", a));
    }

    /** The monthly audit period before {@code at}: no host ran its audit. */
    private static Uni<Map<String, Object>> audit(Instant at) {
        LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        LocalDateTime end = t.withDayOfMonth(1).toLocalDate().atStartOfDay();
        LocalDateTime begin = end.minusMonths(1);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        return Service.<Service>list("serviceBinary", ServiceStates.COMPUTE).map(services -> {
            List<String> hosts = services.stream().map(s -> s.host).sorted().toList();
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("hosts_not_run", hosts);
            a.put("log", Map.of());
            a.put("num_hosts", hosts.size());
            a.put("num_hosts_done", 0);
            a.put("num_hosts_not_run", hosts.size());
            a.put("num_hosts_running", 0);
            a.put("overall_status", "0 of " + hosts.size() + " hosts done. 0 errors.");
            a.put("period_beginning", f.format(begin));
            a.put("period_ending", f.format(end));
            a.put("total_errors", 0);
            a.put("total_instances", 0);
            return a;
        });
    }
}
