package io.jstack.image.api;

import io.jstack.common.auth.Unauthenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Version discovery: the root answers 300 Multiple Choices (and {@code /v2} 200) with every v2.x this service
 * speaks, each linking to {@code <base>/v2/}. 2.16 is current; 2.14 (the cache API) is left out, as Glance does
 * when no cache is configured; 2.8 to 2.13 are the multi-store versions (stores are listed in /v2/info/stores).
 */
@Path("/")
@Unauthenticated
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {

    static final String CURRENT = "2.16";
    private static final List<String> SUPPORTED = List.of("2.15", "2.13", "2.12", "2.11", "2.10", "2.9", "2.8",
            "2.7", "2.6", "2.5", "2.4", "2.3", "2.2", "2.1", "2.0");

    @Context
    UriInfo uri;

    @GET
    public Response root() {
        return Response.status(300).entity(versions()).build();
    }

    @GET
    @Path("versions")
    public Response all() {
        return Response.status(300).entity(versions()).build();
    }

    @GET
    @Path("v2")
    public Map<String, Object> v2() {
        return versions();
    }

    private Map<String, Object> versions() {
        String base = uri.getBaseUri().toString();
        String href = (base.endsWith("/") ? base : base + "/") + "v2/";
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(version(CURRENT, "CURRENT", href));
        SUPPORTED.forEach(v -> out.add(version(v, "SUPPORTED", href)));
        return Map.of("versions", out);
    }

    private static Map<String, Object> version(String id, String status, String href) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v" + id);
        v.put("status", status);
        v.put("links", List.of(Map.of("rel", "self", "href", href)));
        return v;
    }
}
