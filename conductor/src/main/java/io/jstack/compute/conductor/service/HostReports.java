package io.jstack.compute.conductor.service;

import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.HostReport;
import io.jstack.compute.model.ComputeNode;
import io.jstack.compute.model.Service;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What agents report about themselves: heartbeats (a service's last_seen_up, which makes it "up" in os-services)
 * and hypervisor facts (os-hypervisors). Both are upserts on the natural keys, so replicas and repeats agree.
 */
@ApplicationScoped
public class HostReports {

    public static final String COMPUTE = "nova-compute";

    /** Marks a service alive now, creating it at its first report. Runs in the caller's transaction. */
    public Uni<Void> heartbeat(String host, String binary) {
        Instant now = Instant.now();
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into services (uuid, host, "
                        + "service_binary, topic, report_count, last_seen_up, created_at, updated_at) values (?1, ?2, "
                        + "?3, ?4, 1, ?5, ?5, ?5) on conflict (host, service_binary) do update set report_count = "
                        + "services.report_count + 1, last_seen_up = excluded.last_seen_up, updated_at = "
                        + "excluded.updated_at")
                .setParameter(1, UUID.randomUUID().toString()).setParameter(2, host).setParameter(3, binary)
                .setParameter(4, binary.startsWith("nova-") ? binary.substring(5) : binary)
                .setParameter(5, now).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> heartbeat(ConductorRpc.Heartbeat h) {
        return heartbeat(h.host(), h.binary() == null ? COMPUTE : h.binary());
    }

    /** A compute node's facts (by hypervisor hostname), and a heartbeat of its host's compute service. */
    public Uni<Void> nodeReport(HostReport r) {
        String node = r.node() != null ? r.node() : r.host();
        Map<String, Object> cpuInfo = new LinkedHashMap<>(r.capabilities());
        if (!r.traits().isEmpty()) {
            cpuInfo.put("traits", r.traits());
        }
        String cpu = io.jstack.compute.conductor.service.Json.write(cpuInfo);
        return ComputeNode.<ComputeNode>find("hypervisorHostname", node).firstResult().chain(n -> {
            ComputeNode c = n != null ? n : new ComputeNode();
            if (n == null) {
                c.uuid = UUID.randomUUID().toString();
                c.hypervisorHostname = node;
                c.createdAt = Instant.now();
            }
            c.host = r.host();
            c.hypervisorType = r.hypervisorType() == null ? "fake" : r.hypervisorType();
            c.hypervisorVersion = r.hypervisorVersion();
            c.hostIp = r.hostIp();
            c.vcpus = r.vcpus();
            c.memoryMb = r.memoryMb();
            c.localGb = r.diskGb();
            c.cpuInfo = cpu;
            c.updatedAt = Instant.now();
            return n == null ? c.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        }).chain(() -> heartbeat(r.host(), COMPUTE));
    }

    /** Services that report no more, by binary: used to finish deletes on dead hosts. */
    public static Uni<java.util.List<Service>> silentSince(Instant since) {
        return Service.list("serviceBinary = ?1 and (lastSeenUp is null or lastSeenUp < ?2 or forcedDown = true)",
                COMPUTE, since);
    }
}
