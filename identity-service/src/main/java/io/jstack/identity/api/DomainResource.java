package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.auth.Token;
import io.jstack.common.policy.Target;
import io.jstack.identity.model.Assignment;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Group;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.Role;
import io.jstack.identity.model.User;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
public class DomainResource {

    static final Set<String> FIELDS = Set.of("id", "name", "description", "enabled", "links", "tags", "options",
            "explicit_domain_id");

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Inject
    RevocationService revocation;

    @Context
    UriInfo uri;

    static Uni<Domain> find(String id) {
        return Domain.<Domain>findById(id).map(d -> {
            if (d == null) {
                throw ApiException.notFound("Could not find domain: " + id + ".");
            }
            return d;
        });
    }

    @GET
    @Path("domains")
    @WithSession
    public Uni<Map<String, Object>> list() {
        Token token = current.token();
        String v3 = Links.v3(uri);
        Where where = ListFilters.of(uri, ListFilters.Attribute.string("name", "name"), ListFilters.Attribute.bool("enabled", "enabled")).apply(new Where());
        if (!policy.allows(token, IdentityRules.LIST_DOMAINS, Target.of("target.domain.id", ""))) {
            // others see the domain they are scoped to, or their own
            String own = token.domain() != null ? token.domain().id()
                    : token.project() != null ? token.project().domain().id() : token.user().domain().id();
            where.eq("id", own);
        }
        return Domain.<Domain>list(where.hql("name"), where.params())
                .map(list -> Views.list("domains", list.stream().map(d -> Views.domain(v3, d)).toList(), uri));
    }

    @GET
    @Path("domains/{id}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        Token token = current.token();
        // one's own domain, whatever the rule says (as this cloud has always let users read it)
        if (!id.equals(token.user().domain().id())) {
            policy.authorize(token, IdentityRules.GET_DOMAIN, Target.of("target.domain.id", id));
        }
        return find(id).map(d -> Views.one("domain", Views.domain(Links.v3(uri), d)));
    }

    @POST
    @Path("domains")
    @WithTransaction
    public Uni<Response> create(JsonNode json) {
        policy.authorize(current.token(), IdentityRules.CREATE_DOMAIN);
        Body body = Body.of(json, "domain");
        Domain d = new Domain();
        d.id = body.has("explicit_domain_id") ? body.optionalString("explicit_domain_id", 64) : Ids.newId();
        d.name = body.requiredString("name", 1, 64);
        d.description = body.optionalString("description", 65535);
        Boolean enabled = body.optionalBoolean("enabled");
        d.enabled = enabled == null || enabled;
        d.extra = body.extras(FIELDS);
        return insert(d).map(saved -> Response.status(201)
                .entity(Views.one("domain", Views.domain(Links.v3(uri), saved))).build());
    }

    /** Stores a new domain; its name (in any case) and its id must be free. Shared with the projects API. */
    static Uni<Domain> insert(Domain d) {
        return Domain.count("lower(name) = lower(?1) or id = ?2", d.name, d.id).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("Conflict occurred attempting to store domain - Duplicate entry found "
                        + "with name " + d.name + " or id " + d.id + ".");
            }
            return d.<Domain>persist();
        });
    }

    @PATCH
    @Path("domains/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        policy.authorize(current.token(), IdentityRules.UPDATE_DOMAIN);
        Body body = Body.of(json, "domain");
        return find(id).chain(d -> apply(d, body, FIELDS, revocation))
                .map(d -> Views.one("domain", Views.domain(Links.v3(uri), d)));
    }

    /**
     * Applies an update body to a domain (name, description, enabled, extra attributes beyond {@code known});
     * disabling it revokes its tokens. Shared with the projects API, which shows domains as projects.
     */
    static Uni<Domain> apply(Domain d, Body body, Set<String> known, RevocationService revocation) {
        boolean disabling = false;
        if (body.has("name")) {
            d.name = body.requiredString("name", 1, 64);
        }
        if (body.has("description")) {
            d.description = body.optionalString("description", 65535);
        }
        Boolean enabled = body.optionalBoolean("enabled");
        if (enabled != null) {
            disabling = d.enabled && !enabled;
            d.enabled = enabled;
        }
        d.extra = body.mergeExtras(d.extra, known);
        Uni<Void> revoke = disabling ? revocation.revokeDomain(d.id) : Uni.createFrom().voidItem();
        return Domain.count("lower(name) = lower(?1) and id <> ?2", d.name, d.id).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("Conflict occurred attempting to update domain - Duplicate name "
                        + d.name + ".");
            }
            return revoke;
        }).map(ignored -> d);
    }

    /** A domain must be disabled first; its projects, users, groups and domain roles go with it. */
    @DELETE
    @Path("domains/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.DELETE_DOMAIN);
        return find(id).chain(d -> remove(d, revocation)).map(ignored -> Response.noContent().build());
    }

    static Uni<Void> remove(Domain d, RevocationService revocation) {
        if (d.enabled) {
            throw ApiException.forbidden("Cannot delete a domain that is enabled, please disable it first.");
        }
        return deleteContents(d.id).chain(() -> Domain.delete("id", d.id)).chain(() -> revocation.revokeDomain(d.id));
    }

    private static Uni<Void> deleteContents(String domainId) {
        return Project.<Project>list("domainId", domainId).chain(projects -> {
            List<String> ids = projects.stream().map(p -> p.id).toList();
            Uni<Long> assignments = Assignment.delete("targetId in ?1 or targetId = ?2",
                    ids.isEmpty() ? List.of("-") : ids, domainId);
            return assignments
                    .chain(() -> Project.update("parentId = null where domainId = ?1", domainId))
                    .chain(() -> Project.delete("domainId", domainId))
                    .chain(() -> User.<User>list("domainId", domainId))
                    .chain(users -> users.isEmpty() ? Uni.createFrom().item(0L)
                            : Assignment.delete("actorId in ?1", users.stream().map(u -> u.id).toList()))
                    .chain(() -> User.delete("domainId", domainId))
                    .chain(() -> Group.<Group>list("domainId", domainId))
                    .chain(groups -> groups.isEmpty() ? Uni.createFrom().item(0L)
                            : Assignment.delete("actorId in ?1", groups.stream().map(g -> g.id).toList()))
                    .chain(() -> Group.delete("domainId", domainId))
                    .chain(() -> Role.delete("domainId", domainId))
                    .replaceWithVoid();
        });
    }
}
