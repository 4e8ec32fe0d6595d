package io.jstack.identity.api;

import io.jstack.common.auth.Unauthenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;

/** {@code GET /v3}: the v3 version document clients discover the API with. */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
public class V3Resource {

    @GET
    @Unauthenticated
    public Map<String, Object> version(@Context UriInfo uri) {
        return Map.of("version", VersionResource.v3(uri));
    }
}
