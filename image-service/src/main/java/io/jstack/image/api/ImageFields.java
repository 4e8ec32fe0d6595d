package io.jstack.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.image.service.BaseAttribute;
import io.jstack.image.service.ImageAccess;
import io.jstack.image.service.ImageSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks image attribute values the way Glance's image schema does: types, lengths, enums. Custom properties are
 * strings (the schema's additionalProperties); the few custom properties the schema knows (kernel_id,
 * ramdisk_id, ...) get their patterns checked too. A bad value is 400, naming the attribute.
 */
@Singleton
public class ImageFields {

    public static final Set<String> VISIBILITIES = Set.of("public", "private", "shared", "community");

    /** Custom properties the image schema describes (those of Glance's default schema-image.json). */
    public static final Map<String, String> KNOWN_PROPERTIES = Map.of(
            "kernel_id", "The image to boot as the kernel of an AMI-style image.",
            "ramdisk_id", "The image to boot as the ramdisk of an AMI-style image.",
            "instance_uuid", "The server this image was made from, when it is a snapshot.",
            "architecture", "The CPU architecture the image needs (x86_64, aarch64, ...).",
            "os_distro", "The operating system distribution, in lower case (ubuntu, fedora, ...).",
            "os_version", "The operating system version, as its distributor numbers it.",
            "description", "What the image is, for people.",
            "cinder_encryption_key_id", "The key of an encrypted volume this image was made from.",
            "cinder_encryption_key_deletion_policy", "Whether that key goes with the image when it is deleted.");

    /** Known custom properties that take one of a few values (the image schema's enums). */
    public static final Map<String, List<String>> PROPERTY_VALUES = Map.of(
            "cinder_encryption_key_deletion_policy", List.of("on_image_deletion", "do_not_delete"));

    @Inject
    ImageSettings settings;

    public List<String> diskFormats() {
        return settings.diskFormats();
    }

    public List<String> containerFormats() {
        return settings.containerFormats();
    }

    /**
     * The Java value of a writable base attribute (String, Integer, Boolean, {@code List<String>}), or 400.
     */
    public Object base(String name, JsonNode v) {
        return switch (name) {
            case "name" -> nullableString(name, v, 255);
            case "owner" -> nullableString(name, v, 255);
            case "visibility" -> oneOf(name, string(name, v, Integer.MAX_VALUE), VISIBILITIES);
            case "protected", "os_hidden" -> bool(name, v);
            case "min_ram", "min_disk" -> nonNegative(name, v);
            case "disk_format" -> nullableOneOf(name, v, settings.diskFormats());
            case "container_format" -> nullableOneOf(name, v, settings.containerFormats());
            case "tags" -> tags(v);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A custom property's value: a string (null only where the schema allows it, meaning "unset"). */
    public String custom(String name, JsonNode v) {
        if (name.length() > 255) {
            throw ApiException.badRequest("Custom property should not be greater than 255 characters.");
        }
        if (name.isEmpty()) {
            throw ApiException.badRequest("Custom property names must not be empty.");
        }
        if (("kernel_id".equals(name) || "ramdisk_id".equals(name))) {
            if (v == null || v.isNull()) {
                return null;
            }
            String id = string(name, v, 36);
            if (!ImageAccess.UUID.matcher(id).matches()) {
                throw invalid(name, "'" + id + "' does not match the UUID pattern");
            }
            return id;
        }
        if (v == null || !v.isTextual()) {
            throw invalid(name, v + " is not of type 'string'");
        }
        List<String> values = PROPERTY_VALUES.get(name);
        if (values != null && !values.contains(v.textValue())) {
            throw invalid(name, "'" + v.textValue() + "' is not one of " + values);
        }
        return v.textValue();
    }

    public static void checkNotReserved(String name) {
        if (BaseAttribute.READ_ONLY.contains(name)) {
            throw ApiException.forbidden("Attribute '" + name + "' is read-only.");
        }
        if (BaseAttribute.isReserved(name)) {
            throw ApiException.forbidden("Attribute '" + name + "' is reserved.");
        }
    }

    private static String string(String name, JsonNode v, int max) {
        if (v == null || !v.isTextual()) {
            throw invalid(name, v + " is not of type 'string'");
        }
        if (v.textValue().length() > max) {
            throw invalid(name, "the value is longer than " + max + " characters");
        }
        return v.textValue();
    }

    private static String nullableString(String name, JsonNode v, int max) {
        return v == null || v.isNull() ? null : string(name, v, max);
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw invalid(name, "'" + value + "' is not one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    private static String nullableOneOf(String name, JsonNode v, List<String> allowed) {
        if (v == null || v.isNull()) {
            return null;
        }
        String value = string(name, v, 255);
        if (!allowed.contains(value)) {
            throw invalid(name, "'" + value + "' is not one of " + allowed);
        }
        return value;
    }

    private static Boolean bool(String name, JsonNode v) {
        if (v == null || !v.isBoolean()) {
            throw invalid(name, v + " is not of type 'boolean'");
        }
        return v.booleanValue();
    }

    private static Integer nonNegative(String name, JsonNode v) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw invalid(name, v + " is not of type 'integer'");
        }
        if (v.intValue() < 0) {
            throw invalid(name, "cannot be a negative value");
        }
        return v.intValue();
    }

    private static List<String> tags(JsonNode v) {
        if (v == null || !v.isArray()) {
            throw invalid("tags", v + " is not of type 'array'");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode t : v) {
            out.add(string("tags", t, 255));
        }
        return new ArrayList<>(out);
    }

    static ApiException invalid(String name, String why) {
        return ApiException.badRequest("Invalid value for '" + name + "': " + why + ".");
    }
}
