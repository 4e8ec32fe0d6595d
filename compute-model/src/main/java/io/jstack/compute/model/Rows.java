package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Reads that return plain values rather than managed entities. Code that reads key/value rows and then replaces
 * them (delete, insert) in the same session uses these, so no managed copy of a replaced row stands in the way.
 */
public final class Rows {

    private Rows() {
    }

    /** Rows of a select with several columns, positional parameters ?1, ?2, ... */
    public static Uni<List<Object[]>> list(String hql, Object... params) {
        return Panache.getSession().chain(s -> {
            var q = s.createSelectionQuery(hql, Object[].class);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.getResultList();
        });
    }
}
