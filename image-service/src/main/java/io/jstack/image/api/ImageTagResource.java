package io.jstack.image.api;

import io.jstack.common.api.ApiException;
import io.jstack.image.service.Tags;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code PUT} and {@code DELETE /v2/images/{id}/tags/{tag}}. */
@Path("/v2/images/{id}/tags/{tag}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ImageTagResource {

    @Inject
    Callers callers;

    @Inject
    Tags tags;

    @PUT
    @WithTransaction
    public Uni<Response> add(@PathParam("id") String id, @PathParam("tag") String tag) {
        if (tag.isEmpty() || tag.length() > 255) {
            throw ApiException.badRequest("Invalid tag: a tag is 1 to 255 characters long.");
        }
        return tags.add(callers.get(), id, tag).map(ignored -> Response.noContent().build());
    }

    @DELETE
    @WithTransaction
    public Uni<Response> remove(@PathParam("id") String id, @PathParam("tag") String tag) {
        return tags.remove(callers.get(), id, tag).map(ignored -> Response.noContent().build());
    }
}
