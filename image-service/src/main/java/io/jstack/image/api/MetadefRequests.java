package io.jstack.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.image.service.MetadefContents;
import io.jstack.image.service.MetadefNamespaces;
import io.jstack.image.service.MetadefResourceTypes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates metadata definition request bodies, per Glance's metadefs schemas. */
final class MetadefRequests {
    private MetadefRequests() {
    }

    private static final Set<String> PROPERTY_TYPES = Set.of("array", "boolean", "integer", "number", "object",
            "string", "null");

    static MetadefNamespaces.Spec namespace(byte[] body) {
        JsonNode json = Json.object(body);
        String name = text(json, "namespace", 80, true);
        String visibility = text(json, "visibility", 10, false);
        if (visibility != null && !visibility.equals("public") && !visibility.equals("private")) {
            throw ApiException.badRequest("Invalid value for 'visibility': '" + visibility
                    + "' is not one of ['private', 'public'].");
        }
        Boolean isProtected = null;
        if (json.has("protected") && !json.get("protected").isNull()) {
            if (!json.get("protected").isBoolean()) {
                throw ApiException.badRequest("Invalid value for 'protected': it must be a boolean.");
            }
            isProtected = json.get("protected").booleanValue();
        }
        List<MetadefResourceTypes.Request> associations = null;
        if (json.has("resource_type_associations")) {
            associations = new ArrayList<>();
            for (JsonNode a : array(json, "resource_type_associations")) {
                associations.add(association(a));
            }
        }
        List<MetadefContents.PropertySpec> properties = null;
        if (json.has("properties")) {
            properties = new ArrayList<>();
            JsonNode props = json.get("properties");
            if (!props.isObject()) {
                throw ApiException.badRequest("Invalid value for 'properties': it must be an object.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                properties.add(property(e.getKey(), e.getValue()));
            }
        }
        List<MetadefContents.ObjectSpec> objects = null;
        if (json.has("objects")) {
            objects = new ArrayList<>();
            for (JsonNode o : array(json, "objects")) {
                objects.add(object(o));
            }
        }
        List<String> tags = null;
        if (json.has("tags")) {
            tags = new ArrayList<>();
            for (JsonNode t : array(json, "tags")) {
                tags.add(text(t, "name", 255, true));
            }
        }
        return new MetadefNamespaces.Spec(name, text(json, "display_name", 80, false),
                text(json, "description", 500, false), visibility, isProtected, text(json, "owner", 255, false),
                associations, properties, objects, tags);
    }

    static MetadefResourceTypes.Request association(JsonNode a) {
        if (!a.isObject()) {
            throw ApiException.badRequest("A resource type association must be an object.");
        }
        return new MetadefResourceTypes.Request(text(a, "name", 80, true), text(a, "prefix", 80, false),
                text(a, "properties_target", 80, false));
    }

    /** A property definition: everything but its name is its JSON schema. */
    static MetadefContents.PropertySpec property(String name, JsonNode definition) {
        if (!definition.isObject()) {
            throw ApiException.badRequest("Invalid property definition " + name + ": it must be an object.");
        }
        if (name == null || name.isBlank() || name.length() > 255) {
            throw ApiException.badRequest("A property name is 1 to 255 characters long.");
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = definition.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("name")) {
                schema.put(e.getKey(), Json.plain(e.getValue()));
            }
        }
        Object type = schema.get("type");
        if (type == null || !(type instanceof String t) || !PROPERTY_TYPES.contains(t)) {
            throw ApiException.badRequest("Invalid property definition " + name + ": 'type' must be one of "
                    + PROPERTY_TYPES + ".");
        }
        if (!(schema.get("title") instanceof String)) {
            throw ApiException.badRequest("Invalid property definition " + name + ": 'title' is a required "
                    + "string.");
        }
        return new MetadefContents.PropertySpec(name, schema);
    }

    static MetadefContents.PropertySpec property(byte[] body) {
        JsonNode json = Json.object(body);
        return property(text(json, "name", 255, true), json);
    }

    @SuppressWarnings("unchecked")
    static MetadefContents.ObjectSpec object(JsonNode json) {
        if (!json.isObject()) {
            throw ApiException.badRequest("An object definition must be an object.");
        }
        List<String> required = new ArrayList<>();
        if (json.has("required") && !json.get("required").isNull()) {
            for (JsonNode r : array(json, "required")) {
                required.add(r.asText());
            }
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        if (json.has("properties") && !json.get("properties").isNull()) {
            JsonNode props = json.get("properties");
            if (!props.isObject()) {
                throw ApiException.badRequest("Invalid value for 'properties': it must be an object.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                properties.put(e.getKey(), property(e.getKey(), e.getValue()).schema());
            }
        }
        return new MetadefContents.ObjectSpec(text(json, "name", 255, true), text(json, "description", 65535, false),
                required, properties);
    }

    static MetadefContents.ObjectSpec object(byte[] body) {
        return object(Json.object(body));
    }

    static List<String> tagNames(byte[] body) {
        JsonNode json = Json.object(body);
        List<String> names = new ArrayList<>();
        for (JsonNode t : array(json, "tags")) {
            names.add(text(t, "name", 255, true));
        }
        return names;
    }

    static String text(JsonNode json, String field, int max, boolean required) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.badRequest("Invalid input: '" + field + "' is a required property.");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("Invalid value for '" + field + "': it must be a string.");
        }
        if (v.textValue().length() > max || (required && v.textValue().isBlank())) {
            throw ApiException.badRequest("Invalid value for '" + field + "': 1 to " + max + " characters.");
        }
        return v.textValue();
    }

    private static JsonNode array(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isArray()) {
            throw ApiException.badRequest("Invalid value for '" + field + "': it must be an array.");
        }
        return v;
    }
}
