package io.jstack.compute.api;

import io.jstack.compute.service.ComputeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nova's links: {@code self} under /v2.1 and {@code bookmark} without the version. */
@ApplicationScoped
public class Links {

    @Inject
    ComputeSettings settings;

    /** The service root, for example {@code http://127.0.0.1:8774} (no trailing slash). */
    public String root(UriInfo uri) {
        String base = settings.publicUrl().orElseGet(() -> uri.getBaseUri().toString());
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/v2.1")) {
            base = base.substring(0, base.length() - "/v2.1".length());
        }
        return base;
    }

    public String v21(UriInfo uri) {
        return root(uri) + "/v2.1";
    }

    /** self and bookmark links of a member of a collection. */
    public List<Map<String, Object>> of(UriInfo uri, String collection, String id) {
        return List.of(link("self", v21(uri) + "/" + collection + "/" + id),
                link("bookmark", root(uri) + "/" + collection + "/" + id));
    }

    public List<Map<String, Object>> bookmark(UriInfo uri, String collection, String id) {
        return List.of(link("bookmark", root(uri) + "/" + collection + "/" + id));
    }

    public static Map<String, Object> link(String rel, String href) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("rel", rel);
        link.put("href", href);
        return link;
    }

    /** The "next" link of a page: the same query with the marker set to the last item. */
    public List<Map<String, Object>> next(UriInfo uri, String collection, String marker) {
        StringBuilder href = new StringBuilder(v21(uri)).append('/').append(collection).append('?');
        uri.getQueryParameters().forEach((key, values) -> {
            if (!key.equals("marker")) {
                for (String v : values) {
                    href.append(encode(key)).append('=').append(encode(v)).append('&');
                }
            }
        });
        href.append("marker=").append(encode(marker));
        return List.of(link("next", href.toString()));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
