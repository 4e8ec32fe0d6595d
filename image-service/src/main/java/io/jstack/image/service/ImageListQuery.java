package io.jstack.image.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code GET /v2/images} request: paging, sorting and filters, Glance's semantics.
 *
 * @param visibility  null (the default view), public, private, shared, community or all
 * @param memberStatus which memberships make a shared image appear: pending, accepted (default), rejected, all
 * @param conditions  comparisons on base columns (name in (...), created_at > t, size >= n, ...)
 * @param properties  custom properties that must have exactly these values
 */
public record ImageListQuery(int limit, String marker, List<Sort> sort, String visibility, String memberStatus,
                             boolean osHidden, Boolean isProtected, List<String> tags,
                             Map<String, String> properties, List<Condition> conditions) {

    public enum Key {
        NAME("name"), STATUS("status"), CONTAINER_FORMAT("container_format"), DISK_FORMAT("disk_format"),
        SIZE("size"), ID("id"), CREATED_AT("created_at"), UPDATED_AT("updated_at");

        public final String param;

        Key(String param) {
            this.param = param;
        }

        public static Key of(String param) {
            for (Key k : values()) {
                if (k.param.equals(param)) {
                    return k;
                }
            }
            return null;
        }
    }

    public record Sort(Key key, boolean ascending) {
    }

    public enum Op {
        EQ("="), NEQ("<>"), GT(">"), GTE(">="), LT("<"), LTE("<="), IN("in");

        public final String hql;

        Op(String hql) {
            this.hql = hql;
        }
    }

    /**
     * {@code column op value}: column is an entity attribute (name, status, size, createdAt, ...), value a
     * String, Long, Instant, or a List for IN.
     */
    public record Condition(String column, Op op, Object value) {
    }

    public static Instant parseTime(String value) {
        return java.time.OffsetDateTime.parse(value).toInstant();
    }
}
