package io.jstack.compute.service;

import io.jstack.common.api.ApiException;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.KeyPair;
import io.jstack.compute.model.ProjectUserQuota;
import io.jstack.compute.model.Quota;
import io.jstack.compute.model.QuotaClass;
import io.jstack.compute.model.Rows;
import io.jstack.compute.model.ServerGroup;
import io.jstack.compute.model.ServerGroupMember;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quotas as Nova keeps them: configured defaults, overridden by the quota class "default", by a project's
 * limits and by a user's limits within a project (-1: unlimited). Usage is counted from what exists. Checks that
 * must hold under concurrency take a PostgreSQL advisory lock for the transaction ({@link #lock}), so that
 * "count, then insert" is one step for every request of the same project or user.
 */
@ApplicationScoped
public class Quotas {

    /** Every resource, in the order quota sets list them. */
    public static final List<String> RESOURCES = List.of("instances", "cores", "ram", "floating_ips", "fixed_ips",
            "metadata_items", "injected_files", "injected_file_content_bytes", "injected_file_path_bytes",
            "key_pairs", "security_groups", "security_group_rules", "server_groups", "server_group_members");
    /** Gone from quota sets from microversion 2.36 (network resources belong to the network service). */
    public static final List<String> NETWORK_RESOURCES = List.of("floating_ips", "fixed_ips", "security_groups",
            "security_group_rules");
    /** Gone from 2.57 (personality files went with 2.57). */
    public static final List<String> FILE_RESOURCES = List.of("injected_files", "injected_file_content_bytes",
            "injected_file_path_bytes");

    @Inject
    ComputeSettings settings;

    /** Usage of the counted resources: instances, cores, ram (per project or user), key pairs, server groups. */
    public record Usage(long instances, long cores, long ram, long keyPairs, long serverGroups) {
        public long of(String resource) {
            return switch (resource) {
                case "instances" -> instances;
                case "cores" -> cores;
                case "ram" -> ram;
                case "key_pairs" -> keyPairs;
                case "server_groups" -> serverGroups;
                default -> 0;
            };
        }
    }

    public Map<String, Integer> configuredDefaults() {
        ComputeSettings.Quota q = settings.quota();
        Map<String, Integer> d = new LinkedHashMap<>();
        d.put("instances", q.instances());
        d.put("cores", q.cores());
        d.put("ram", q.ram());
        d.put("floating_ips", 10);
        d.put("fixed_ips", -1);
        d.put("metadata_items", q.metadataItems());
        d.put("injected_files", q.injectedFiles());
        d.put("injected_file_content_bytes", q.injectedFileContentBytes());
        d.put("injected_file_path_bytes", q.injectedFilePathBytes());
        d.put("key_pairs", q.keyPairs());
        d.put("security_groups", 10);
        d.put("security_group_rules", 20);
        d.put("server_groups", q.serverGroups());
        d.put("server_group_members", q.serverGroupMembers());
        return d;
    }

    /** The defaults every project starts with: configuration, then the "default" quota class. */
    public Uni<Map<String, Integer>> defaults() {
        return Rows.list("select resource, hardLimit from QuotaClass where className = ?1", "default")
                .map(rows -> {
                    Map<String, Integer> d = configuredDefaults();
                    rows.forEach(r -> d.put((String) r[0], (Integer) r[1]));
                    return d;
                });
    }

    /** A project's limits (and a user's within it, when userId is given). */
    public Uni<Map<String, Integer>> limits(String projectId, String userId) {
        return defaults().chain(d -> Rows.list("select resource, hardLimit from Quota where projectId = ?1",
                projectId).map(rows -> {
                    rows.forEach(r -> d.put((String) r[0], (Integer) r[1]));
                    return d;
                })).chain(d -> userId == null ? Uni.createFrom().item(d)
                : Rows.list("select resource, hardLimit from ProjectUserQuota where projectId = ?1 and userId = ?2",
                        projectId, userId).map(rows -> {
                            rows.forEach(r -> d.put((String) r[0], (Integer) r[1]));
                            return d;
                        }));
    }

    /** What a project (or one user in it) uses now. */
    public Uni<Usage> usage(String projectId, String userId) {
        String scope = userId == null ? "projectId = ?1" : "projectId = ?1 and userId = ?2";
        Object[] params = userId == null ? new Object[]{projectId} : new Object[]{projectId, userId};
        Uni<Object[]> instances = Rows.list("select count(*), coalesce(sum(vcpus), 0), "
                + "coalesce(sum(memoryMb), 0) from Instance where deleted = false and " + scope, params)
                .map(List::getFirst);
        return instances.chain(row -> (userId == null ? Uni.createFrom().item(0L)
                        : KeyPair.count("userId", userId))
                .chain(keys -> ServerGroup.count(scope, params).map(groups -> new Usage(
                        ((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue(), keys, groups))));
    }

    /**
     * Instances, cores and RAM in use by a project and by one user in it, in one query: server creation counts
     * them while it holds the project's lock, so the fewer round trips the better.
     */
    public Uni<InstanceUsage> instanceUsage(String projectId, String userId) {
        return Rows.list("select count(*), coalesce(sum(vcpus), 0), coalesce(sum(memoryMb), 0), "
                + "count(*) filter (where userId = ?2), coalesce(sum(vcpus) filter (where userId = ?2), 0), "
                + "coalesce(sum(memoryMb) filter (where userId = ?2), 0) "
                + "from Instance where deleted = false and projectId = ?1", projectId, userId).map(rows -> {
                    Object[] r = rows.getFirst();
                    return new InstanceUsage(
                            new Usage(number(r[0]), number(r[1]), number(r[2]), 0, 0),
                            new Usage(number(r[3]), number(r[4]), number(r[5]), 0, 0));
                });
    }

    /** What a server create counts against: the project's usage and the requesting user's. */
    public record InstanceUsage(Usage project, Usage user) {
    }

    /** True when none of the limits a server create is counted against (instances, cores, RAM) is set. */
    public static boolean instancesUnlimited(Map<String, Integer> limits) {
        return limits.get("instances") < 0 && limits.get("cores") < 0 && limits.get("ram") < 0;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    public static Uni<Long> groupMembers(Integer groupId) {
        return ServerGroupMember.count("groupId", groupId);
    }

    /**
     * Serialises, until the current transaction ends, every transaction that locks the same key (a project's
     * instances, a user's key pairs): what they count cannot change under them before they insert.
     */
    public static Uni<Void> lock(String key) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) as locked",
                        Long.class).setParameter(1, key).getSingleResult())
                .replaceWithVoid();
    }

    /** The 403 Nova answers when a create would pass a limit. */
    public static ApiException exceeded(String resource, long requested, long used, long limit) {
        return ApiException.forbidden("Quota exceeded for " + resource + ": Requested " + requested
                + ", but already used " + used + " of " + limit + " " + resource);
    }
}
