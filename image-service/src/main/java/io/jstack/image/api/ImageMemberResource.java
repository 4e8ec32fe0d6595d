package io.jstack.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.image.service.Members;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /v2/images/{id}/members}: sharing an image with other projects. */
@Path("/v2/images/{id}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ImageMemberResource {

    @Inject
    Callers callers;

    @Inject
    Members members;

    @POST
    @WithTransaction
    public Uni<Map<String, Object>> add(@PathParam("id") String id, byte[] body) {
        JsonNode member = Json.object(body).get("member");
        if (member == null || !member.isTextual() || member.textValue().isBlank()) {
            throw ApiException.badRequest("Member to be added not specified");
        }
        if (member.textValue().length() > 255) {
            throw ApiException.badRequest("Member id is longer than 255 characters.");
        }
        return members.add(callers.get(), id, member.textValue()).map(ImageView::member);
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("id") String id) {
        return members.list(callers.get(), id).map(all -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("members", all.stream().map(ImageView::member).toList());
            out.put("schema", "/v2/schemas/members");
            return out;
        });
    }

    @GET
    @Path("{member}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @PathParam("member") String member) {
        return members.show(callers.get(), id, member).map(ImageView::member);
    }

    @PUT
    @Path("{member}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, @PathParam("member") String member,
                                           byte[] body) {
        JsonNode status = Json.object(body).get("status");
        if (status == null || !status.isTextual()) {
            throw ApiException.badRequest("Status not specified");
        }
        if (!Members.STATUSES.contains(status.textValue())) {
            throw ApiException.badRequest("Invalid status: " + status.textValue());
        }
        return members.update(callers.get(), id, member, status.textValue()).map(ImageView::member);
    }

    @DELETE
    @Path("{member}")
    @WithTransaction
    public Uni<Response> remove(@PathParam("id") String id, @PathParam("member") String member) {
        return members.remove(callers.get(), id, member).map(ignored -> Response.noContent().build());
    }
}
