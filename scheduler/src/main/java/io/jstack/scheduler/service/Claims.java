package io.jstack.scheduler.service;

import io.jstack.scheduler.model.Allocation;
import io.jstack.scheduler.model.ResourceProvider;
import io.jstack.scheduler.model.Resources;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Claims in the database, where they are atomic whatever the number of scheduler replicas: a claim is one
 * statement that raises the host's usage only if the result stays within (total - reserved) * allocation ratio
 * and inserts the instance's allocation with it. PostgreSQL re-checks the condition on the row's latest version
 * after waiting for a concurrent claim on the same host, so no interleaving can overcommit a host.
 */
public final class Claims {

    /** :v, :m and :d stand for the parameters holding the vCPUs, memory and disk claimed. */
    private static final String FITS = """
            vcpus_used + :v <= (vcpus - reserved_vcpus) * cpu_allocation_ratio
            and memory_mb_used + :m <= (memory_mb - reserved_memory_mb) * ram_allocation_ratio
            and disk_gb_used + :d <= (disk_gb - reserved_disk_gb) * disk_allocation_ratio""";

    /** A claim also counts one more build in progress until the host's next report says what it is doing. */
    private static final String CONSUME = """
            vcpus_used = vcpus_used + :v, memory_mb_used = memory_mb_used + :m, disk_gb_used = disk_gb_used + :d,
            instances = instances + 1, io_ops = io_ops + 1, generation = generation + 1""";

    /**
     * A hard server-group rule, checked against the group's allocations other than the consumer's own: :g the
     * group, :p its policy (null: no rule), :n the most members a host may hold (anti-affinity), :h the host, :c
     * the consumer. The subqueries read the statement's snapshot, so the caller holds the group's lock
     * ({@link #lockGroup}) in the same transaction: claims of one group then see each other's committed rows.
     */
    private static final String GROUP_KEPT = """
            (:p::text is null
             or (:p = 'anti-affinity' and (select count(*) from allocation g
                  where g.server_group = :g and g.host = :h and g.consumer_uuid <> :c) < :n)
             or (:p = 'affinity' and not exists (select 1 from allocation g
                  where g.server_group = :g and g.host <> :h and g.consumer_uuid <> :c)))""";

    /**
     * One round trip: an instance that already holds an allocation is answered with its host (the request was
     * repeated); otherwise the conditional update and the insert happen together or not at all. %s is where the
     * host's row is chosen: waiting for a concurrent claim on it, or skipping it if locked. $8..$10: the group
     * rule (group, policy, max per host), all null without one.
     */
    private static final String CLAIM_TEMPLATE = """
            with existing as (select host from allocation where consumer_uuid = $1),
            locked as (select host from resource_provider where host = $2 %s),
            rp as (
                update resource_provider set %s
                where host = (select host from locked) and not exists (select 1 from existing) and %s and %s
                returning *),
            ins as (
                insert into allocation (consumer_uuid, host, vcpus, memory_mb, disk_gb, project_id, user_id,
                                        server_group)
                select $1, host, $3, $4, $5, $6, $7, $8 from rp)
            select (select host from existing) as existing_host, not exists (select 1 from locked) as busy, rp.*
            from (select 1) as one left join rp on true""";

    private static final String CLAIM = claim("");

    /**
     * A claim that passes over a host whose row another claim holds, instead of waiting for it: several claims in
     * one transaction (a multi-instance request) then never wait on each other crosswise, which would deadlock.
     */
    private static final String CLAIM_UNLESS_LOCKED = claim("for update skip locked");

    private static String claim(String lock) {
        String group = GROUP_KEPT.replace(":g", "$8").replace(":p", "$9").replace(":n", "$10")
                .replace(":h", "$2").replace(":c", "$1");
        return CLAIM_TEMPLATE.formatted(lock, CONSUME, FITS, group).replace(":v", "$3").replace(":m", "$4")
                .replace(":d", "$5");
    }

    /** The claim half of a move: host $1, resources $2..$4, consumer $5, group rule $6..$8. */
    private static final String CLAIM_HOST = ("update resource_provider set " + CONSUME + " where host = $1 and "
            + FITS + " and " + GROUP_KEPT + " returning *").replace(":v", "$2").replace(":m", "$3")
            .replace(":d", "$4").replace(":c", "$5").replace(":g", "$6").replace(":p", "$7").replace(":n", "$8")
            .replace(":h", "$1");

    /** Serialises the claims of one server group until the transaction ends (a class id, then the group's). */
    private static final String LOCK_GROUP = "select pg_advisory_xact_lock(7301, hashtext($1))";

    private static final String RELEASE = """
            with a as (delete from allocation where consumer_uuid = $1 returning host, vcpus, memory_mb, disk_gb)
            update resource_provider rp set vcpus_used = rp.vcpus_used - a.vcpus,
                memory_mb_used = rp.memory_mb_used - a.memory_mb, disk_gb_used = rp.disk_gb_used - a.disk_gb,
                instances = rp.instances - 1, generation = rp.generation + 1
            from a where rp.host = a.host
            returning rp.*""";

    private final Pool pool;

    public Claims(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Claims on {@code host} through {@code client} (the pool, or a connection in a transaction). */
    public Uni<ClaimOutcome> claim(SqlClient client, String consumerUuid, String host, Resources resources,
                                   String projectId, String userId) {
        return claim(client, consumerUuid, host, resources, projectId, userId, true, null);
    }

    /**
     * @param wait whether to wait for a concurrent claim on the host's row; if not, such a host is
     *             {@link ClaimOutcome.Busy}
     * @param group a hard server-group rule the claim must keep (null: none); the caller holds the group's lock
     *              in the transaction of {@code client} ({@link #lockGroup}). A host the rule refuses does not fit.
     */
    public Uni<ClaimOutcome> claim(SqlClient client, String consumerUuid, String host, Resources resources,
                                   String projectId, String userId, boolean wait, GroupRule group) {
        return client.preparedQuery(wait ? CLAIM : CLAIM_UNLESS_LOCKED)
                .execute(Rows.args(consumerUuid, host, resources.vcpus(), resources.memoryMb(), resources.diskGb(),
                        projectId, userId, group == null ? null : group.groupId(),
                        group == null ? null : group.policy(), group == null ? null : group.maxPerHost()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    String existing = row.getString("existing_host");
                    if (existing != null) {
                        return new ClaimOutcome.AlreadyAllocated(existing);
                    }
                    if (row.getString("host") == null && Boolean.TRUE.equals(row.getBoolean("busy"))) {
                        return new ClaimOutcome.Busy();
                    }
                    return row.getString("host") == null ? new ClaimOutcome.DoesNotFit()
                            : new ClaimOutcome.Claimed(Rows.provider(row));
                });
    }

    /** Takes the lock of a server group's claims until {@code conn}'s transaction ends. */
    public Uni<Void> lockGroup(SqlClient conn, String groupId) {
        return conn.preparedQuery(LOCK_GROUP).execute(Rows.args(groupId)).replaceWithVoid();
    }

    /**
     * Where the members of a group hold allocations: those recorded with the group, and the instances named (the
     * members compute-api knew of, for allocations made before groups were recorded), each counted once.
     */
    public Uni<Map<String, String>> groupMembers(SqlClient client, String groupId, Collection<String> memberUuids) {
        return client.preparedQuery("select consumer_uuid, host from allocation where server_group = $1 "
                        + "or consumer_uuid = any($2)")
                .execute(Rows.args(groupId, (Object) memberUuids.toArray(String[]::new)))
                .map(Claims::toMap);
    }

    /**
     * Moves an instance's allocation to {@code host} (a reschedule to an alternate): the new host is claimed and
     * the old allocation freed in one transaction; if the new host has no room nothing changes. Claiming the
     * host the instance already holds is a no-op that succeeds. A hard server-group rule is kept as in
     * {@link #claim}: the move takes the group's lock first.
     *
     * @return the providers the move changed (new host first), or empty when the host does not fit
     */
    public Uni<Optional<Moved>> move(String consumerUuid, String host, Resources resources, String projectId,
                                     String userId, GroupRule group) {
        return pool.withTransaction(conn -> (group == null ? Uni.createFrom().voidItem()
                        : lockGroup(conn, group.groupId()))
                .chain(() -> conn.preparedQuery(
                        "select host, vcpus, memory_mb, disk_gb from allocation where consumer_uuid = $1 for update")
                .execute(Rows.args(consumerUuid)))
                .chain(current -> {
                    Optional<Allocation> held = current.size() == 0 ? Optional.empty()
                            : Optional.of(allocation(consumerUuid, current.iterator().next()));
                    if (held.isPresent() && held.get().host().equals(host)) {
                        return Uni.createFrom().item(Optional.of(new Moved(null, null)));
                    }
                    return conn.preparedQuery(CLAIM_HOST)
                            .execute(Rows.args(host, resources.vcpus(), resources.memoryMb(), resources.diskGb(),
                                    consumerUuid, group == null ? null : group.groupId(),
                                    group == null ? null : group.policy(),
                                    group == null ? null : group.maxPerHost()))
                            .chain(claimed -> claimed.size() == 0
                                    ? Uni.createFrom().failure(new NoRoom())
                                    : freeAndInsert(conn, consumerUuid, host, resources, projectId, userId,
                                    group == null ? null : group.groupId(),
                                    Rows.provider(claimed.iterator().next()), held.isPresent()));
                }))
                .onFailure(NoRoom.class).recoverWithItem(Optional.empty());
    }

    private Uni<Optional<Moved>> freeAndInsert(SqlClient conn, String consumerUuid, String host, Resources resources,
                                               String projectId, String userId, String groupId,
                                               ResourceProvider claimed, boolean held) {
        Uni<Optional<ResourceProvider>> freed = held ? release(conn, consumerUuid)
                : Uni.createFrom().item(Optional.empty());
        return freed.chain(old -> conn.preparedQuery("""
                                insert into allocation (consumer_uuid, host, vcpus, memory_mb, disk_gb, project_id, user_id,
                                                        server_group)
                                values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                        .execute(Rows.args(consumerUuid, host, resources.vcpus(), resources.memoryMb(),
                                resources.diskGb(), projectId, userId, groupId))
                        .replaceWith(Optional.of(new Moved(claimed, old.orElse(null)))));
    }

    /** The providers a move changed: the one claimed and the one freed (either may be null). */
    public record Moved(ResourceProvider claimed, ResourceProvider freed) {
    }

    private static final class NoRoom extends RuntimeException {
        NoRoom() {
            super("no room", null, false, false);
        }
    }

    /** Frees an instance's allocation; empty if it held none (releasing twice is fine). */
    public Uni<Optional<ResourceProvider>> release(SqlClient client, String consumerUuid) {
        return client.preparedQuery(RELEASE).execute(Rows.args(consumerUuid))
                .map(rows -> rows.size() == 0 ? Optional.<ResourceProvider>empty()
                        : Optional.of(Rows.provider(rows.iterator().next())));
    }

    /**
     * Releases allocations on {@code host} older than {@code grace} whose instances the host's report does not
     * list (leaked claims: a delete or a failed build that never reached the scheduler).
     *
     * @return the released instances' uuids and the provider as the releases left it
     */
    public Uni<Orphans> releaseOrphans(String host, Collection<String> reported, java.time.Duration grace) {
        return pool.preparedQuery("""
                        with gone as (
                            delete from allocation
                            where host = $1 and created_at < now() - make_interval(secs => $2)
                              and not (consumer_uuid = any($3))
                            returning consumer_uuid, vcpus, memory_mb, disk_gb),
                        total as (
                            select count(*) as n, coalesce(sum(vcpus), 0) as vcpus,
                                coalesce(sum(memory_mb), 0) as memory_mb, coalesce(sum(disk_gb), 0) as disk_gb,
                                array_agg(consumer_uuid) as uuids
                            from gone),
                        rp as (
                            update resource_provider set vcpus_used = vcpus_used - total.vcpus,
                                memory_mb_used = memory_mb_used - total.memory_mb,
                                disk_gb_used = disk_gb_used - total.disk_gb, instances = instances - total.n,
                                generation = generation + 1
                            from total where host = $1 and total.n > 0
                            returning resource_provider.*)
                        select total.uuids as released, rp.* from total left join rp on true""")
                .execute(Rows.args(host, (double) grace.toSeconds(), (Object) reported.toArray(String[]::new)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    String[] released = row.getArrayOfStrings("released");
                    return new Orphans(released == null ? java.util.List.of() : java.util.List.of(released),
                            row.getString("host") == null ? null : Rows.provider(row));
                });
    }

    /** Allocations released as leaked, and the provider after (null when none was). */
    public record Orphans(java.util.List<String> released, ResourceProvider provider) {
    }

    /** Where each of these instances holds its allocation (instances holding none are absent). */
    public Uni<Map<String, String>> hostsOf(Collection<String> consumerUuids) {
        if (consumerUuids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select consumer_uuid, host from allocation where consumer_uuid = any($1)")
                .execute(Rows.args((Object) consumerUuids.toArray(String[]::new)))
                .map(Claims::toMap);
    }

    private static Map<String, String> toMap(RowSet<Row> rows) {
        Map<String, String> hosts = new HashMap<>();
        for (Row row : rows) {
            hosts.put(row.getString("consumer_uuid"), row.getString("host"));
        }
        return hosts;
    }

    private static Allocation allocation(String consumer, Row row) {
        return new Allocation(consumer, row.getString("host"),
                new Resources(row.getInteger("vcpus"), row.getInteger("memory_mb"), row.getInteger("disk_gb")));
    }
}
