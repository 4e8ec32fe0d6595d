package io.jstack.common.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Real values for path parameters, learned from the service itself: a parameter's candidates are what a GET of
 * the path before it lists ({@code /servers} for {@code /servers/{id}}: the servers' ids), or the field of that
 * name in the parent's representation ({@code tags} of {@code /images/{id}} for {@code /images/{id}/tags/{tag}}).
 * Lists are read as each caller in turn (an admin may not see a member's key pairs), and a parameter that finds
 * nothing under one parent tries the parent's other candidates. So the fuzz reaches the code behind the "not
 * found" checks. Looked up before any fuzz request, once per path.
 */
final class Harvest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CANDIDATES = 4;

    private final RawHttp http;
    private final List<List<String[]>> callers;
    private final Set<String> getTemplates = new LinkedHashSet<>();
    private final Map<String, List<String>> hints;
    private final Map<String, JsonNode> gets = new HashMap<>();
    private final Map<String, Candidates> candidates = new HashMap<>();
    private final Map<String, List<String>> chosen = new HashMap<>();
    private final Random random;
    private final Set<String> learned = new TreeSet<>();
    private final Set<String> invented = new TreeSet<>();

    /** Values for one parameter under one parent path; {@code real} when the service listed them. */
    private record Candidates(List<String> values, boolean real) {
    }

    /** A resolution: the encoded value of each parameter, and the parameters that got an invented one. */
    private record Resolution(List<String> values, List<String> invented) {
    }

    Harvest(RawHttp http, List<List<String[]>> callers, List<Route> routes, Map<String, List<String>> hints,
            long seed) {
        this.http = http;
        this.callers = callers;
        this.hints = hints;
        this.random = new Random(seed);
        for (Route r : routes) {
            if (r.method().equals("GET")) {
                getTemplates.add(r.template());
            }
        }
    }

    /** The route's path with a real value for every parameter the service lists. */
    String resolve(Route route) {
        return resolve(route.parts(), null, null);
    }

    /** The path with one parameter replaced by a raw (already encoded) value, the others as {@link #resolve}. */
    String resolve(List<Route.Part> parts, Route.Part replaced, String raw) {
        List<String> values = values(parts);
        StringBuilder path = new StringBuilder();
        int i = 0;
        for (Route.Part p : parts) {
            if (p.isParam()) {
                path.append('/').append(p == replaced ? raw : values.get(i));
                i++;
            } else {
                path.append('/').append(p.literal());
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private List<String> values(List<Route.Part> parts) {
        String key = template(parts, parts.size());
        List<String> known = chosen.get(key);
        if (known == null) {
            Resolution r = search(parts, 0, "", List.of());
            known = r.values();
            chosen.put(key, known);
            for (Route.Part p : parts) {
                if (p.isParam()) {
                    String name = key + " {" + p.param() + "}";
                    (r.invented().contains(p.param()) ? invented : learned).add(name);
                }
            }
        }
        return known;
    }

    /** Depth first over the candidates, for the first combination that invents nothing (or invents least). */
    private Resolution search(List<Route.Part> parts, int index, String path, List<String> values) {
        if (index == parts.size()) {
            return new Resolution(values, List.of());
        }
        Route.Part p = parts.get(index);
        if (!p.isParam()) {
            return search(parts, index + 1, path + "/" + p.literal(), values);
        }
        Candidates c = candidates(template(parts, index), path, p);
        Resolution best = null;
        for (String v : c.values()) {
            List<String> next = new ArrayList<>(values);
            next.add(encode(v));
            Resolution r = search(parts, index + 1, path + "/" + encode(v), next);
            if (!c.real()) {
                List<String> more = new ArrayList<>(r.invented());
                more.add(p.param());
                r = new Resolution(r.values(), more);
            }
            if (best == null || r.invented().size() < best.invented().size()) {
                best = r;
            }
            if (best.invented().isEmpty()) {
                break;
            }
        }
        return best;
    }

    private static String template(List<Route.Part> parts, int end) {
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < end; i++) {
            Route.Part p = parts.get(i);
            t.append('/').append(p.isParam() ? "{" + p.param() + (p.regex() == null ? "" : ":" + p.regex()) + "}"
                    : p.literal());
        }
        return t.toString();
    }

    /** The JSON a GET of this resolved path answers the first caller that may see it, or a null node. */
    JsonNode get(String path) {
        for (int i = 0; i < callers.size(); i++) {
            JsonNode node = get(i, path);
            if (!node.isNull()) {
                return node;
            }
        }
        return NullNode.getInstance();
    }

    private JsonNode get(int caller, String path) {
        return gets.computeIfAbsent(caller + " " + path, k -> {
            try {
                RawHttp.Response r = http.send("GET", path, callers.get(caller), null);
                if (r.status() != 200 || r.body().length == 0) {
                    return NullNode.getInstance();
                }
                JsonNode node = JSON.readTree(r.body());
                return node == null ? NullNode.getInstance() : node;
            } catch (IOException e) {
                return NullNode.getInstance();
            }
        });
    }

    boolean hasGet(String template) {
        return getTemplates.contains(template);
    }

    /** Path parameters (route and name) with real values, and those that got an invented one. */
    Set<String> learned() {
        return learned;
    }

    Set<String> invented() {
        return invented;
    }

    private Candidates candidates(String prefixTemplate, String prefixPath, Route.Part part) {
        String key = prefixPath + "/{" + part.param() + "}";
        Candidates known = candidates.get(key);
        if (known != null) {
            return known;
        }
        int slash = prefixTemplate.lastIndexOf('/');
        String segment = slash < 0 ? "" : prefixTemplate.substring(slash + 1);
        Set<String> found = new LinkedHashSet<>(part.alternatives());
        if (found.isEmpty() && hasGet(prefixTemplate)) {
            for (int i = 0; i < callers.size() && found.size() < MAX_CANDIDATES; i++) {
                found.addAll(extract(get(i, prefixPath.isEmpty() ? "/" : prefixPath), part.param(), segment));
            }
        }
        int pathSlash = prefixPath.lastIndexOf('/');
        if (found.isEmpty() && slash > 0 && pathSlash > 0 && !segment.startsWith("{")
                && hasGet(prefixTemplate.substring(0, slash))) {
            // the parent's representation may carry them: tags of /images/{id} for /images/{id}/tags/{tag}
            for (int i = 0; i < callers.size() && found.isEmpty(); i++) {
                JsonNode parent = get(i, prefixPath.substring(0, pathSlash));
                JsonNode inner = parent.isObject() && parent.size() == 1 ? parent.elements().next() : parent;
                JsonNode named = inner.path(segment);
                if (!named.isMissingNode()) {
                    found.addAll(extract(named, part.param(), segment));
                }
            }
        }
        boolean real = !found.isEmpty();
        if (found.isEmpty()) {
            found.addAll(hints.getOrDefault(part.param(), List.of()));
        }
        if (found.isEmpty()) {
            found.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        List<String> values = new ArrayList<>(found);
        Candidates c = new Candidates(values.size() > MAX_CANDIDATES ? values.subList(0, MAX_CANDIDATES) : values,
                real || hints.containsKey(part.param()));
        candidates.put(key, c);
        return c;
    }

    /** Identifiers in a response: of the list in it, or the keys of a map. */
    static List<String> extract(JsonNode node, String param, String segment) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (node.isArray()) {
            return fromArray(node, param, segment);
        }
        if (!node.isObject()) {
            return node.isValueNode() ? List.of(node.asText()) : List.of();
        }
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (field.getValue().isArray() && !field.getKey().contains("links")) {
                return fromArray(field.getValue(), param, segment);
            }
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getKey().contains("links")) {
                fields.add(e);
            }
        });
        if (fields.size() == 1 && fields.getFirst().getValue().isObject()) {
            return extract(fields.getFirst().getValue(), param, segment);
        }
        return fields.stream().map(Map.Entry::getKey).toList();
    }

    /** The field names of the (first) item a response shows: what list filters are usually named after. */
    static List<String> fieldNames(JsonNode node) {
        JsonNode item = node;
        for (int depth = 0; depth < 3 && item != null && item.isContainerNode(); depth++) {
            if (item.isArray()) {
                item = item.isEmpty() ? null : item.get(0);
                continue;
            }
            JsonNode inner = null;
            for (var field : (Iterable<Map.Entry<String, JsonNode>>) item::fields) {
                if (field.getValue().isContainerNode() && !field.getKey().contains("links")
                        && (item.size() == 1 || field.getValue().isArray())) {
                    inner = field.getValue();
                    break;
                }
            }
            if (inner == null) {
                break;
            }
            item = inner;
        }
        List<String> names = new ArrayList<>();
        if (item != null && item.isObject()) {
            item.fieldNames().forEachRemaining(names::add);
        }
        return names.size() > 40 ? names.subList(0, 40) : names;
    }

    private static List<String> fromArray(JsonNode array, String param, String segment) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : array) {
            if (e.isValueNode()) {
                out.add(e.asText());
            } else if (e.isObject()) {
                String id = idOf(e, param, segment);
                if (id != null) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /** An item's identifier: the field named like the parameter or the collection, else the usual id fields. */
    private static String idOf(JsonNode e, String param, String segment) {
        if (e.size() == 1 && e.elements().next().isObject()) {
            // items wrapped one by one: {"keypairs": [{"keypair": {...}}]}
            return idOf(e.elements().next(), param, segment);
        }
        String singular = segment.endsWith("ies") ? segment.substring(0, segment.length() - 3) + "y"
                : segment.endsWith("s") ? segment.substring(0, segment.length() - 1) : segment;
        for (String name : List.of(param, param + "_id", singular, singular + "_id", "id", "uuid", "name", "key")) {
            if (!name.isEmpty() && e.path(name).isValueNode() && !e.path(name).isNull()) {
                return e.path(name).asText();
            }
        }
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) e::fields) {
            if (field.getKey().endsWith("_id") && field.getValue().isValueNode()) {
                return field.getValue().asText();
            }
        }
        return null;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
