package io.jstack.image.api;

import io.jstack.common.api.FaultShape;
import io.jstack.image.service.ImageCatalog;
import io.jstack.image.service.ImageQueries;
import io.jstack.image.service.ImageSettings;
import io.jstack.image.service.ImageUpdates;
import io.jstack.image.store.ImageStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v2/images}: create, list, show, update (JSON patch), delete. */
@Path("/v2/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {

    @Inject
    Callers callers;

    @Inject
    ImageCatalog catalog;

    @Inject
    ImageUpdates updates;

    @Inject
    ImageQueries queries;

    @Inject
    ImageRequests requests;

    @Inject
    ImageSettings settings;

    @Inject
    ImageStore store;

    @Inject
    FaultShape faults;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.WILDCARD)
    @WithTransaction
    public Uni<Response> create(byte[] body) {
        var spec = requests.create(body);
        return catalog.create(callers.get(), spec).map(d -> Response.status(201).entity(ImageView.image(d))
                .header("Location", "/v2/images/" + d.image().id)
                .header("OpenStack-image-import-methods", String.join(",", settings.imports().methods()))
                .header("OpenStack-image-store-ids", store.id())
                .build());
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list() {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        var query = requests.list(params);
        return queries.list(callers.get(), query).map(page -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("images", page.images().stream().map(ImageView::image).toList());
            String rest = queryWithout(params, "marker");
            body.put("first", "/v2/images" + (rest.isEmpty() ? "" : "?" + rest));
            body.put("schema", "/v2/schemas/images");
            if (page.nextMarker() != null) {
                body.put("next", "/v2/images?" + (rest.isEmpty() ? "" : rest + "&") + "marker="
                        + URLEncoder.encode(page.nextMarker(), StandardCharsets.UTF_8));
            }
            return body;
        });
    }

    static String queryWithout(MultivaluedMap<String, String> params, String skip) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, values) -> {
            if (!k.equals(skip)) {
                for (String v : values) {
                    parts.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(v, StandardCharsets.UTF_8));
                }
            }
        });
        return String.join("&", parts);
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id) {
        return catalog.show(callers.get(), id).map(ImageView::image);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @WithTransaction
    public Uni<Response> update(@PathParam("id") String id, @HeaderParam("Content-Type") String contentType,
                                byte[] body) {
        int draft = ImageRequests.patchDraft(contentType);
        if (draft < 0) {
            Response fault = faults.render(415, "Image PATCH expects Content-Type one of: "
                    + ImageRequests.PATCH_V20 + ", " + ImageRequests.PATCH_V21);
            return Uni.createFrom().item(Response.fromResponse(fault)
                    .header("Accept-Patch", ImageRequests.PATCH_V20 + ", " + ImageRequests.PATCH_V21).build());
        }
        var changes = requests.patch(draft, body);
        return updates.update(callers.get(), id, changes).map(d -> Response.ok(ImageView.image(d)).build());
    }

    @DELETE
    @Path("{id}")
    @WithSession
    public Uni<Response> delete(@PathParam("id") String id) {
        return catalog.delete(callers.get(), id).map(ignored -> Response.noContent().build());
    }
}
