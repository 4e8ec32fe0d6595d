package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.identity.model.Assignment;
import io.jstack.identity.model.ImpliedRole;
import io.jstack.identity.model.Role;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Ids;
import io.jstack.identity.service.Policy;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Roles, domain-specific roles, and implied roles ("holding A gives B"). */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoleResource {

    static final Set<String> FIELDS = Set.of("id", "name", "domain_id", "description", "links", "options");

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Inject
    RevocationService revocation;

    @Context
    UriInfo uri;

    @Inject
    io.jstack.identity.service.ApplicationCredentials applicationCredentials;

    static Uni<Role> find(String id) {
        return Role.<Role>findById(id).map(r -> {
            if (r == null) {
                throw ApiException.notFound("Could not find role: " + id + ".");
            }
            return r;
        });
    }

    @GET
    @Path("roles")
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("domain_id") String domainId) {
        policy.authorize(current.token(), IdentityRules.LIST_ROLES);
        Where where = ListFilters.of(uri, ListFilters.Attribute.string("name", "name"),
                ListFilters.Attribute.string("domain_id", "domainId")).apply(new Where());
        if (domainId == null) {
            // without a domain, the global roles
            where.raw("domainId is null");
        }
        String v3 = Links.v3(uri);
        return Role.<Role>list(where.hql("name"), where.params())
                .map(list -> Views.list("roles", list.stream().map(r -> Views.role(v3, r)).toList(), uri));
    }

    @GET
    @Path("roles/{id}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.GET_ROLE);
        return find(id).map(r -> Views.one("role", Views.role(Links.v3(uri), r)));
    }

    @POST
    @Path("roles")
    @WithTransaction
    public Uni<Response> create(JsonNode json) {
        policy.authorize(current.token(), IdentityRules.CREATE_ROLE);
        Body body = Body.of(json, "role");
        Role r = new Role();
        r.id = Ids.newId();
        r.name = body.requiredString("name", 1, 255);
        r.domainId = body.optionalString("domain_id", 64);
        r.description = body.optionalString("description", 255);
        r.extra = body.extras(FIELDS);
        Uni<?> domain = r.domainId == null ? Uni.createFrom().voidItem() : DomainResource.find(r.domainId);
        return domain.chain(() -> r.domainId == null
                        ? Role.count("domainId is null and lower(name) = lower(?1)", r.name)
                        : Role.count("domainId = ?1 and lower(name) = lower(?2)", r.domainId, r.name))
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("Conflict occurred attempting to store role - Duplicate entry "
                                + "found with name " + r.name + ".");
                    }
                    return r.<Role>persist();
                }).map(saved -> Response.status(201).entity(Views.one("role", Views.role(Links.v3(uri), saved)))
                        .build());
    }

    @PATCH
    @Path("roles/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        policy.authorize(current.token(), IdentityRules.UPDATE_ROLE);
        Body body = Body.of(json, "role");
        return find(id).chain(r -> {
            if (body.has("domain_id") && !java.util.Objects.equals(r.domainId, body.optionalString("domain_id", 64))) {
                throw ApiException.badRequest("A role cannot move to another domain.");
            }
            if (body.has("name")) {
                r.name = body.requiredString("name", 1, 255);
            }
            if (body.has("description")) {
                r.description = body.optionalString("description", 255);
            }
            r.extra = body.mergeExtras(r.extra, FIELDS);
            Uni<Long> dup = r.domainId == null
                    ? Role.count("domainId is null and lower(name) = lower(?1) and id <> ?2", r.name, r.id)
                    : Role.count("domainId = ?1 and lower(name) = lower(?2) and id <> ?3", r.domainId, r.name, r.id);
            return dup.map(n -> {
                if (n > 0) {
                    throw ApiException.conflict("Conflict occurred attempting to update role - duplicate name "
                            + r.name + ".");
                }
                return Views.one("role", Views.role(Links.v3(uri), r));
            });
        });
    }

    @DELETE
    @Path("roles/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.DELETE_ROLE);
        // users' application credentials on projects where they held the role go with it, as in Keystone
        return find(id).chain(r -> applicationCredentials.deleteForRole(r.id)
                .chain(() -> Assignment.delete("roleId", r.id))
                .chain(() -> ImpliedRole.delete("priorRoleId = ?1 or impliedRoleId = ?1", r.id))
                .chain(() -> Role.delete("id", r.id))
                .chain(() -> revocation.revokeRole(r.id)))
                .map(ignored -> Response.noContent().build());
    }

    // ---- implied roles ----

    private Map<String, Object> inference(Role prior, Role implied) {
        String v3 = Links.v3(uri);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prior_role", Views.roleRef(v3, prior));
        out.put("implies", Views.roleRef(v3, implied));
        return out;
    }

    @PUT
    @Path("roles/{prior}/implies/{implied}")
    @WithTransaction
    public Uni<Response> imply(@PathParam("prior") String priorId, @PathParam("implied") String impliedId) {
        policy.authorize(current.token(), IdentityRules.CREATE_IMPLIED_ROLE);
        return find(priorId).chain(prior -> find(impliedId).chain(implied -> {
            if (prior.id.equals(implied.id)) {
                throw ApiException.badRequest("A role cannot imply itself.");
            }
            // a domain role may imply any role, a global role only global ones: a global role is held
            // everywhere, and must not carry one domain's role into the others
            if (prior.domainId == null && implied.domainId != null) {
                throw ApiException.forbidden("A global role cannot imply the domain-specific role " + implied.id
                        + ".");
            }
            // holding any role must not quietly make someone an admin
            if (Role.ADMIN.equals(implied.name)) {
                throw ApiException.forbidden("The role " + implied.name + " cannot be implied.");
            }
            return ImpliedRole.<ImpliedRole>find("priorRoleId = ?1 and impliedRoleId = ?2", prior.id, implied.id)
                    .firstResult()
                    .chain(existing -> existing != null ? Uni.createFrom().item(existing)
                            : ImpliedRole.of(prior.id, implied.id).<ImpliedRole>persist())
                    .chain(() -> revocation.revokeRole(prior.id))
                    .map(ignored -> Response.status(201).entity(Map.of("role_inference", inference(prior, implied)))
                            .build());
        }));
    }

    private Uni<Object[]> rule(String priorId, String impliedId) {
        policy.authorize(current.token(), IdentityRules.GET_IMPLIED_ROLE);
        return find(priorId).chain(prior -> find(impliedId).chain(implied ->
                ImpliedRole.<ImpliedRole>find("priorRoleId = ?1 and impliedRoleId = ?2", prior.id, implied.id)
                        .firstResult().map(rule -> {
                            if (rule == null) {
                                throw ApiException.notFound("Could not find implied role: " + priorId + " implies "
                                        + impliedId + ".");
                            }
                            return new Object[]{prior, implied, rule};
                        })));
    }

    @GET
    @Path("roles/{prior}/implies/{implied}")
    @WithSession
    public Uni<Map<String, Object>> getImplied(@PathParam("prior") String priorId,
                                               @PathParam("implied") String impliedId) {
        return rule(priorId, impliedId).map(r -> Map.of("role_inference", inference((Role) r[0], (Role) r[1])));
    }

    @HEAD
    @Path("roles/{prior}/implies/{implied}")
    @WithSession
    public Uni<Response> checkImplied(@PathParam("prior") String priorId, @PathParam("implied") String impliedId) {
        return rule(priorId, impliedId).map(r -> Response.noContent().build());
    }

    @DELETE
    @Path("roles/{prior}/implies/{implied}")
    @WithTransaction
    public Uni<Response> deleteImplied(@PathParam("prior") String priorId, @PathParam("implied") String impliedId) {
        policy.authorize(current.token(), IdentityRules.DELETE_IMPLIED_ROLE);
        return rule(priorId, impliedId).chain(r -> ImpliedRole.delete("priorRoleId = ?1 and impliedRoleId = ?2",
                        ((Role) r[0]).id, ((Role) r[1]).id)
                        .chain(() -> revocation.revokeRole(priorId)))
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("roles/{prior}/implies")
    @WithSession
    public Uni<Map<String, Object>> listImplied(@PathParam("prior") String priorId) {
        policy.authorize(current.token(), IdentityRules.LIST_IMPLIED_ROLES);
        String v3 = Links.v3(uri);
        return find(priorId).chain(prior -> ImpliedRole.<ImpliedRole>list("priorRoleId", prior.id)
                .chain(rules -> rules.isEmpty() ? Uni.createFrom().item(List.<Role>of())
                        : Role.<Role>list("id in ?1 order by name", rules.stream().map(x -> x.impliedRoleId).toList()))
                .map(implied -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("prior_role", Views.roleRef(v3, prior));
                    out.put("implies", implied.stream().map(r -> Views.roleRef(v3, r)).toList());
                    return Map.of("role_inference", out, "links", Links.collection(uri));
                }));
    }

    @GET
    @Path("role_inferences")
    @WithSession
    public Uni<Map<String, Object>> inferences() {
        policy.authorize(current.token(), IdentityRules.LIST_ROLE_INFERENCE_RULES);
        String v3 = Links.v3(uri);
        return ImpliedRole.<ImpliedRole>listAll().chain(rules -> Role.<Role>listAll().map(roles -> {
            Map<String, Role> byId = new java.util.HashMap<>();
            roles.forEach(r -> byId.put(r.id, r));
            Map<String, List<Object>> grouped = new LinkedHashMap<>();
            for (ImpliedRole rule : rules) {
                grouped.computeIfAbsent(rule.priorRoleId, k -> new ArrayList<>())
                        .add(Views.roleRef(v3, byId.get(rule.impliedRoleId)));
            }
            List<Object> out = new ArrayList<>();
            grouped.forEach((prior, implies) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("prior_role", Views.roleRef(v3, byId.get(prior)));
                entry.put("implies", implies);
                out.add(entry);
            });
            return Map.of("role_inferences", out, "links", Links.collection(uri));
        }));
    }
}
