package io.jstack.common.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.Map;

/**
 * The error bodies of the OpenStack services, as checks: each returns null when a 4xx/5xx body has the service's
 * shape, or what is wrong with it.
 */
public final class FaultShapes {

    /** A check of an error response's body. */
    @FunctionalInterface
    public interface Check {
        String violation(int status, String contentType, byte[] body);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultShapes() {
    }

    /** Nova (and Cinder): {@code {"<faultName>": {"code": <status>, "message": "..."}}}, one key. */
    public static Check nova() {
        return (status, type, body) -> {
            JsonNode root = parse(type, body);
            if (root == null) {
                return "not a JSON body";
            }
            if (!root.isObject() || root.size() != 1) {
                return "not a single-key object";
            }
            Map.Entry<String, JsonNode> fault = root.properties().iterator().next();
            JsonNode inner = fault.getValue();
            if (!inner.isObject() || !inner.path("message").isTextual() || !inner.path("code").isInt()) {
                return "'" + fault.getKey() + "' lacks a string message and an integer code";
            }
            if (inner.path("code").intValue() != status) {
                return "code " + inner.path("code") + " is not the status " + status;
            }
            return null;
        };
    }

    /** Keystone: {@code {"error": {"code": <status>, "title": "...", "message": "..."}}}. */
    public static Check keystone() {
        return (status, type, body) -> {
            JsonNode root = parse(type, body);
            if (root == null) {
                return "not a JSON body";
            }
            JsonNode error = root.path("error");
            if (!error.isObject() || !error.path("message").isTextual() || !error.path("title").isTextual()
                    || !error.path("code").isInt()) {
                return "no error object with code, title and message";
            }
            if (error.path("code").intValue() != status) {
                return "code " + error.path("code") + " is not the status " + status;
            }
            return null;
        };
    }

    /** Glance: {@code {"message": "...", "code": "<status> <title>", "title": "..."}}. */
    public static Check glance() {
        return (status, type, body) -> {
            JsonNode root = parse(type, body);
            if (root == null) {
                return "not a JSON body";
            }
            if (!root.path("message").isTextual() || !root.path("title").isTextual()
                    || !root.path("code").isTextual()) {
                return "no message, code and title";
            }
            if (!root.path("code").textValue().startsWith(status + " ")) {
                return "code '" + root.path("code").textValue() + "' is not the status " + status;
            }
            return null;
        };
    }

    private static JsonNode parse(String type, byte[] body) {
        if (type == null || !type.toLowerCase().startsWith("application/json") || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (Exception e) {
            return null;
        }
    }

    static String firstKey(JsonNode node) {
        Iterator<String> names = node.fieldNames();
        return names.hasNext() ? names.next() : null;
    }
}
