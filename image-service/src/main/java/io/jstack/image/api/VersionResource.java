package io.jstack.image.api;

import io.jstack.common.auth.Unauthenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** Placeholder version document until the images API lands. */
@Path("/")
@Unauthenticated
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {
    @GET
    public Response versions() {
        return Response.status(300).entity(Map.of("versions", java.util.List.of())).build();
    }
}
