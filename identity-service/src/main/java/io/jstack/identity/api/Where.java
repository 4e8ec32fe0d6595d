package io.jstack.identity.api;

import java.util.ArrayList;
import java.util.List;

/** A small builder for list filters: {@code name = ?1 and enabled = ?2 ...}. */
final class Where {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    Where eq(String field, Object value) {
        if (value != null) {
            params.add(value);
            clauses.add(field + " = ?" + params.size());
        }
        return this;
    }

    Where in(String field, java.util.Collection<?> values) {
        if (values != null) {
            params.add(values);
            clauses.add(field + " in ?" + params.size());
        }
        return this;
    }

    /** A fixed clause (no user input in it). */
    Where raw(String clause) {
        clauses.add(clause);
        return this;
    }

    /** A clause whose every {@code {}} stands for one parameter, {@code value}. */
    Where clause(String template, Object value) {
        if (value != null) {
            params.add(value);
            clauses.add(template.replace("{}", "?" + params.size()));
        }
        return this;
    }

    /** A clause whose {@code {}}s stand, in order, for the given parameters. */
    Where clause(String template, java.util.List<?> values) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (Object value : values) {
            int at = template.indexOf("{}", from);
            params.add(value);
            out.append(template, from, at).append('?').append(params.size());
            from = at + 2;
        }
        clauses.add(out.append(template.substring(from)).toString());
        return this;
    }

    String hql(String orderBy) {
        String where = clauses.isEmpty() ? "" : String.join(" and ", clauses);
        return where + (orderBy == null ? "" : (where.isEmpty() ? "" : " ") + "order by " + orderBy);
    }

    Object[] params() {
        return params.toArray();
    }

    /** Keystone's boolean query values: true/false/1/0/yes/no; anything else is a 400. */
    static Boolean bool(String field, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase()) {
            case "true", "1", "yes", "on", "" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw Body.invalid(field, "'" + value + "' is not a boolean");
        };
    }
}
