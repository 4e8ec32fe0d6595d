package io.jstack.image.service;

import java.util.Set;

/** The image attributes Glance keeps as columns, and which of them clients may set, change or never touch. */
public final class BaseAttribute {
    private BaseAttribute() {
    }

    /** Set on create and changed by PATCH. */
    public static final Set<String> WRITABLE = Set.of("name", "visibility", "protected", "os_hidden", "min_ram",
            "min_disk", "disk_format", "container_format", "owner", "tags");

    /** Computed by the service: a client sending one is refused (403). */
    public static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at", "status", "checksum",
            "size", "virtual_size", "os_hash_algo", "os_hash_value", "direct_url", "self", "file", "schema",
            "stores", "locations");

    /** Never properties of an image (Glance's reserved names), and its internal namespace. */
    public static final Set<String> RESERVED = Set.of("location", "deleted", "deleted_at");
    public static final String RESERVED_PREFIX = "os_glance";

    public static boolean isBase(String name) {
        return WRITABLE.contains(name);
    }

    public static boolean isReserved(String name) {
        return RESERVED.contains(name) || name.startsWith(RESERVED_PREFIX);
    }
}
