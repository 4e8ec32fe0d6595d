package io.jstack.image.api;

import io.jstack.common.api.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** {@code GET /v2/schemas/{name}} and {@code /v2/schemas/metadefs/{name}}. */
@Path("/v2/schemas")
@Produces(MediaType.APPLICATION_JSON)
public class SchemaResource {

    @Inject
    Schemas schemas;

    @GET
    @Path("{name}")
    public Map<String, Object> schema(@PathParam("name") String name) {
        return find(name);
    }

    @GET
    @Path("metadefs/{name}")
    public Map<String, Object> metadef(@PathParam("name") String name) {
        return find("metadefs/" + name);
    }

    private Map<String, Object> find(String name) {
        Map<String, Object> schema = schemas.get(name);
        if (schema == null) {
            throw ApiException.notFound("No schema named " + name + ".");
        }
        return schema;
    }
}
