package io.jstack.identity.api;

import io.jstack.common.auth.Unauthenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Version discovery: {@code GET /} lists the versions (300 Multiple Choices). */
@Path("/")
@Unauthenticated
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {

    static Map<String, Object> v3(UriInfo uri) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v3.14");
        v.put("status", "stable");
        v.put("updated", "2020-04-07T00:00:00Z");
        v.put("links", List.of(Map.of("rel", "self", "href", Links.v3(uri) + "/")));
        v.put("media-types", List.of(Map.of("base", "application/json",
                "type", "application/vnd.openstack.identity-v3+json")));
        return v;
    }

    @GET
    public Response versions(@Context UriInfo uri) {
        return Response.status(300).entity(Map.of("versions", Map.of("values", List.of(v3(uri))))).build();
    }
}
