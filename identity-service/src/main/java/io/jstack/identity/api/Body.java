package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jstack.common.api.ApiException;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A request body checked field by field the way Keystone's JSON schemas check it: strict types (a boolean is
 * {@code true}, never {@code "True"}), lengths, required fields; every violation a 400 that names the field.
 */
public final class Body {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode node;

    private Body(ObjectNode node) {
        this.node = node;
    }

    /** The object under {@code key} of the request body, for example {@code {"project": {...}}}. */
    public static Body of(JsonNode root, String key) {
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        JsonNode inner = root.get(key);
        if (inner == null || inner.isNull()) {
            throw ApiException.badRequest("Invalid input for field '" + key + "': '" + key
                    + "' is a required property.");
        }
        if (!inner.isObject()) {
            throw ApiException.badRequest("Invalid input for field '" + key + "': it must be an object.");
        }
        return new Body((ObjectNode) inner);
    }

    public static Body wrap(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("Invalid input for field '" + name + "': it must be an object.");
        }
        return new Body((ObjectNode) node);
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }

    public String requiredString(String field, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw invalid(field, "'" + field + "' is a required property");
        }
        return checkString(field, v, min, max);
    }

    /** Absent or null gives null. */
    public String optionalString(String field, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return checkString(field, v, 0, max);
    }

    /** Absent or null gives null (the caller keeps its default). */
    public Boolean optionalBoolean(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw invalid(field, v + " is not of type 'boolean'");
        }
        return v.booleanValue();
    }

    private static String checkString(String field, JsonNode v, int min, int max) {
        if (!v.isTextual()) {
            throw invalid(field, v + " is not of type 'string'");
        }
        String s = v.textValue();
        if (s.length() < min || (min > 0 && s.isBlank())) {
            throw invalid(field, "'" + s + "' is too short");
        }
        if (s.length() > max) {
            throw invalid(field, "the value is longer than " + max + " characters");
        }
        return s;
    }

    /** Attributes beyond {@code known}, kept as the entity's extra attributes; null when there are none. */
    public String extras(Set<String> known) {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                extra.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        }
        return extra.isEmpty() ? null : write(extra);
    }

    /** Merges this body's unknown attributes into existing extras (update semantics). */
    public String mergeExtras(String existing, Set<String> known) {
        Map<String, Object> merged = new LinkedHashMap<>(readExtra(existing));
        String mine = extras(known);
        if (mine != null) {
            merged.putAll(readExtra(mine));
        }
        return merged.isEmpty() ? null : write(merged);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> readExtra(String extra) {
        if (extra == null || extra.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(extra, Map.class);
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }

    /** Absent or null gives null; otherwise it must be a JSON object. */
    public Body optionalObject(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw invalid(field, v + " is not of type 'object'");
        }
        return new Body((ObjectNode) v);
    }

    /** The field names of this object, in the order the client sent them. */
    public java.util.List<String> fieldNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public int size() {
        return node.size();
    }

    /** Refuses fields beyond {@code allowed} (a schema with additionalProperties false), naming the object. */
    public Body only(String name, Set<String> allowed) {
        for (String field : fieldNames()) {
            if (!allowed.contains(field)) {
                throw invalid(name, "Additional properties are not allowed ('" + field + "' was unexpected)");
            }
        }
        return this;
    }

    /** Absent or null gives null; otherwise it must be a JSON integer of at least {@code min}. */
    public Integer optionalInteger(String field, int min) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw invalid(field, v + " is not of type 'integer'");
        }
        if (v.intValue() < min) {
            throw invalid(field, v + " is less than the minimum of " + min);
        }
        return v.intValue();
    }

    /** Absent or null gives null; otherwise a JSON array whose items are objects. */
    public java.util.List<Body> optionalObjects(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw invalid(field, v + " is not of type 'array'");
        }
        java.util.List<Body> out = new java.util.ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isObject()) {
                throw invalid(field, item + " is not of type 'object'");
            }
            out.add(new Body((ObjectNode) item));
        }
        return out;
    }

    /** A string that must also match a regular expression (Keystone's schema patterns). */
    public String optionalString(String field, int max, java.util.regex.Pattern pattern) {
        String s = optionalString(field, max);
        if (s != null && !pattern.matcher(s).find()) {
            throw invalid(field, "'" + s + "' does not match '" + pattern.pattern() + "'");
        }
        return s;
    }

    /** JSON text as a tree; null when it is not JSON at all. */
    public static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ApiException invalid(String field, String why) {
        return ApiException.badRequest("Invalid input for field '" + field + "': " + why + ".");
    }
}
