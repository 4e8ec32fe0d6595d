package io.jstack.image.api;

import io.jstack.image.service.Imports;
import io.jstack.image.service.Tasks;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** {@code POST /v2/images/{id}/import} (202, then the import runs as a task) and the image's tasks. */
@Path("/v2/images/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ImageImportResource {

    @Inject
    Callers callers;

    @Inject
    Imports imports;

    @Inject
    Tasks tasks;

    @Inject
    ImageRequests requests;

    @POST
    @Path("import")
    @WithSession
    public Uni<Response> importImage(@PathParam("id") String id, byte[] body) {
        var request = requests.importRequest(body);
        return imports.start(callers.get(), id, request).map(ignored -> Response.accepted().build());
    }

    @GET
    @Path("tasks")
    @WithSession
    public Uni<Map<String, Object>> tasks(@PathParam("id") String id) {
        return tasks.ofImage(callers.get(), id).map(list -> Map.of("tasks", list.stream().map(ImageView::task).toList()));
    }
}
