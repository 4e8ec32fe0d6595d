package io.jstack.identity.api;

import jakarta.ws.rs.core.UriInfo;

import java.util.Arrays;
import java.util.List;

/**
 * The project list's tag filters, each a comma-separated list: {@code tags} (projects with all of them),
 * {@code tags-any} (with at least one), {@code not-tags} (without all of them together) and {@code not-tags-any}
 * (with none of them). Given together, a project must pass every one.
 */
final class TagFilters {

    private static final String HAS = "id in (select t.projectId from ProjectTag t where t.name = {})";
    private static final String HAS_ANY = "id in (select t.projectId from ProjectTag t where t.name in {})";

    private final List<String> all;
    private final List<String> any;
    private final List<String> notAll;
    private final List<String> notAny;

    private TagFilters(List<String> all, List<String> any, List<String> notAll, List<String> notAny) {
        this.all = all;
        this.any = any;
        this.notAll = notAll;
        this.notAny = notAny;
    }

    static TagFilters of(UriInfo uri) {
        var q = uri.getQueryParameters();
        return new TagFilters(split(q.getFirst("tags")), split(q.getFirst("tags-any")),
                split(q.getFirst("not-tags")), split(q.getFirst("not-tags-any")));
    }

    private static List<String> split(String value) {
        return value == null ? null : Arrays.stream(value.split(",", -1)).toList();
    }

    /** Whether only a tagged project can pass (a domain, which has no tags, cannot). */
    boolean needsATag() {
        return all != null || any != null;
    }

    void apply(Where where) {
        if (all != null) {
            all.forEach(tag -> where.clause(HAS, tag));
        }
        if (any != null) {
            where.clause(HAS_ANY, List.of(any));
        }
        if (notAll != null) {
            where.clause("not (" + String.join(" and ", notAll.stream().map(t -> HAS).toList()) + ")",
                    List.copyOf(notAll));
        }
        if (notAny != null) {
            where.clause("not (" + HAS_ANY + ")", List.of(notAny));
        }
    }
}
