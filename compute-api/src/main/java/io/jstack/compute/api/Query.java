package io.jstack.compute.api;

import io.jstack.common.api.ApiException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.util.Collection;
import java.util.List;

/** A request's query string, read as Nova reads it: the last value of a repeated parameter wins. */
public final class Query {

    private final MultivaluedMap<String, String> params;

    private Query(MultivaluedMap<String, String> params) {
        this.params = params;
    }

    public static Query of(UriInfo uri) {
        return new Query(uri.getQueryParameters());
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    public String get(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getLast();
    }

    public List<String> all(String name) {
        List<String> values = params.get(name);
        return values == null ? List.of() : values;
    }

    public Collection<String> names() {
        return params.keySet();
    }

    /** Refuses parameters outside {@code allowed} (the query schemas with additionalProperties: false). */
    public void only(Collection<String> allowed) {
        for (String name : params.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("Invalid input for query parameters " + name
                        + ". Value: " + get(name) + ". Additional properties are not allowed ('" + name
                        + "' was unexpected)");
            }
        }
    }

    /** A non-negative integer parameter, or null. */
    public Integer nonNegative(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw ApiException.badRequest(name + " param must be positive");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " param must be an integer");
        }
    }

    /** The page size: {@code limit} capped at the service's maximum (absent: the maximum; 0: nothing). */
    public int limit(int max) {
        Integer limit = nonNegative("limit");
        return limit == null ? max : Math.min(limit, max);
    }

    /** Whether the page is full, so a "next" link is due. */
    public boolean pageFull(int returned, int max) {
        return returned > 0 && returned == limit(max);
    }

    /** At most the first {@code limit} items (a page of size 0 is empty). */
    public static <T> java.util.List<T> first(java.util.List<T> items, int limit) {
        return items.size() <= limit ? items : items.subList(0, limit);
    }
}
