package io.jstack.scheduler.service;

import io.jstack.common.compute.SchedulerRpc;
import io.jstack.scheduler.model.AggregateInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** compute-api's host aggregates, mirrored as a whole (each sync replaces the previous one in one transaction). */
public final class AggregateMirror {

    private final Pool pool;

    public AggregateMirror(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<String, List<AggregateInfo>>> replace(List<SchedulerRpc.Aggregate> aggregates) {
        return pool.withTransaction(conn -> conn.query("delete from aggregate").execute()
                        .chain(() -> insert(conn, aggregates, 0)))
                .replaceWith(() -> byHost(aggregates));
    }

    private Uni<Void> insert(SqlConnection conn, List<SchedulerRpc.Aggregate> aggregates, int index) {
        if (index >= aggregates.size()) {
            return Uni.createFrom().voidItem();
        }
        SchedulerRpc.Aggregate a = aggregates.get(index);
        JsonObject metadata = new JsonObject(new HashMap<>(a.metadata() == null ? Map.of() : a.metadata()));
        List<String> hosts = a.hosts() == null ? List.of() : a.hosts();
        return conn.preparedQuery("insert into aggregate (id, name, availability_zone, metadata) values ($1, $2, $3, $4)")
                .execute(Rows.args(a.id(), a.name(), a.availabilityZone(), metadata))
                .chain(() -> conn.preparedQuery("""
                                insert into aggregate_host (aggregate_id, host)
                                select $1, unnest($2::text[]) on conflict do nothing""")
                        .execute(Rows.args(a.id(), hosts.toArray(String[]::new))))
                .chain(() -> insert(conn, aggregates, index + 1));
    }

    public Uni<Map<String, List<AggregateInfo>>> byHost() {
        return pool.query("""
                        select a.id, a.name, a.availability_zone, a.metadata, h.host
                        from aggregate a join aggregate_host h on h.aggregate_id = a.id order by a.id""")
                .execute().map(rows -> {
                    Map<String, List<AggregateInfo>> result = new HashMap<>();
                    Map<String, AggregateInfo> seen = new HashMap<>();
                    for (Row row : rows) {
                        AggregateInfo info = seen.computeIfAbsent(row.getString("id"), id -> aggregate(row));
                        result.computeIfAbsent(row.getString("host"), h -> new ArrayList<>()).add(info);
                    }
                    return result;
                });
    }

    private static AggregateInfo aggregate(Row row) {
        JsonObject json = row.getJsonObject("metadata");
        Map<String, String> metadata = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(e -> metadata.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return new AggregateInfo(row.getString("id"), row.getString("name"), row.getString("availability_zone"),
                metadata);
    }

    /** The hosts' aggregates as a sync gives them (no database round trip needed for this replica). */
    static Map<String, List<AggregateInfo>> byHost(List<SchedulerRpc.Aggregate> aggregates) {
        Map<String, List<AggregateInfo>> result = new HashMap<>();
        for (SchedulerRpc.Aggregate a : aggregates) {
            AggregateInfo info = new AggregateInfo(a.id(), a.name(), a.availabilityZone(), a.metadata());
            for (String host : a.hosts() == null ? List.<String>of() : a.hosts()) {
                result.computeIfAbsent(host, h -> new ArrayList<>()).add(info);
            }
        }
        return result;
    }
}
