package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jstack.common.api.ApiException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request body object checked field by field the way Nova's JSON schemas check it: types, lengths, ranges,
 * required and unknown fields. Every violation is a 400 naming the field, never a 500.
 */
public final class Body {

    /** Nova's "valid name": printable, no leading or trailing white space. */
    private static final Pattern NAME = Pattern.compile("^(?![\\s])[^\\p{Cntrl}]*(?<![\\s])$");
    private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "f", "false", "off", "n", "no");
    private static final Pattern META_KEY = Pattern.compile("^[a-zA-Z0-9-_:. ]{1,255}$");

    private final ObjectNode node;
    private final String path;

    private Body(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object under {@code key} of the request body, for example {@code {"server": {...}}}. */
    public static Body of(JsonNode root, String key) {
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        JsonNode inner = root.get(key);
        if (inner == null) {
            throw invalid(key, null, "'" + key + "' is a required property");
        }
        if (!inner.isObject()) {
            throw invalid(key, inner, inner + " is not of type 'object'");
        }
        return new Body((ObjectNode) inner, key);
    }

    public static Body wrap(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw invalid(path, node, node + " is not of type 'object'");
        }
        return new Body((ObjectNode) node, path);
    }

    /** The whole body must be an object with only these top-level keys. */
    public static void onlyKeys(JsonNode root, Collection<String> allowed) {
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw ApiException.badRequest("Invalid input for field/attribute . Value: " + root
                        + ". Additional properties are not allowed ('" + k + "' was unexpected)");
            }
        });
    }

    public ObjectNode node() {
        return node;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }

    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Refuses fields outside {@code allowed} (the schemas' additionalProperties: false). */
    public Body only(Collection<String> allowed) {
        for (String name : fieldNames()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("Invalid input for field/attribute " + path + ". Value: " + node
                        + ". Additional properties are not allowed ('" + name + "' was unexpected)");
            }
        }
        return this;
    }

    public Body requireField(String field) {
        if (!node.has(field)) {
            throw invalid(path, node, "'" + field + "' is a required property");
        }
        return this;
    }

    /** A string of min..max characters; absent gives null (or a 400 when required); null is refused. */
    public String string(String field, boolean required, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) {
                throw invalid(path, node, "'" + field + "' is a required property");
            }
            return null;
        }
        return checkString(field, v, min, max);
    }

    /** Like {@link #string} but JSON null is allowed (and gives null). */
    public String nullableString(String field, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return checkString(field, v, min, max);
    }

    /** A name: 1..max printable characters without leading or trailing white space. */
    public String name(String field, boolean required, int max) {
        String s = string(field, required, 1, max);
        if (s != null && !NAME.matcher(s).matches()) {
            throw invalid(field, node.get(field), "'" + s + "' does not match the valid name pattern");
        }
        return s;
    }

    /** An integer given as a JSON integer or a string of digits (as Nova's schemas allow). */
    public Integer integer(String field, boolean required, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) {
                throw invalid(path, node, "'" + field + "' is a required property");
            }
            return null;
        }
        long value;
        if (v.isIntegralNumber()) {
            value = v.asLong();
        } else if (v.isTextual() && v.textValue().trim().matches("^-?[0-9]+$") && v.textValue().trim().length() < 12) {
            value = Long.parseLong(v.textValue().trim());
        } else if (v.isFloatingPointNumber() && v.asDouble() == Math.rint(v.asDouble())
                && Math.abs(v.asDouble()) < 1e12) {
            value = (long) v.asDouble();
        } else {
            throw invalid(field, v, v + " is not of type 'integer', 'string'");
        }
        if (value < min) {
            throw invalid(field, v, value + " is less than the minimum of " + min);
        }
        if (value > max) {
            throw invalid(field, v, value + " is greater than the maximum of " + max);
        }
        return (int) value;
    }

    /** A JSON number (integer or float). */
    public Double number(String field, double min, double max) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        double value;
        if (v.isNumber()) {
            value = v.asDouble();
        } else if (v.isTextual()) {
            try {
                value = Double.parseDouble(v.textValue().trim());
            } catch (NumberFormatException e) {
                throw invalid(field, v, v + " is not of type 'number', 'string'");
            }
        } else {
            throw invalid(field, v, v + " is not of type 'number', 'string'");
        }
        if (Double.isNaN(value) || value < min || value > max) {
            throw invalid(field, v, v + " is not within " + min + ".." + max);
        }
        return value;
    }

    /** Nova's boolean: true/false, or one of the usual strings ("True", "yes", "1", ...). */
    public Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        return toBool(field, v);
    }

    /** A strict JSON boolean. */
    public Boolean strictBool(String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw invalid(field, v, v + " is not of type 'boolean'");
        }
        return v.booleanValue();
    }

    public static Boolean toBool(String field, JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String s = v.textValue().trim().toLowerCase();
            if (TRUE.contains(s)) {
                return true;
            }
            if (FALSE.contains(s)) {
                return false;
            }
        }
        throw invalid(field, v, v + " is not of type 'boolean', 'string'");
    }

    /** A metadata object: string keys of 1..255, string values of 0..255. */
    public Map<String, String> metadata(String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        return metadata(field, v);
    }

    public static Map<String, String> metadata(String field, JsonNode v) {
        if (!v.isObject()) {
            throw invalid(field, v, v + " is not of type 'object'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (!META_KEY.matcher(key).matches()) {
                throw invalid(field, v, "'" + key + "' does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{1,255}$'");
            }
            JsonNode value = e.getValue();
            if (!value.isTextual()) {
                throw invalid(field, v, value + " is not of type 'string'");
            }
            if (value.textValue().length() > 255) {
                throw invalid(field, v, "'" + value.textValue() + "' is too long");
            }
            out.put(key, value.textValue());
        });
        return out;
    }

    private String checkString(String field, JsonNode v, int min, int max) {
        if (!v.isTextual()) {
            throw invalid(field, v, v + " is not of type 'string'");
        }
        String s = v.textValue();
        if (s.length() < min) {
            throw invalid(field, v, "'" + s + "' is too short");
        }
        if (s.length() > max) {
            throw invalid(field, v, "'" + abbreviate(s) + "' is too long");
        }
        return s;
    }

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    public static ApiException invalid(String field, JsonNode value, String why) {
        String shown = value == null ? "" : abbreviate(value.isTextual() ? value.textValue() : value.toString());
        return ApiException.badRequest("Invalid input for field/attribute " + field + ". Value: " + shown + ". "
                + why);
    }
}
