package io.jstack.compute.service;

import io.jstack.common.api.ApiException;
import io.jstack.compute.model.Instance;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A server listing as SQL: filters (exact, regular expression, tag sets, time windows), a sort of one or more
 * keys ending in created_at and id, and keyset paging after a marker. Built by the API from the query string;
 * every value travels as a parameter.
 */
public final class ServerQuery {

    /** Sortable columns by API sort key. */
    public static final Map<String, String> SORT_COLUMNS = Map.ofEntries(
            Map.entry("access_ip_v4", "access_ip_v4"), Map.entry("access_ip_v6", "access_ip_v6"),
            Map.entry("auto_disk_config", "disk_config"), Map.entry("availability_zone", "availability_zone"),
            Map.entry("config_drive", "config_drive"), Map.entry("created_at", "created_at"),
            Map.entry("display_description", "display_description"), Map.entry("display_name", "display_name"),
            Map.entry("host", "host"), Map.entry("hostname", "hostname"), Map.entry("image_ref", "image_ref"),
            Map.entry("instance_type_id", "flavor_id"), Map.entry("kernel_id", "uuid"),
            Map.entry("key_name", "key_name"), Map.entry("launch_index", "launch_index"),
            Map.entry("launched_at", "launched_at"), Map.entry("locked_by", "locked_by"),
            Map.entry("locked", "locked"), Map.entry("node", "node"), Map.entry("power_state", "power_state"),
            Map.entry("progress", "progress"), Map.entry("project_id", "project_id"),
            Map.entry("ramdisk_id", "uuid"), Map.entry("root_device_name", "root_device_name"),
            Map.entry("task_state", "task_state"), Map.entry("terminated_at", "terminated_at"),
            Map.entry("updated_at", "updated_at"), Map.entry("user_id", "user_id"), Map.entry("uuid", "uuid"),
            Map.entry("vm_state", "vm_state"));

    private final List<String> where = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();
    private final List<String[]> sort = new ArrayList<>();
    private boolean empty;

    /** A condition; each {@code ?} is the next of {@code values}. */
    public ServerQuery and(String clause, Object... values) {
        StringBuilder out = new StringBuilder();
        int v = 0;
        for (char c : clause.toCharArray()) {
            if (c == '?') {
                params.add(values[v++]);
                out.append(":p").append(params.size());
            } else {
                out.append(c);
            }
        }
        where.add(out.toString());
        return this;
    }

    public ServerQuery eq(String column, Object value) {
        return and("i." + column + " = ?", value);
    }

    public ServerQuery in(String column, List<?> values) {
        if (values.isEmpty()) {
            empty = true;
            return this;
        }
        return and("i." + column + " in (?)", values);
    }

    /** Nova matches these filters as regular expressions (anywhere in the value). */
    public ServerQuery regex(String column, String pattern) {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw ApiException.badRequest("Invalid regular expression for filter: " + pattern);
        }
        return and("coalesce(i." + column + ", '') ~ ?", pattern);
    }

    /** Matches nothing (a filter no server can satisfy, such as an IP without networks). */
    public ServerQuery nothing() {
        empty = true;
        return this;
    }

    public ServerQuery sortBy(String column, String dir) {
        sort.add(new String[]{column, dir});
        return this;
    }

    public boolean isEmpty() {
        return empty;
    }

    public static Instant time(String name, String value) {
        try {
            return OffsetDateTime.parse(value.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(value.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest("Invalid filter field: " + name + ".");
            }
        }
    }

    private List<String[]> fullSort() {
        List<String[]> keys = new ArrayList<>(sort);
        String defaultDir = keys.isEmpty() ? "desc" : keys.getFirst()[1];
        if (keys.stream().noneMatch(k -> k[0].equals("created_at"))) {
            keys.add(new String[]{"created_at", defaultDir});
        }
        keys.add(new String[]{"id", defaultDir});
        return keys;
    }

    /** The page after {@code marker} (an instance row, or null for the first page). */
    public Uni<List<Instance>> page(Instance marker, int limit) {
        if (empty) {
            return Uni.createFrom().item(List.of());
        }
        List<String> conditions = new ArrayList<>(where);
        List<Object> values = new ArrayList<>(params);
        List<String[]> keys = fullSort();
        if (marker != null) {
            conditions.add(after(keys, marker, values));
        }
        StringBuilder sql = new StringBuilder("select i.* from instances i");
        if (!conditions.isEmpty()) {
            sql.append(" where ").append(String.join(" and ", conditions));
        }
        sql.append(" order by ");
        for (int k = 0; k < keys.size(); k++) {
            sql.append(k == 0 ? "" : ", ").append("i.").append(keys.get(k)[0]).append(' ').append(keys.get(k)[1]);
        }
        sql.append(" limit ").append(limit);
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql.toString(), Instance.class);
            for (int p = 0; p < values.size(); p++) {
                q.setParameter("p" + (p + 1), values.get(p));
            }
            return q.getResultList();
        });
    }

    /**
     * Rows after the marker in the sort order: (k1 beyond m1) or (k1 = m1 and k2 beyond m2) or ... PostgreSQL
     * puts nulls last ascending and first descending, and the comparison follows that.
     */
    private static String after(List<String[]> keys, Instance m, List<Object> values) {
        List<String> alternatives = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        for (String[] key : keys) {
            String col = "i." + key[0];
            boolean asc = key[1].equals("asc");
            Object mv = value(m, key[0]);
            String beyond;
            String equal;
            if (mv == null) {
                beyond = asc ? "false" : col + " is not null";
                equal = col + " is null";
            } else {
                values.add(mv);
                String p = ":p" + values.size();
                beyond = asc ? "(" + col + " > " + p + " or " + col + " is null)" : col + " < " + p;
                equal = col + " = " + p;
            }
            List<String> term = new ArrayList<>(equalSoFar);
            term.add(beyond);
            alternatives.add("(" + String.join(" and ", term) + ")");
            equalSoFar.add(equal);
        }
        return "(" + String.join(" or ", alternatives) + ")";
    }

    private static Object value(Instance i, String column) {
        return switch (column) {
            case "access_ip_v4" -> i.accessIpV4;
            case "access_ip_v6" -> i.accessIpV6;
            case "disk_config" -> i.diskConfig;
            case "availability_zone" -> i.availabilityZone;
            case "config_drive" -> i.configDrive;
            case "created_at" -> i.createdAt;
            case "display_description" -> i.displayDescription;
            case "display_name" -> i.displayName;
            case "host" -> i.host;
            case "hostname" -> i.hostname;
            case "image_ref" -> i.imageRef;
            case "flavor_id" -> i.flavorId;
            case "key_name" -> i.keyName;
            case "launch_index" -> i.launchIndex;
            case "launched_at" -> i.launchedAt;
            case "locked_by" -> i.lockedBy;
            case "locked" -> i.locked;
            case "node" -> i.node;
            case "power_state" -> i.powerState;
            case "progress" -> i.progress;
            case "project_id" -> i.projectId;
            case "root_device_name" -> i.rootDeviceName;
            case "task_state" -> i.taskState;
            case "terminated_at" -> i.terminatedAt;
            case "updated_at" -> i.updatedAt;
            case "user_id" -> i.userId;
            case "uuid" -> i.uuid;
            case "vm_state" -> i.vmState;
            default -> i.id;
        };
    }
}
