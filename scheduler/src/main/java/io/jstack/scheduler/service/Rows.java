package io.jstack.scheduler.service;

import io.jstack.scheduler.model.ResourceProvider;
import io.jstack.scheduler.model.Resources;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading the scheduler's rows into records, and building statement arguments that may hold nulls. */
final class Rows {

    private Rows() {
    }

    static ResourceProvider provider(Row row) {
        JsonObject caps = row.getJsonObject("capabilities");
        Map<String, String> capabilities = new HashMap<>();
        if (caps != null) {
            for (String key : caps.fieldNames()) {
                Object value = caps.getValue(key);
                if (value != null) {
                    capabilities.put(key, value.toString());
                }
            }
        }
        String[] traits = row.getArrayOfStrings("traits");
        OffsetDateTime reportedAt = row.getOffsetDateTime("reported_at");
        return new ResourceProvider(row.getString("host"), row.getString("node"), row.getString("hypervisor_type"),
                row.getLong("hypervisor_version"), row.getString("host_ip"),
                new Resources(row.getInteger("vcpus"), row.getInteger("memory_mb"), row.getInteger("disk_gb")),
                new Resources(row.getInteger("reserved_vcpus"), row.getInteger("reserved_memory_mb"),
                        row.getInteger("reserved_disk_gb")),
                row.getDouble("cpu_allocation_ratio"), row.getDouble("ram_allocation_ratio"),
                row.getDouble("disk_allocation_ratio"),
                new Resources(row.getInteger("vcpus_used"), row.getLong("memory_mb_used"),
                        row.getInteger("disk_gb_used")),
                row.getInteger("instances"), row.getInteger("io_ops"), row.getInteger("failed_builds"),
                capabilities, traits == null ? Set.of() : Set.of(traits), null,
                reportedAt == null ? null : reportedAt.toInstant(), row.getLong("generation"));
    }

    /** A tuple of the values in order; unlike Tuple.of, nulls are fine. */
    static Tuple args(Object... values) {
        Tuple tuple = Tuple.tuple();
        for (Object value : values) {
            tuple.addValue(value);
        }
        return tuple;
    }

    static Tuple args(List<Object> values) {
        return args(values.toArray());
    }
}
