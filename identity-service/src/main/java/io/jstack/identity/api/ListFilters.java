package io.jstack.identity.api;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keystone's list filters on the attributes a list route supports: {@code name=x} matches exactly, and
 * {@code name__contains=x}, {@code __startswith}, {@code __endswith} and {@code __equals} match part of a string
 * value, case-insensitively with an {@code i} before the comparator ({@code name__icontains=x}). A parameter may
 * be given more than once (all must match); other parameters and unknown comparators are ignored, as Keystone
 * ignores them. Booleans take Keystone's spellings ({@code true}, {@code 0}, {@code no}, ...); anything else is
 * a 400. Filters apply in the database ({@link #apply(Where)}) or to rendered resources ({@link #matches(Map)}).
 */
final class ListFilters {

    enum Kind { STRING, BOOLEAN }

    /** A filterable attribute: its query name, its entity field (for HQL), and what it holds. */
    record Attribute(String name, String field, Kind kind) {
        static Attribute string(String name, String field) {
            return new Attribute(name, field, Kind.STRING);
        }

        static Attribute bool(String name, String field) {
            return new Attribute(name, field, Kind.BOOLEAN);
        }
    }

    private enum Comparator { EQUALS, CONTAINS, STARTSWITH, ENDSWITH }

    private record Term(Attribute attribute, Comparator comparator, boolean caseSensitive, Object value) {
    }

    private final List<Term> terms = new ArrayList<>();

    private ListFilters() {
    }

    /** The filters a request's query string asks for, on the given attributes. */
    static ListFilters of(UriInfo uri, Attribute... supported) {
        return of(uri.getQueryParameters(), supported);
    }

    static ListFilters of(MultivaluedMap<String, String> query, Attribute... supported) {
        ListFilters filters = new ListFilters();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            for (Attribute a : supported) {
                for (String value : e.getValue()) {
                    filters.add(a, e.getKey(), value);
                }
            }
        }
        return filters;
    }

    private void add(Attribute a, String key, String value) {
        if (key.equals(a.name())) {
            terms.add(new Term(a, Comparator.EQUALS, true, a.kind() == Kind.BOOLEAN ? Where.bool(a.name(), value)
                    : value));
            return;
        }
        if (!key.startsWith(a.name() + "__") || a.kind() != Kind.STRING) {
            return;
        }
        String op = key.substring(a.name().length() + 2);
        boolean caseSensitive = !op.startsWith("i");
        Comparator comparator = switch (caseSensitive ? op : op.substring(1)) {
            case "equals" -> Comparator.EQUALS;
            case "contains" -> Comparator.CONTAINS;
            case "startswith" -> Comparator.STARTSWITH;
            case "endswith" -> Comparator.ENDSWITH;
            default -> null;
        };
        if (comparator != null) {
            terms.add(new Term(a, comparator, caseSensitive, value));
        }
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    /** Whether the request filters on this attribute at all. */
    boolean has(String name) {
        return terms.stream().anyMatch(t -> t.attribute().name().equals(name));
    }

    /** Adds every filter to a query (on the attributes' entity fields). */
    Where apply(Where where) {
        for (Term t : terms) {
            String field = t.attribute().field();
            if (t.comparator() == Comparator.EQUALS) {
                if (t.caseSensitive()) {
                    where.clause(field + " = {}", t.value());
                } else {
                    where.clause("lower(" + field + ") = lower({})", t.value());
                }
                continue;
            }
            String pattern = pattern(t.comparator(), (String) t.value());
            if (t.caseSensitive()) {
                where.clause(field + " like {} escape '!'", pattern);
            } else {
                where.clause("lower(" + field + ") like lower({}) escape '!'", pattern);
            }
        }
        return where;
    }

    /** Whether a rendered resource (its JSON attributes) passes every filter. */
    boolean matches(Map<String, Object> resource) {
        for (Term t : terms) {
            Object actual = resource.get(t.attribute().name());
            if (t.attribute().kind() == Kind.BOOLEAN) {
                if (!(actual instanceof Boolean b) || !b.equals(t.value())) {
                    return false;
                }
                continue;
            }
            if (!(actual instanceof String s)) {
                return false;
            }
            String want = (String) t.value();
            if (!t.caseSensitive()) {
                s = s.toLowerCase(Locale.ROOT);
                want = want.toLowerCase(Locale.ROOT);
            }
            boolean ok = switch (t.comparator()) {
                case EQUALS -> s.equals(want);
                case CONTAINS -> s.contains(want);
                case STARTSWITH -> s.startsWith(want);
                case ENDSWITH -> s.endsWith(want);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A LIKE pattern matching the value literally ({@code %} and {@code _} in it are not wildcards). */
    private static String pattern(Comparator c, String value) {
        String literal = value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return switch (c) {
            case CONTAINS -> "%" + literal + "%";
            case STARTSWITH -> literal + "%";
            case ENDSWITH -> "%" + literal;
            case EQUALS -> literal;
        };
    }
}
