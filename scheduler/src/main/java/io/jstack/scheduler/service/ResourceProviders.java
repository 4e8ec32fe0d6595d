package io.jstack.scheduler.service;

import io.jstack.common.compute.HostReport;
import io.jstack.scheduler.model.ResourceProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * Resource providers in the database: created and updated from agents' reports (inventory, hypervisor facts,
 * builds in progress, failed builds), read back for the in-memory host states.
 */
public final class ResourceProviders {

    /**
     * A report is taken unless a newer one is already stored (queued reports of a restarted scheduler arrive
     * late). Its time is the agent's, capped at now, so a report that waited in the queue does not make a silent
     * host look alive.
     */
    private static final String UPSERT = """
            insert into resource_provider (host, node, hypervisor_type, hypervisor_version, host_ip, vcpus, memory_mb,
                disk_gb, reserved_vcpus, reserved_memory_mb, reserved_disk_gb, cpu_allocation_ratio,
                ram_allocation_ratio, disk_allocation_ratio, io_ops, failed_builds, capabilities, traits, reported_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                least(coalesce($19, now()), now()))
            on conflict (host) do update set node = excluded.node, hypervisor_type = excluded.hypervisor_type,
                hypervisor_version = excluded.hypervisor_version, host_ip = excluded.host_ip,
                vcpus = excluded.vcpus, memory_mb = excluded.memory_mb, disk_gb = excluded.disk_gb,
                reserved_vcpus = excluded.reserved_vcpus, reserved_memory_mb = excluded.reserved_memory_mb,
                reserved_disk_gb = excluded.reserved_disk_gb,
                cpu_allocation_ratio = excluded.cpu_allocation_ratio,
                ram_allocation_ratio = excluded.ram_allocation_ratio,
                disk_allocation_ratio = excluded.disk_allocation_ratio, io_ops = excluded.io_ops,
                failed_builds = excluded.failed_builds, capabilities = excluded.capabilities,
                traits = excluded.traits, reported_at = excluded.reported_at,
                generation = resource_provider.generation + 1
            where resource_provider.reported_at <= excluded.reported_at
            returning *""";

    private final Pool pool;
    private final SchedulerSettings settings;

    public ResourceProviders(Pool pool, SchedulerSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    /** Stores a report; empty when a newer report was already stored. */
    public Uni<Optional<ResourceProvider>> report(HostReport report) {
        JsonObject capabilities = new JsonObject(new HashMap<>(report.capabilities()));
        OffsetDateTime at = report.reportedAt() == null ? null
                : OffsetDateTime.ofInstant(report.reportedAt(), ZoneOffset.UTC);
        return pool.preparedQuery(UPSERT).execute(Rows.args(report.host(),
                        report.node() == null ? report.host() : report.node(), report.hypervisorType(),
                        report.hypervisorVersion(), report.hostIp(), report.vcpus(), report.memoryMb(),
                        report.diskGb(), report.reservedVcpus(), report.reservedMemoryMb(),
                        report.reservedDiskGb(),
                        ratio(report.cpuAllocationRatio(), settings.cpuAllocationRatio()),
                        ratio(report.ramAllocationRatio(), settings.ramAllocationRatio()),
                        ratio(report.diskAllocationRatio(), settings.diskAllocationRatio()),
                        report.ioOps(), report.failedBuilds(), capabilities,
                        report.traits().toArray(String[]::new), at))
                .map(rows -> rows.size() == 0 ? Optional.<ResourceProvider>empty()
                        : Optional.of(Rows.provider(rows.iterator().next())));
    }

    public Uni<List<ResourceProvider>> all() {
        return pool.query("select * from resource_provider").execute().map(rows -> {
            List<ResourceProvider> providers = new ArrayList<>(rows.size());
            for (Row row : rows) {
                providers.add(Rows.provider(row));
            }
            return providers;
        });
    }

    public Uni<Optional<ResourceProvider>> get(String host) {
        return pool.preparedQuery("select * from resource_provider where host = $1").execute(Rows.args(host))
                .map(rows -> rows.size() == 0 ? Optional.<ResourceProvider>empty()
                        : Optional.of(Rows.provider(rows.iterator().next())));
    }

    private static double ratio(Double reported, double fallback) {
        return reported != null && reported > 0 ? reported : fallback;
    }
}
