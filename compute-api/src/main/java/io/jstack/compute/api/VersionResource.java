package io.jstack.compute.api;

import io.jstack.common.auth.Unauthenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Version documents: the root lists v2.0 (the legacy API, kept as a document only) and v2.1 with the
 * microversion range; each version's root describes itself. Clients read {@code version}/{@code min_version}
 * to choose a microversion.
 */
@Path("/")
@Unauthenticated
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {

    private static final String V20_UPDATED = "2025-07-04T12:00:00Z";
    private static final String V21_UPDATED = "2013-07-23T11:33:21Z";

    @Inject
    Links links;

    @Context
    UriInfo uri;

    @GET
    public Map<String, Object> versions() {
        return Map.of("versions", List.of(v20(false), v21(false)));
    }

    @GET
    @Path("v2.1")
    public Map<String, Object> v21Root() {
        return Map.of("version", v21(true));
    }

    @GET
    @Path("v2")
    public Map<String, Object> v20Root() {
        return Map.of("version", v20(true));
    }

    private Map<String, Object> v21(boolean detail) {
        return version("v2.1", "CURRENT", ApiVersion.MAX.toString(), ApiVersion.MIN.toString(), V21_UPDATED,
                links.root(uri) + "/v2.1/", detail);
    }

    private Map<String, Object> v20(boolean detail) {
        return version("v2.0", "DEPRECATED", "", "", V20_UPDATED, links.root(uri) + "/v2/", detail);
    }

    private static Map<String, Object> version(String id, String status, String max, String min, String updated,
                                               String self, boolean detail) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("status", status);
        v.put("version", max);
        v.put("min_version", min);
        v.put("updated", updated);
        List<Map<String, Object>> refs = new java.util.ArrayList<>();
        refs.add(Links.link("self", self));
        if (detail) {
            Map<String, Object> doc = Links.link("describedby", "https://docs.openstack.org/");
            doc.put("type", "text/html");
            refs.add(doc);
            v.put("media-types", List.of(Map.of("base", "application/json",
                    "type", "application/vnd.openstack.compute+json;version=2.1")));
        }
        v.put("links", refs);
        return v;
    }
}
