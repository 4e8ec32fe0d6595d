package io.jstack.scheduler.service;

import io.jstack.common.compute.SchedulerRpc;
import io.jstack.scheduler.model.ServiceStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import java.util.HashMap;
import java.util.Map;

/** Hosts' service status as operators set it through os-services (enabled, forced down). */
public final class HostStatuses {

    private final Pool pool;

    public HostStatuses(Pool pool) {
        this.pool = pool;
    }

    public Uni<ServiceStatus> set(SchedulerRpc.HostStatus status) {
        ServiceStatus stored = new ServiceStatus(status.enabled(), status.forcedDown(), status.reason());
        return pool.preparedQuery("""
                        insert into host_status (host, enabled, forced_down, disabled_reason, updated_at)
                        values ($1, $2, $3, $4, now())
                        on conflict (host) do update set enabled = excluded.enabled,
                            forced_down = excluded.forced_down, disabled_reason = excluded.disabled_reason,
                            updated_at = now()""")
                .execute(Rows.args(status.host(), status.enabled(), status.forcedDown(), status.reason()))
                .replaceWith(stored);
    }

    public Uni<Map<String, ServiceStatus>> all() {
        return pool.query("select host, enabled, forced_down, disabled_reason from host_status").execute()
                .map(rows -> {
                    Map<String, ServiceStatus> statuses = new HashMap<>();
                    for (Row row : rows) {
                        statuses.put(row.getString("host"), new ServiceStatus(row.getBoolean("enabled"),
                                row.getBoolean("forced_down"), row.getString("disabled_reason")));
                    }
                    return statuses;
                });
    }
}
