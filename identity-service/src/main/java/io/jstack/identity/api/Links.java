package io.jstack.identity.api;

import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keystone's {@code links} objects, built from the address the client used. */
public final class Links {
    private Links() {
    }

    /** {@code http://host:5000/v3} as the client addressed us. */
    public static String v3(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v3";
    }

    public static Map<String, Object> self(String href) {
        return Map.of("self", href);
    }

    public static Map<String, Object> collection(UriInfo uri) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", uri.getRequestUri().toString());
        links.put("previous", null);
        links.put("next", null);
        return links;
    }
}
