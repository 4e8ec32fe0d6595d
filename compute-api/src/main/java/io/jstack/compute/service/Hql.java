package io.jstack.compute.service;

import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built up from conditions; {@code {}} in a condition stands for its parameter. */
public final class Hql {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds a condition with parameters substituted for each {@code {}} in order. */
    public Hql and(String clause, Object... values) {
        StringBuilder out = new StringBuilder();
        int v = 0;
        int i = 0;
        while (i < clause.length()) {
            if (clause.startsWith("{}", i)) {
                params.add(values[v++]);
                out.append('?').append(params.size());
                i += 2;
            } else {
                out.append(clause.charAt(i++));
            }
        }
        clauses.add(out.toString());
        return this;
    }

    /** Adds {@code field = value} unless the value is null. */
    public Hql eq(String field, Object value) {
        return value == null ? this : and(field + " = {}", value);
    }

    public String where() {
        return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    }

    public Object[] params() {
        return params.toArray();
    }
}
