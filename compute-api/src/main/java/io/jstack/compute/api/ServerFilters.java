package io.jstack.compute.api;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.policy.Target;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.ServerQuery;
import io.jstack.compute.service.ServerStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** GET /servers query parameters to a {@link ServerQuery}, with Nova's rules on who may filter by what. */
final class ServerFilters {

    private static final Set<String> PAGING = Set.of("limit", "marker", "sort_key", "sort_dir");
    private static final Set<String> JOINED = Set.of("block_device_mapping", "services", "metadata",
            "system_metadata", "info_cache", "security_groups", "pci_devices");
    /** Sort keys Nova accepts but ignores (before 2.75; from 2.75 they are refused). */
    private static final Set<String> IGNORED_SORT_KEYS = Set.of("architecture", "cell_name", "cleaned",
            "default_ephemeral_device", "default_swap_device", "deleted", "deleted_at", "disable_terminate",
            "ephemeral_gb", "ephemeral_key_uuid", "id", "key_data", "launched_on", "memory_mb", "os_type",
            "reservation_id", "root_gb", "shutdown_terminate", "user_data", "vcpus", "vm_mode");
    private static final Set<String> KNOWN = Set.of("user_id", "project_id", "tenant_id", "launch_index",
            "image_ref", "image", "kernel_id", "ramdisk_id", "hostname", "key_name", "power_state", "vm_state",
            "task_state", "host", "node", "flavor", "reservation_id", "launched_at", "terminated_at",
            "availability_zone", "name", "display_name", "description", "display_description", "locked_by",
            "uuid", "root_device_name", "config_drive", "access_ip_v4", "access_ip_v6", "auto_disk_config",
            "progress", "sort_key", "sort_dir", "all_tenants", "soft_deleted", "deleted", "status", "changes-since",
            "ip", "ip6", "created_at", "limit", "marker", "tags", "tags-any", "not-tags", "not-tags-any",
            "changes-before", "locked", "block_device_mapping", "services", "metadata", "system_metadata",
            "info_cache", "security_groups", "pci_devices");

    private ServerFilters() {
    }

    /** Filters a non-admin may use at this version. */
    private static Set<String> userOptions(ApiVersion v) {
        List<String> opts = new ArrayList<>(List.of("reservation_id", "name", "status", "image", "flavor", "ip",
                "changes-since", "all_tenants"));
        if (v.atLeast(5)) {
            opts.add("ip6");
        }
        if (v.atLeast(26)) {
            opts.addAll(List.of("tags", "tags-any", "not-tags", "not-tags-any"));
        }
        if (v.atLeast(66)) {
            opts.add("changes-before");
        }
        if (v.atLeast(73)) {
            opts.add("locked");
        }
        if (v.atLeast(83)) {
            opts.addAll(List.of("availability_zone", "config_drive", "key_name", "created_at", "launched_at",
                    "terminated_at", "power_state", "task_state", "vm_state", "progress", "user_id"));
        }
        if (v.atLeast(90)) {
            opts.add("hostname");
        }
        return Set.copyOf(opts);
    }

    static ServerQuery build(Query q, ApiVersion v, RequestContext ctx, Policy policy, boolean detail) {
        boolean admin = policy.allows(ctx, ComputeRules.SERVERS_ALL_FILTERS,
                Target.of("project_id", ctx.projectId(), "user_id", ctx.userId()));
        if (v.atLeast(75)) {
            for (String name : q.names()) {
                if (!KNOWN.contains(name) && !name.startsWith("_")) {
                    throw ApiException.badRequest("Invalid input for query parameters " + name
                            + ". Value: " + q.get(name) + ". Additional properties are not allowed ('" + name
                            + "' was unexpected)");
                }
            }
        }
        Set<String> allowed = admin ? null : userOptions(v);
        List<String> names = new ArrayList<>();
        for (String name : q.names()) {
            if (PAGING.contains(name)) {
                continue;
            }
            if (allowed == null || allowed.contains(name)) {
                names.add(name);
            }
        }
        for (String name : names) {
            if (JOINED.contains(name) || name.startsWith("_")) {
                throw ApiException.badRequest("Invalid filter field: " + name + ".");
            }
        }
        ServerQuery query = new ServerQuery();
        boolean has = false;

        if (names.contains("status")) {
            ServerStatus.States states = ServerStatus.from(q.all("status"));
            if (states.vmStates().isEmpty()) {
                if (v.atLeast(38)) {
                    throw ApiException.badRequest("Invalid status value");
                }
                return query.nothing();
            }
            query.in("vm_state", List.copyOf(states.vmStates()));
            if (!states.taskStates().contains("default")) {
                query.in("task_state", List.copyOf(states.taskStates()));
            }
            if (states.vmStates().equals(Set.of("deleted"))) {
                if (!admin) {
                    throw ApiException.forbidden("Only administrators may list deleted instances");
                }
                query.eq("deleted", true);
                has = true;
            }
        }
        Instant since = null;
        if (names.contains("changes-since")) {
            since = ServerQuery.time("changes-since", q.get("changes-since"));
            query.and("i.updated_at >= ?", since);
        }
        if (names.contains("changes-before")) {
            Instant before = ServerQuery.time("changes-before", q.get("changes-before"));
            if (since != null && before.isBefore(since)) {
                throw ApiException.badRequest("The value of changes-since must be less than or equal to "
                        + "changes-before.");
            }
            query.and("i.updated_at <= ?", before);
        }
        if (!has) {
            if (names.contains("deleted")) {
                query.eq("deleted", Set.of("1", "t", "true", "on", "y", "yes")
                        .contains(q.get("deleted").trim().toLowerCase()));
            } else if (!names.contains("changes-since") && !names.contains("changes-before")) {
                query.eq("deleted", false);
            }
        }
        boolean allTenants = names.contains("all_tenants") && allTenants(q.get("all_tenants"));
        if (allTenants) {
            policy.authorize(ctx, detail ? ComputeRules.SERVERS_DETAIL_ALL_TENANTS : ComputeRules.SERVERS_INDEX_ALL_TENANTS);
            String tenant = q.get("project_id") != null ? q.get("project_id") : q.get("tenant_id");
            if (names.contains("project_id") || names.contains("tenant_id")) {
                query.eq("project_id", tenant);
            }
        } else {
            query.eq("project_id", ctx.projectId());
        }
        for (String name : names) {
            String value = q.get(name);
            switch (name) {
                case "name", "display_name" -> query.regex("display_name", value);
                case "description", "display_description" -> query.regex("display_description", value);
                case "image", "image_ref" -> query.eq("image_ref",
                        value.contains("/") ? value.substring(value.lastIndexOf('/') + 1) : value);
                case "flavor" -> query.eq("flavor_id",
                        value.contains("/") ? value.substring(value.lastIndexOf('/') + 1) : value);
                case "reservation_id" -> query.eq("reservation_id", value);
                case "ip", "ip6" -> query.nothing();
                case "user_id" -> query.eq("user_id", value);
                case "host" -> query.eq("host", value);
                case "node" -> query.eq("node", value);
                case "hostname" -> query.regex("hostname", value);
                case "key_name" -> query.regex("key_name", value);
                case "availability_zone" -> query.regex("availability_zone", value);
                case "uuid" -> query.eq("uuid", value);
                case "vm_state" -> {
                    if (!names.contains("status")) {
                        query.in("vm_state", q.all("vm_state"));
                    }
                }
                case "task_state" -> {
                    if (!names.contains("status")) {
                        query.in("task_state", q.all("task_state"));
                    }
                }
                case "power_state" -> query.in("power_state", q.all("power_state").stream()
                        .map(ServerFilters::integer).toList());
                case "launch_index" -> query.eq("launch_index", integer(value));
                case "progress" -> query.eq("progress", integer(value));
                case "locked_by" -> query.eq("locked_by", value);
                case "locked" -> query.eq("locked", locked(value));
                case "config_drive" -> query.regex("config_drive", value);
                case "root_device_name" -> query.regex("root_device_name", value);
                case "access_ip_v4" -> query.regex("access_ip_v4", value);
                case "access_ip_v6" -> query.regex("access_ip_v6", value);
                case "auto_disk_config" -> query.eq("disk_config", Set.of("1", "true", "True").contains(value)
                        ? "AUTO" : "MANUAL");
                case "created_at" -> query.and("i.created_at >= ?", ServerQuery.time(name, value));
                case "launched_at" -> query.and("i.launched_at >= ?", ServerQuery.time(name, value));
                case "terminated_at" -> query.and("i.terminated_at >= ?", ServerQuery.time(name, value));
                case "tags" -> query.and("(select count(distinct t.tag) from instance_tags t where "
                        + "t.instance_uuid = i.uuid and t.tag in (?)) = " + tags(value).size(), tags(value));
                case "tags-any" -> query.and("exists (select 1 from instance_tags t where t.instance_uuid = i.uuid "
                        + "and t.tag in (?))", tags(value));
                case "not-tags" -> query.and("(select count(distinct t.tag) from instance_tags t where "
                        + "t.instance_uuid = i.uuid and t.tag in (?)) < " + tags(value).size(), tags(value));
                case "not-tags-any" -> query.and("not exists (select 1 from instance_tags t where "
                        + "t.instance_uuid = i.uuid and t.tag in (?))", tags(value));
                default -> {
                    // status, changes-*, deleted, all_tenants, project scope: handled above
                }
            }
        }
        sort(q, v, admin, query);
        return query;
    }

    private static void sort(Query q, ApiVersion v, boolean admin, ServerQuery query) {
        List<String> keys = q.all("sort_key");
        List<String> dirs = q.all("sort_dir");
        for (int n = 0; n < keys.size(); n++) {
            String key = keys.get(n);
            String dir = n < dirs.size() ? dirs.get(n) : dirs.isEmpty() ? "desc" : dirs.getFirst();
            if (!dir.equals("asc") && !dir.equals("desc")) {
                throw ApiException.badRequest("Invalid sort direction: " + dir);
            }
            if (key.equals("locked") && !v.atLeast(73)) {
                continue;
            }
            if (IGNORED_SORT_KEYS.contains(key) || key.equals("locked") && !v.atLeast(73)) {
                if (v.atLeast(75)) {
                    throw ApiException.badRequest("Invalid input for query parameters sort_key. Value: " + key);
                }
                continue;
            }
            String column = ServerQuery.SORT_COLUMNS.get(key);
            if (column == null) {
                throw ApiException.badRequest("Invalid input for query parameters sort_key. Value: " + key
                        + ". '" + key + "' is not one of the sort keys");
            }
            if ((key.equals("host") || key.equals("node")) && !admin) {
                continue;
            }
            query.sortBy(column, dir);
        }
    }

    private static boolean allTenants(String value) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        String v = value.trim().toLowerCase();
        if (Set.of("1", "t", "true", "on", "y", "yes").contains(v)) {
            return true;
        }
        if (Set.of("0", "f", "false", "off", "n", "no").contains(v)) {
            return false;
        }
        throw ApiException.badRequest("Invalid value '" + value + "' for all_tenants filter.");
    }

    private static boolean locked(String value) {
        String v = value.trim().toLowerCase();
        if (Set.of("1", "t", "true", "on", "y", "yes").contains(v)) {
            return true;
        }
        if (Set.of("0", "f", "false", "off", "n", "no").contains(v)) {
            return false;
        }
        throw ApiException.badRequest("Unrecognized value '" + value + "', acceptable values are: 't', 'true', "
                + "'on', 'y', 'yes', 'f', 'false', 'off', 'n', 'no', '1', '0'");
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid filter value: " + value);
        }
    }

    private static List<String> tags(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
