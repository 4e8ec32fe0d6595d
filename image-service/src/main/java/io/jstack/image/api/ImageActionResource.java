package io.jstack.image.api;

import io.jstack.image.service.Activation;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /v2/images/{id}/actions/deactivate} and {@code .../reactivate}. */
@Path("/v2/images/{id}/actions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ImageActionResource {

    @Inject
    Callers callers;

    @Inject
    Activation activation;

    @POST
    @Path("deactivate")
    @WithTransaction
    public Uni<Response> deactivate(@PathParam("id") String id) {
        return activation.deactivate(callers.get(), id).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("reactivate")
    @WithTransaction
    public Uni<Response> reactivate(@PathParam("id") String id) {
        return activation.reactivate(callers.get(), id).map(ignored -> Response.noContent().build());
    }
}
