package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.auth.Token;
import io.jstack.identity.model.Assignment;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Group;
import io.jstack.identity.model.Membership;
import io.jstack.identity.model.User;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Ids;
import io.jstack.identity.service.Policy;
import io.jstack.identity.service.PolicyTargets;
import io.jstack.identity.service.RevocationService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;
import java.util.Set;

@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {

    static final Set<String> FIELDS = Set.of("id", "name", "domain_id", "description", "links");

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Inject
    PolicyTargets targets;

    @Inject
    RevocationService revocation;

    @Context
    UriInfo uri;

    static Uni<Group> find(String id) {
        return Group.<Group>findById(id).map(g -> {
            if (g == null) {
                throw ApiException.notFound("Could not find group: " + id + ".");
            }
            return g;
        });
    }

    @GET
    @Path("groups")
    @WithSession
    public Uni<Map<String, Object>> list() {
        String limitTo = policy.domainScope(current.token(), IdentityRules.LIST_GROUPS);
        Where where = ListFilters.of(uri, ListFilters.Attribute.string("domain_id", "domainId"), ListFilters.Attribute.string("name", "name"))
                .apply(new Where()).eq("domainId", limitTo);
        String v3 = Links.v3(uri);
        return Group.<Group>list(where.hql("name"), where.params())
                .map(list -> Views.list("groups", list.stream().map(g -> Views.group(v3, g)).toList(), uri));
    }

    @GET
    @Path("groups/{id}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        Token token = current.token();
        return find(id).map(g -> {
            policy.authorize(token, IdentityRules.GET_GROUP, PolicyTargets.group(g));
            return Views.one("group", Views.group(Links.v3(uri), g));
        });
    }

    @POST
    @Path("groups")
    @WithTransaction
    public Uni<Response> create(JsonNode json) {
        Token token = current.token();
        Body body = Body.of(json, "group");
        Group g = new Group();
        g.id = Ids.newId();
        g.name = body.requiredString("name", 1, 64);
        String domainId = body.optionalString("domain_id", 64);
        g.domainId = domainId != null ? domainId : token.domainScopeId() != null ? token.domainScopeId()
                : token.project() != null ? token.project().domain().id() : Domain.DEFAULT_ID;
        g.description = body.optionalString("description", 65535);
        g.extra = body.extras(FIELDS);
        policy.authorize(token, IdentityRules.CREATE_GROUP, PolicyTargets.group(g));
        return DomainResource.find(g.domainId)
                .chain(() -> Group.count("domainId = ?1 and lower(name) = lower(?2)", g.domainId, g.name))
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("Conflict occurred attempting to store group - Duplicate entry "
                                + "found with name " + g.name + ".");
                    }
                    return g.<Group>persist();
                }).map(saved -> Response.status(201).entity(Views.one("group", Views.group(Links.v3(uri), saved)))
                        .build());
    }

    @PATCH
    @Path("groups/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        Token token = current.token();
        Body body = Body.of(json, "group");
        return find(id).chain(g -> {
            policy.authorize(token, IdentityRules.UPDATE_GROUP, PolicyTargets.group(g));
            if (body.has("domain_id") && !g.domainId.equals(body.optionalString("domain_id", 64))) {
                throw ApiException.badRequest("A group cannot move to another domain.");
            }
            if (body.has("name")) {
                g.name = body.requiredString("name", 1, 64);
            }
            if (body.has("description")) {
                g.description = body.optionalString("description", 65535);
            }
            g.extra = body.mergeExtras(g.extra, FIELDS);
            return Group.count("domainId = ?1 and lower(name) = lower(?2) and id <> ?3", g.domainId, g.name, g.id)
                    .map(n -> {
                        if (n > 0) {
                            throw ApiException.conflict("Conflict occurred attempting to update group - duplicate name "
                                    + g.name + ".");
                        }
                        return Views.one("group", Views.group(Links.v3(uri), g));
                    });
        });
    }

    @DELETE
    @Path("groups/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        Token token = current.token();
        return find(id).chain(g -> {
            policy.authorize(token, IdentityRules.DELETE_GROUP, PolicyTargets.group(g));
            return Membership.<Membership>list("groupId", g.id)
                    .chain(ms -> revokeMembers(ms))
                    .chain(() -> Assignment.delete("actorId", g.id))
                    .chain(() -> Membership.delete("groupId", g.id))
                    .chain(() -> Group.delete("id", g.id));
        }).map(ignored -> Response.noContent().build());
    }

    private Uni<Void> revokeMembers(List<Membership> members) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Membership m : members) {
            chain = chain.chain(() -> revocation.revokeUser(m.userId));
        }
        return chain;
    }

    @GET
    @Path("groups/{id}/users")
    @WithSession
    public Uni<Map<String, Object>> users(@PathParam("id") String id) {
        Token token = current.token();
        String v3 = Links.v3(uri);
        return find(id).chain(g -> {
            policy.authorize(token, IdentityRules.LIST_USERS_IN_GROUP, PolicyTargets.group(g));
            return Membership.<Membership>list("groupId", g.id);
        }).chain(ms -> {
            if (ms.isEmpty()) {
                return Uni.createFrom().item(List.<User>of());
            }
            Where where = UserResource.filters(uri)
                    .apply(new Where().in("id", ms.stream().map(m -> m.userId).toList()));
            return UserResource.withPasswordExpiry(uri, User.<User>list(where.hql("name"), where.params()));
        }).map(list -> Views.list("users", list.stream().map(u -> Views.user(v3, u)).toList(), uri));
    }

    @PUT
    @Path("groups/{id}/users/{user}")
    @WithTransaction
    public Uni<Response> addUser(@PathParam("id") String id, @PathParam("user") String userId) {
        Token token = current.token();
        return find(id).chain(g -> UserResource.find(userId).call(u -> targets.groupWithReach(g).invoke(t ->
                policy.authorize(token, IdentityRules.ADD_USER_TO_GROUP, t.with("target.user.id", u.id)
                        .with("target.user.domain_id", u.domainId)))))
                .chain(u -> Membership.<Membership>find("userId = ?1 and groupId = ?2", userId, id).firstResult()
                .chain(existing -> existing != null ? Uni.createFrom().item(existing)
                        : Membership.of(userId, id).<Membership>persist()))
                .map(ignored -> Response.noContent().build());
    }

    @HEAD
    @Path("groups/{id}/users/{user}")
    @WithSession
    public Uni<Response> checkUser(@PathParam("id") String id, @PathParam("user") String userId) {
        return membership(id, userId).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("groups/{id}/users/{user}")
    @WithSession
    public Uni<Response> getUser(@PathParam("id") String id, @PathParam("user") String userId) {
        return checkUser(id, userId);
    }

    @DELETE
    @Path("groups/{id}/users/{user}")
    @WithTransaction
    public Uni<Response> removeUser(@PathParam("id") String id, @PathParam("user") String userId) {
        Token token = current.token();
        return membership(id, userId).call(m -> GroupResource.find(id).chain(g -> UserResource.find(userId)
                .call(u -> targets.groupWithReach(g).invoke(t -> policy.authorize(token,
                        IdentityRules.REMOVE_USER_FROM_GROUP, t.with("target.user.id", u.id)
                                .with("target.user.domain_id", u.domainId))))))
                .chain(m -> Membership.delete("userId = ?1 and groupId = ?2", m.userId, m.groupId).chain(() -> revocation.revokeUser(userId)))
                .map(ignored -> Response.noContent().build());
    }

    private Uni<Membership> membership(String groupId, String userId) {
        Token token = current.token();
        return find(groupId).chain(g -> UserResource.find(userId).invoke(u -> policy.authorize(token,
                        IdentityRules.CHECK_USER_IN_GROUP, PolicyTargets.group(g).with("target.user.id", u.id)
                                .with("target.user.domain_id", u.domainId)))).chain(u -> Membership.<Membership>find("userId = ?1 and groupId = ?2", userId, groupId)
                .<Membership>firstResult())
                .map(m -> {
                    if (m == null) {
                        throw ApiException.notFound("User " + userId + " is not a member of group " + groupId + ".");
                    }
                    return m;
                });
    }
}
