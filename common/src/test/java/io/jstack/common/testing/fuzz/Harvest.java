package io.jstack.common.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Real values for path parameters, learned from the service itself: a parameter's candidates are what a GET of
 * the path before it lists ({@code /servers} for {@code /servers/{id}}: the servers' ids), or the field of that
 * name in the parent's representation ({@code tags} of {@code /images/{id}} for {@code /images/{id}/tags/{tag}}).
 * So the fuzz reaches the code behind the "not found" checks. Looked up once, before any fuzz request.
 */
final class Harvest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CANDIDATES = 4;

    private final RawHttp http;
    private final List<String[]> adminHeaders;
    private final Set<String> getTemplates = new LinkedHashSet<>();
    private final Map<String, List<String>> hints;
    private final Map<String, JsonNode> gets = new HashMap<>();
    private final Map<String, List<String>> values = new HashMap<>();
    private final java.util.Random random;

    Harvest(RawHttp http, List<String[]> adminHeaders, List<Route> routes, Map<String, List<String>> hints,
            long seed) {
        this.http = http;
        this.adminHeaders = adminHeaders;
        this.hints = hints;
        this.random = new java.util.Random(seed);
        for (Route r : routes) {
            if (r.method().equals("GET")) {
                getTemplates.add(r.template());
            }
        }
    }

    /** The path of a template with the first candidate of every parameter (or the {@code pick}-th). */
    String resolve(Route route) {
        return resolve(route.parts(), null, null);
    }

    /** The path with one parameter replaced by a raw (already encoded) value. */
    String resolve(List<Route.Part> parts, Route.Part replaced, String raw) {
        StringBuilder path = new StringBuilder();
        StringBuilder template = new StringBuilder();
        for (Route.Part p : parts) {
            if (p.isParam()) {
                String value = p == replaced ? raw : encode(first(candidates(template.toString(), path.toString(), p)));
                path.append('/').append(value);
                template.append("/{").append(p.param()).append(p.regex() == null ? "" : ":" + p.regex()).append('}');
            } else {
                path.append('/').append(p.literal());
                template.append('/').append(p.literal());
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    /** The JSON a GET of this resolved path answers the admin, or null. */
    JsonNode get(String path) {
        return gets.computeIfAbsent(path, p -> {
            try {
                RawHttp.Response r = http.send("GET", p, adminHeaders, null);
                if (r.status() != 200 || r.body().length == 0) {
                    return com.fasterxml.jackson.databind.node.NullNode.getInstance();
                }
                return JSON.readTree(r.body());
            } catch (IOException e) {
                return com.fasterxml.jackson.databind.node.NullNode.getInstance();
            }
        });
    }

    boolean hasGet(String template) {
        return getTemplates.contains(template);
    }

    private List<String> candidates(String prefixTemplate, String prefixPath, Route.Part part) {
        String key = prefixPath + "/{" + part.param() + "}";
        List<String> known = values.get(key);
        if (known != null) {
            return known;
        }
        List<String> found = new ArrayList<>(part.alternatives());
        if (found.isEmpty() && hasGet(prefixTemplate)) {
            found.addAll(extract(get(prefixPath.isEmpty() ? "/" : prefixPath), part.param()));
        }
        if (found.isEmpty()) {
            int slash = prefixTemplate.lastIndexOf('/');
            int pathSlash = prefixPath.lastIndexOf('/');
            if (slash > 0 && pathSlash > 0) {
                String field = prefixTemplate.substring(slash + 1);
                String parentTemplate = prefixTemplate.substring(0, slash);
                if (!field.startsWith("{") && hasGet(parentTemplate)) {
                    JsonNode parent = get(prefixPath.substring(0, pathSlash));
                    JsonNode inner = parent.isObject() && parent.size() == 1 ? parent.elements().next() : parent;
                    JsonNode named = inner.path(field);
                    if (!named.isMissingNode()) {
                        found.addAll(extract(named, part.param()));
                    }
                }
            }
        }
        if (found.isEmpty()) {
            found.addAll(hints.getOrDefault(part.param(), List.of()));
        }
        if (found.isEmpty()) {
            found.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        List<String> out = found.size() > MAX_CANDIDATES ? found.subList(0, MAX_CANDIDATES) : found;
        values.put(key, out);
        return out;
    }

    /** Identifiers in a response: of the list in it, or the keys of a map. */
    static List<String> extract(JsonNode node, String param) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (node.isArray()) {
            return fromArray(node, param);
        }
        if (!node.isObject()) {
            return node.isValueNode() ? List.of(node.asText()) : List.of();
        }
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (field.getValue().isArray() && !field.getKey().contains("links")) {
                return fromArray(field.getValue(), param);
            }
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getKey().contains("links")) {
                fields.add(e);
            }
        });
        if (fields.size() == 1 && fields.getFirst().getValue().isObject()) {
            return extract(fields.getFirst().getValue(), param);
        }
        return fields.stream().map(Map.Entry::getKey).toList();
    }

    private static List<String> fromArray(JsonNode array, String param) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : array) {
            if (e.isValueNode()) {
                out.add(e.asText());
            } else if (e.isObject()) {
                String id = idOf(e, param);
                if (id != null) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    private static String idOf(JsonNode e, String param) {
        for (String name : List.of(param, param + "_id", "id", "uuid", "name", "key")) {
            if (e.path(name).isValueNode() && !e.path(name).isNull()) {
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

    private static String first(List<String> candidates) {
        return candidates.getFirst();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
