package io.jstack.image.api;

import io.jstack.image.service.ImageSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schemas Glance publishes under {@code /v2/schemas}: what clients (glanceclient, Horizon) read to
 * learn the attributes of images, members, tasks and metadata definitions. The image schema follows this
 * service's configured disk and container formats.
 */
@Singleton
public class Schemas {

    private static final String UUID_PATTERN = "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}"
            + "-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$";

    @Inject
    ImageSettings settings;

    /**
     * The schema called {@code name} (image, images, member, ..., metadefs/namespace, ...), or null. As Glance
     * serves them: images and metadata definitions in full ({@code additionalProperties} given), members and
     * tasks in the minimal form (no {@code additionalProperties}, which openstacksdk's schema resource reads as
     * an object: {@code false} there breaks {@code get_member_schema()}).
     */
    public Map<String, Object> get(String name) {
        return switch (name) {
            case "image" -> image();
            case "images" -> collection("images", image(), null);
            case "member" -> minimal("member", memberProperties());
            case "members" -> minimalCollection("members", minimal("member", memberProperties()));
            case "task" -> minimal("task", taskProperties(true));
            case "tasks" -> minimalCollection("tasks", minimal("task", taskProperties(false)));
            case "metadefs/namespace" -> namespace();
            case "metadefs/namespaces" -> collection("namespaces", withoutDefinitions(namespace()),
                    definitions(true, false));
            case "metadefs/resource_type" -> resourceType();
            case "metadefs/resource_types" -> collection("resource_type_associations", resourceType(), null);
            case "metadefs/object" -> object();
            case "metadefs/objects" -> collection("objects", withoutDefinitions(object()), definitions(true, false));
            case "metadefs/property" -> property(true);
            case "metadefs/properties" -> properties();
            case "metadefs/tag" -> tag();
            case "metadefs/tags" -> collection("tags", tag(), null);
            default -> null;
        };
    }

    // ---- building blocks ----------------------------------------------------------------------------------------

    private static Map<String, Object> prop(Object type, String description, Object... more) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (type != null) {
            p.put("type", type);
        }
        if (description != null) {
            p.put("description", description);
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    private static List<Object> nullable(String type) {
        return List.of("null", type);
    }

    private static Map<String, Object> link(String rel, String href) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("rel", rel);
        l.put("href", href);
        return l;
    }

    private static Map<String, Object> ref(String definition) {
        return Map.of("$ref", "#/definitions/" + definition);
    }

    /** A full schema: its properties and whether (or as what) other properties are allowed. */
    private static Map<String, Object> schema(String name, Map<String, Object> properties, Object additional,
                                              List<Map<String, Object>> links) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("properties", properties);
        s.put("additionalProperties", additional);
        if (links != null) {
            s.put("links", links);
        }
        return s;
    }

    /** A minimal schema: name and properties only. */
    private static Map<String, Object> minimal(String name, Map<String, Object> properties) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("properties", properties);
        return s;
    }

    /** A list of items with paging links; definitions the items refer to move up to the collection. */
    private static Map<String, Object> collection(String name, Map<String, Object> item,
                                                  Map<String, Object> definitions) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(name, prop("array", null, "items", item));
        props.put("first", prop("string", null));
        props.put("next", prop("string", null));
        props.put("schema", prop("string", null));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("properties", props);
        s.put("links", List.of(link("first", "{first}"), link("next", "{next}"), link("describedby", "{schema}")));
        if (definitions != null) {
            s.put("definitions", definitions);
        }
        return s;
    }

    /** A list of items in the minimal form: no paging links. */
    private static Map<String, Object> minimalCollection(String name, Map<String, Object> item) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(name, prop("array", null, "items", item));
        props.put("schema", prop("string", null));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("properties", props);
        s.put("links", List.of(link("describedby", "{schema}")));
        return s;
    }

    private static Map<String, Object> withoutDefinitions(Map<String, Object> schema) {
        Map<String, Object> s = new LinkedHashMap<>(schema);
        s.remove("definitions");
        return s;
    }

    // ---- images -------------------------------------------------------------------------------------------------

    Map<String, Object> image() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", prop("string", "The image's identifier, a UUID.", "pattern", UUID_PATTERN));
        p.put("name", prop(nullable("string"), "A name for people; need not be unique.", "maxLength", 255));
        p.put("status", prop("string", "Where the image is in its life: queued (no data yet), saving, "
                + "active, ...", "readOnly", true, "enum", List.of("queued", "saving", "active", "killed", "deleted",
                "uploading", "importing", "pending_delete", "deactivated")));
        p.put("visibility", prop("string", "Who sees the image: its project (private), the projects it is "
                + "shared with (shared), everyone (public), or everyone who asks for it (community).",
                "enum", List.of("community", "public", "private", "shared")));
        p.put("protected", prop("boolean", "A protected image cannot be deleted."));
        p.put("os_hidden", prop("boolean", "A hidden image is left out of image lists unless asked for."));
        p.put("checksum", prop(nullable("string"), "The MD5 of the image data.", "readOnly", true,
                "maxLength", 32));
        p.put("os_hash_algo", prop(nullable("string"), "The algorithm of os_hash_value.", "readOnly", true,
                "maxLength", 64));
        p.put("os_hash_value", prop(nullable("string"), "The hex digest of the image data by os_hash_algo.",
                "readOnly", true, "maxLength", 128));
        p.put("owner", prop(nullable("string"), "The project that owns the image.", "maxLength", 255));
        p.put("size", prop(nullable("integer"), "The size of the image data in bytes.", "readOnly", true));
        p.put("virtual_size", prop(nullable("integer"), "The size of the disk the image holds, in bytes.",
                "readOnly", true));
        List<Object> containers = new ArrayList<>();
        containers.add(null);
        containers.addAll(settings.containerFormats());
        p.put("container_format", prop(nullable("string"), "How the image data is packaged.", "enum",
                containers));
        List<Object> disks = new ArrayList<>();
        disks.add(null);
        disks.addAll(settings.diskFormats());
        p.put("disk_format", prop(nullable("string"), "The format of the disk the image holds.", "enum", disks));
        p.put("created_at", prop("string", "When the image was registered.", "readOnly", true));
        p.put("updated_at", prop("string", "When the image last changed.", "readOnly", true));
        p.put("tags", prop("array", "Strings to find the image by.", "items",
                prop("string", null, "maxLength", 255)));
        p.put("direct_url", prop("string", "Where the store keeps the data, when shown.", "readOnly", true));
        p.put("min_ram", prop("integer", "The RAM (MB) a server booted from the image needs."));
        p.put("min_disk", prop("integer", "The disk (GB) a server booted from the image needs."));
        p.put("self", prop("string", "The image's own URL.", "readOnly", true));
        p.put("file", prop("string", "The URL of the image data.", "readOnly", true));
        p.put("stores", prop("string", "The stores holding the image data, comma-separated.", "readOnly", true));
        p.put("schema", prop("string", "The URL of this schema.", "readOnly", true));
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("type", "object");
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("checksum", prop("string", null, "minLength", 32, "maxLength", 32));
        validation.put("os_hash_algo", prop("string", null, "maxLength", 64));
        validation.put("os_hash_value", prop("string", null, "maxLength", 128));
        Map<String, Object> locationProps = new LinkedHashMap<>();
        locationProps.put("url", prop("string", null, "maxLength", 255));
        locationProps.put("metadata", prop("object", null));
        locationProps.put("validation_data", prop("object", "Checksum and hash the location's data must have.",
                "writeOnly", true, "additionalProperties", false, "properties", validation,
                "required", List.of("os_hash_algo", "os_hash_value")));
        location.put("properties", locationProps);
        location.put("required", List.of("url", "metadata"));
        p.put("locations", prop("array", "Where the image data is kept, when shown.", "items", location));
        ImageFields.KNOWN_PROPERTIES.forEach((name, description) -> {
            if (name.equals("kernel_id") || name.equals("ramdisk_id")) {
                p.put(name, prop(nullable("string"), description, "pattern", UUID_PATTERN, "is_base", false));
            } else if (ImageFields.PROPERTY_VALUES.containsKey(name)) {
                p.put(name, prop("string", description, "enum", ImageFields.PROPERTY_VALUES.get(name), "is_base",
                        false));
            } else {
                p.put(name, prop("string", description, "is_base", false));
            }
        });
        return schema("image", p, Map.of("type", "string"), List.of(link("self", "{self}"),
                link("enclosure", "{file}"), link("describedby", "{schema}")));
    }

    private static Map<String, Object> memberProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("created_at", prop("string", "When the image was shared with the member."));
        p.put("image_id", prop("string", "The shared image.", "pattern", UUID_PATTERN));
        p.put("member_id", prop("string", "The project the image is shared with."));
        p.put("schema", prop("string", null, "readOnly", true));
        p.put("status", prop("string", "Whether the member accepted the image.", "enum",
                List.of("pending", "accepted", "rejected")));
        p.put("updated_at", prop("string", "When the member status last changed."));
        return p;
    }

    /** A task's attributes; lists leave out input, result and message. */
    static Map<String, Object> taskProperties(boolean full) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", prop("string", "The task's identifier.", "pattern", UUID_PATTERN));
        p.put("type", prop("string", "What the task does.", "enum",
                List.of("import", "api_image_import", "location_import")));
        p.put("status", prop("string", "Where the task is.", "enum",
                List.of("pending", "processing", "success", "failure")));
        if (full) {
            p.put("input", prop(nullable("object"), "What the task was asked to do."));
            p.put("result", prop(nullable("object"), "What the task produced."));
        }
        p.put("owner", prop("string", "The project that asked for the task."));
        if (full) {
            p.put("message", prop("string", "What went wrong, when something did."));
        }
        p.put("image_id", prop("string", "The image the task works on."));
        p.put("request_id", prop("string", "The request that started the task."));
        p.put("user_id", prop("string", "The user who started the task."));
        p.put("expires_at", prop(nullable("string"), "When the task record may be removed."));
        p.put("created_at", prop("string", "When the task was created."));
        p.put("updated_at", prop("string", "When the task last changed."));
        p.put("self", prop("string", null, "readOnly", true));
        p.put("schema", prop("string", null, "readOnly", true));
        return p;
    }

    // ---- metadata definitions -----------------------------------------------------------------------------------

    private static final List<Object> PROPERTY_TYPES = java.util.Arrays.asList("array", "boolean", "integer",
            "number", "object", "string", null);

    /** What a property definition may say (the JSON schema keywords a metadata property uses). */
    private static Map<String, Object> propertyDefinition() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", prop("string", null, "maxLength", 80));
        p.put("title", prop("string", null));
        p.put("description", prop("string", null));
        p.put("operators", prop("array", null, "items", prop("string", null)));
        p.put("type", prop("string", null, "enum", PROPERTY_TYPES));
        p.put("required", ref("stringArray"));
        p.put("minimum", prop("number", null));
        p.put("maximum", prop("number", null));
        p.put("maxLength", ref("positiveInteger"));
        p.put("minLength", ref("positiveIntegerDefault0"));
        p.put("pattern", prop("string", null, "format", "regex"));
        p.put("enum", prop("array", null));
        p.put("readonly", prop("boolean", null));
        p.put("default", Map.of());
        Map<String, Object> itemProps = new LinkedHashMap<>();
        itemProps.put("type", prop("string", null, "enum", PROPERTY_TYPES));
        itemProps.put("enum", prop("array", null));
        p.put("items", prop("object", null, "properties", itemProps));
        p.put("maxItems", ref("positiveInteger"));
        p.put("minItems", ref("positiveIntegerDefault0"));
        p.put("uniqueItems", prop("boolean", null, "default", false));
        p.put("additionalItems", prop("boolean", null));
        return p;
    }

    /**
     * The definitions the metadata schemas refer to; {@code property} (a map of property definitions) where
     * properties are nested, and a string array of at least one item in the property schema itself.
     */
    private static Map<String, Object> definitions(boolean withProperty, boolean nonEmptyStringArray) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("positiveInteger", prop("integer", null, "minimum", 0));
        d.put("positiveIntegerDefault0", Map.of("allOf", List.of(ref("positiveInteger"), Map.of("default", 0))));
        Map<String, Object> strings = prop("array", null, "items", prop("string", null));
        if (nonEmptyStringArray) {
            strings.put("minItems", 1);
        }
        strings.put("uniqueItems", true);
        d.put("stringArray", strings);
        if (withProperty) {
            Map<String, Object> one = prop("object", null, "required", List.of("title", "type"), "properties",
                    propertyDefinition());
            d.put("property", prop("object", null, "additionalProperties", one));
        }
        return d;
    }

    private static Map<String, Object> withRequired(Map<String, Object> schema, List<String> required,
                                                    Map<String, Object> definitions) {
        if (definitions != null) {
            schema.put("definitions", definitions);
        }
        schema.put("required", required);
        return schema;
    }

    private static Map<String, Object> timestamp() {
        return prop("string", null, "readOnly", true, "format", "date-time");
    }

    static Map<String, Object> property(boolean requireName) {
        List<String> required = requireName ? List.of("title", "type", "name") : List.of("title", "type");
        return withRequired(schema("property", propertyDefinition(), false, null), required,
                requireName ? definitions(false, true) : null);
    }

    /** Properties are listed as a map from name to definition. */
    static Map<String, Object> properties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("properties", prop("object", null, "additionalProperties", property(false)));
        props.put("first", prop("string", null));
        props.put("next", prop("string", null));
        props.put("schema", prop("string", null));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", "properties");
        s.put("properties", props);
        s.put("links", List.of(link("first", "{first}"), link("next", "{next}"), link("describedby", "{schema}")));
        s.put("definitions", definitions(false, true));
        return s;
    }

    static Map<String, Object> resourceType() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", prop("string", "A kind of resource of another service, such as OS::Nova::Flavor.",
                "maxLength", 80));
        p.put("prefix", prop("string", "What the namespace's property names are prefixed with on that "
                + "resource.", "maxLength", 80));
        p.put("properties_target", prop("string", "Where on the resource the properties go.", "maxLength", 80));
        p.put("created_at", timestamp());
        p.put("updated_at", timestamp());
        return withRequired(schema("resource_type_association", p, false, null), List.of("name"), null);
    }

    static Map<String, Object> object() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", prop("string", null, "maxLength", 80));
        p.put("description", prop("string", null));
        p.put("required", ref("stringArray"));
        p.put("properties", ref("property"));
        p.put("schema", prop("string", null, "readOnly", true));
        p.put("self", prop("string", null, "readOnly", true));
        p.put("created_at", timestamp());
        p.put("updated_at", timestamp());
        return withRequired(schema("object", p, false, null), List.of("name"), definitions(true, false));
    }

    static Map<String, Object> tag() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", prop("string", null, "maxLength", 80));
        p.put("created_at", timestamp());
        p.put("updated_at", timestamp());
        return withRequired(schema("tag", p, false, null), List.of("name"), null);
    }

    static Map<String, Object> namespace() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("namespace", prop("string", "The namespace's unique name.", "maxLength", 80));
        p.put("display_name", prop("string", "A name for people.", "maxLength", 80));
        p.put("description", prop("string", "What the namespace describes.", "maxLength", 500));
        p.put("visibility", prop("string", "Who sees the namespace.", "enum", List.of("public", "private")));
        p.put("protected", prop("boolean", "A protected namespace cannot be deleted."));
        p.put("owner", prop("string", "The project that owns the namespace.", "maxLength", 255));
        p.put("created_at", timestamp());
        p.put("updated_at", timestamp());
        p.put("schema", prop("string", null, "readOnly", true));
        p.put("self", prop("string", null, "readOnly", true));
        Map<String, Object> association = new LinkedHashMap<>();
        association.put("name", prop("string", null));
        association.put("prefix", prop("string", null));
        association.put("properties_target", prop("string", null));
        p.put("resource_type_associations", prop("array", null, "items", prop("object", null, "properties",
                association)));
        p.put("properties", ref("property"));
        Map<String, Object> objectProps = new LinkedHashMap<>();
        objectProps.put("name", prop("string", null));
        objectProps.put("description", prop("string", null));
        objectProps.put("required", ref("stringArray"));
        objectProps.put("properties", ref("property"));
        p.put("objects", prop("array", null, "items", prop("object", null, "properties", objectProps)));
        p.put("tags", prop("array", null, "items", prop("object", null, "properties",
                Map.of("name", prop("string", null)))));
        return withRequired(schema("namespace", p, false, null), List.of("namespace"), definitions(true, false));
    }
}
