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

    /** The schema called {@code name} (image, images, member, ..., metadefs/namespace, ...), or null. */
    public Map<String, Object> get(String name) {
        return switch (name) {
            case "image" -> image();
            case "images" -> collection("images", image());
            case "member" -> member();
            case "members" -> members();
            case "task" -> task();
            case "tasks" -> collection("tasks", task());
            case "metadefs/namespace" -> namespace();
            case "metadefs/namespaces" -> collection("namespaces", namespace());
            case "metadefs/resource_type" -> resourceType();
            case "metadefs/resource_types" -> collection("resource_type_associations", resourceType());
            case "metadefs/object" -> object();
            case "metadefs/objects" -> collection("objects", object());
            case "metadefs/property" -> property();
            case "metadefs/properties" -> properties();
            case "metadefs/tag" -> tag();
            case "metadefs/tags" -> collection("tags", tag());
            default -> null;
        };
    }

    // ---- building blocks ----------------------------------------------------------------------------------------

    private static Map<String, Object> prop(Object type, String description, Object... more) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type);
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

    private static Map<String, Object> collection(String name, Map<String, Object> item) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(name, prop("array", null, "items", item));
        props.put("first", prop("string", null));
        props.put("next", prop("string", null));
        props.put("schema", prop("string", null));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("properties", props);
        s.put("links", List.of(link("first", "{first}"), link("next", "{next}"), link("describedby", "{schema}")));
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
        location.put("properties", Map.of("url", prop("string", null, "maxLength", 255),
                "metadata", prop("object", null)));
        location.put("required", List.of("url", "metadata"));
        p.put("locations", prop("array", "Where the image data is kept, when shown.", "items", location));
        ImageFields.KNOWN_PROPERTIES.forEach((name, description) -> p.put(name,
                name.endsWith("_id") ? prop(nullable("string"), description, "pattern", UUID_PATTERN, "is_base", false)
                        : prop("string", description, "is_base", false)));
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

    static Map<String, Object> member() {
        return schema("member", memberProperties(), false, null);
    }

    static Map<String, Object> members() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", "member");
        item.put("properties", memberProperties());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("members", prop("array", null, "items", item));
        props.put("schema", prop("string", null));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", "members");
        s.put("properties", props);
        s.put("links", List.of(link("describedby", "{schema}")));
        return s;
    }

    static Map<String, Object> task() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", prop("string", "The task's identifier.", "pattern", UUID_PATTERN));
        p.put("type", prop("string", "What the task does.", "enum", List.of("import", "api_image_import")));
        p.put("status", prop("string", "Where the task is.", "enum",
                List.of("pending", "processing", "success", "failure")));
        p.put("input", prop(nullable("object"), "What the task was asked to do."));
        p.put("result", prop(nullable("object"), "What the task produced."));
        p.put("owner", prop(nullable("string"), "The project that asked for the task."));
        p.put("message", prop("string", "What went wrong, when something did."));
        p.put("image_id", prop("string", "The image the task works on."));
        p.put("request_id", prop("string", "The request that started the task."));
        p.put("user_id", prop("string", "The user who started the task."));
        p.put("expires_at", prop(nullable("string"), "When the task record may be removed."));
        p.put("created_at", prop("string", "When the task was created."));
        p.put("updated_at", prop("string", "When the task last changed."));
        p.put("self", prop("string", null));
        p.put("schema", prop("string", null));
        return schema("task", p, false, List.of(link("self", "{self}"), link("describedby", "{schema}")));
    }

    // ---- metadata definitions -----------------------------------------------------------------------------------

    private static Map<String, Object> propertyDefinition() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", prop("string", null, "maxLength", 255));
        p.put("title", prop("string", null));
        p.put("description", prop("string", null));
        p.put("operators", prop("array", null, "items", prop("string", null)));
        p.put("type", prop(List.of("array", "boolean", "integer", "number", "object", "string", "null"), null));
        p.put("required", prop("array", null, "items", prop("string", null)));
        p.put("minimum", prop("number", null));
        p.put("maximum", prop("number", null));
        p.put("maxLength", prop("integer", null, "minimum", 0));
        p.put("minLength", prop("integer", null, "minimum", 0));
        p.put("pattern", prop("string", null, "format", "regex"));
        p.put("enum", prop("array", null));
        p.put("readonly", prop("boolean", null));
        p.put("default", Map.of());
        p.put("items", prop("object", null));
        p.put("maxItems", prop("integer", null, "minimum", 0));
        p.put("minItems", prop("integer", null, "minimum", 0));
        p.put("uniqueItems", prop("boolean", null, "default", false));
        p.put("additionalItems", prop("boolean", null));
        return p;
    }

    static Map<String, Object> property() {
        Map<String, Object> s = schema("property", propertyDefinition(), false, null);
        s.put("required", List.of("name", "title", "type"));
        return s;
    }

    static Map<String, Object> properties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("properties", prop("object", null, "additionalProperties", property()));
        props.put("first", prop("string", null));
        props.put("next", prop("string", null));
        props.put("schema", prop("string", null));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", "properties");
        s.put("properties", props);
        s.put("links", List.of(link("first", "{first}"), link("next", "{next}"), link("describedby", "{schema}")));
        return s;
    }

    static Map<String, Object> resourceType() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", prop("string", "A kind of resource of another service, such as OS::Nova::Flavor.",
                "maxLength", 80));
        p.put("prefix", prop("string", "What the namespace's property names are prefixed with on that "
                + "resource.", "maxLength", 80));
        p.put("properties_target", prop("string", "Where on the resource the properties go.", "maxLength", 80));
        p.put("created_at", prop("string", null, "readOnly", true, "format", "date-time"));
        p.put("updated_at", prop("string", null, "readOnly", true, "format", "date-time"));
        Map<String, Object> s = schema("resource_type_association", p, false,
                List.of(link("self", "{self}"), link("describedby", "{schema}")));
        s.put("required", List.of("name"));
        return s;
    }

    static Map<String, Object> object() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", prop("string", null, "maxLength", 255));
        p.put("description", prop("string", null));
        p.put("required", prop("array", null, "items", prop("string", null)));
        p.put("properties", prop("object", null, "additionalProperties", Map.of("$ref", "#/definitions/property")));
        p.put("schema", prop("string", null, "readOnly", true));
        p.put("self", prop("string", null, "readOnly", true));
        p.put("created_at", prop("string", null, "readOnly", true, "format", "date-time"));
        p.put("updated_at", prop("string", null, "readOnly", true, "format", "date-time"));
        Map<String, Object> s = schema("object", p, false, List.of(link("self", "{self}"),
                link("describedby", "{schema}")));
        s.put("required", List.of("name"));
        s.put("definitions", Map.of("property", Map.of("type", "object", "properties", propertyDefinition())));
        return s;
    }

    static Map<String, Object> tag() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", prop("string", null, "maxLength", 255));
        p.put("created_at", prop("string", null, "readOnly", true, "format", "date-time"));
        p.put("updated_at", prop("string", null, "readOnly", true, "format", "date-time"));
        Map<String, Object> s = schema("tag", p, false, List.of(link("self", "{self}"),
                link("describedby", "{schema}")));
        s.put("required", List.of("name"));
        return s;
    }

    static Map<String, Object> namespace() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("namespace", prop("string", "The namespace's unique name.", "maxLength", 80));
        p.put("display_name", prop("string", "A name for people.", "maxLength", 80));
        p.put("description", prop("string", "What the namespace describes.", "maxLength", 500));
        p.put("visibility", prop("string", "Who sees the namespace.", "enum", List.of("public", "private")));
        p.put("protected", prop("boolean", "A protected namespace cannot be deleted."));
        p.put("owner", prop("string", "The project that owns the namespace.", "maxLength", 255));
        p.put("created_at", prop("string", null, "readOnly", true, "format", "date-time"));
        p.put("updated_at", prop("string", null, "readOnly", true, "format", "date-time"));
        p.put("schema", prop("string", null, "readOnly", true));
        p.put("self", prop("string", null, "readOnly", true));
        p.put("resource_type_associations", prop("array", null, "items", resourceType()));
        p.put("properties", prop("object", null, "additionalProperties", Map.of("$ref", "#/definitions/property")));
        p.put("objects", prop("array", null, "items", object()));
        p.put("tags", prop("array", null, "items", tag()));
        Map<String, Object> s = schema("namespace", p, false, List.of(link("self", "{self}"),
                link("describedby", "{schema}")));
        s.put("required", List.of("namespace"));
        s.put("definitions", Map.of("property", Map.of("type", "object", "properties", propertyDefinition())));
        return s;
    }
}
