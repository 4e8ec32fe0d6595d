package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.auth.Token;
import io.jstack.common.policy.RuleDefault;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.ProjectTag;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Policy;
import io.jstack.identity.service.PolicyTargets;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v3/projects/{project_id}/tags}: a project's tags one by one or as a whole list. Users of the project
 * and admins of its domain read them; admins of its domain change them.
 */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectTagResource {

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Inject
    PolicyTargets targets;

    @Context
    UriInfo uri;

    /** The project, if the caller may read its tags: a token scoped to it, or a reader of its domain. */
    private Uni<Project> readable(String projectId, RuleDefault rule) {
        Token token = current.token();
        return ProjectResource.find(projectId).invoke(p -> policy.authorize(token, rule, PolicyTargets.project(p)));
    }

    /** The project, if the caller may change its tags: a manager of its domain (not of the admin project). */
    private Uni<Project> writable(String projectId, RuleDefault rule) {
        Token token = current.token();
        return ProjectResource.find(projectId).call(p -> targets.projectWithReach(p)
                .invoke(t -> policy.authorize(token, rule, t)));
    }

    private Map<String, Object> tagsView(List<String> tags) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tags", tags);
        out.put("links", Links.self(uri.getRequestUri().toString()));
        return out;
    }

    private static Uni<List<String>> tagsOf(String projectId) {
        return ProjectResource.tags(List.of(projectId)).map(t -> t.getOrDefault(projectId, List.of()));
    }

    @GET
    @Path("projects/{id}/tags")
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("id") String id) {
        return readable(id, IdentityRules.LIST_PROJECT_TAGS).chain(p -> tagsOf(p.id)).map(this::tagsView);
    }

    /** Replaces every tag of the project with the given list. */
    @PUT
    @Path("projects/{id}/tags")
    @WithTransaction
    public Uni<Map<String, Object>> replace(@PathParam("id") String id, JsonNode json) {
        if (json == null || !json.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        Body body = Body.wrap(json, "request").only("request", Set.of("tags"));
        List<String> tags = ProjectResource.tagList(body.raw("tags"));
        return writable(id, IdentityRules.UPDATE_PROJECT_TAGS)
                .chain(p -> ProjectTag.delete("projectId", p.id).chain(() -> ProjectResource.storeTags(p.id, tags)))
                .map(ignored -> tagsView(tags));
    }

    @DELETE
    @Path("projects/{id}/tags")
    @WithTransaction
    public Uni<Response> clear(@PathParam("id") String id) {
        return writable(id, IdentityRules.DELETE_PROJECT_TAGS).chain(p -> ProjectTag.delete("projectId", p.id))
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("projects/{id}/tags/{tag}")
    @WithSession
    public Uni<Response> check(@PathParam("id") String id, @PathParam("tag") String tag) {
        return readable(id, IdentityRules.GET_PROJECT_TAG).chain(p -> tagsOf(p.id)).map(tags -> {
            if (!tags.contains(tag)) {
                throw tagNotFound(tag);
            }
            return Response.noContent().build();
        });
    }

    @HEAD
    @Path("projects/{id}/tags/{tag}")
    @WithSession
    public Uni<Response> head(@PathParam("id") String id, @PathParam("tag") String tag) {
        return check(id, tag);
    }

    /** Adds one tag; the project keeps at most 80 and each once. */
    @PUT
    @Path("projects/{id}/tags/{tag}")
    @WithTransaction
    public Uni<Response> add(@PathParam("id") String id, @PathParam("tag") String tag) {
        ProjectResource.checkTag(tag);
        return writable(id, IdentityRules.CREATE_PROJECT_TAG).chain(p -> tagsOf(p.id).chain(tags -> {
            List<String> next = new ArrayList<>(tags);
            next.add(tag.strip());
            ProjectResource.checkTagList(next);
            return ProjectTag.of(p.id, tag.strip()).persist();
        })).map(ignored -> Response.status(201).location(uri.getRequestUri()).build());
    }

    @DELETE
    @Path("projects/{id}/tags/{tag}")
    @WithTransaction
    public Uni<Response> remove(@PathParam("id") String id, @PathParam("tag") String tag) {
        return writable(id, IdentityRules.DELETE_PROJECT_TAG).chain(p -> ProjectTag.delete("projectId = ?1 and name = ?2",
                p.id, tag)).map(deleted -> {
                    if (deleted == 0) {
                        throw tagNotFound(tag);
                    }
                    return Response.noContent().build();
                });
    }

    private static ApiException tagNotFound(String tag) {
        return ApiException.notFound("Could not find project tag: " + tag + ".");
    }
}
