package io.jstack.identity.api;

import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.policy.RuleDefault;
import io.jstack.common.policy.Target;
import io.jstack.identity.model.Assignment;
import io.jstack.identity.model.Membership;
import io.jstack.identity.model.Role;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Policy;
import io.jstack.identity.service.PolicyTargets;
import io.jstack.identity.service.RevocationService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
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

import java.util.List;
import java.util.Map;

/**
 * Role grants: a role for a user or group on a project, a domain or the system, and inherited grants (OS-INHERIT)
 * that apply to every project below a domain or project. Every path shape Keystone has maps onto one
 * {@link Grant}.
 */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource {

    /** The system scope's target id in the assignment table. */
    static final String SYSTEM = "system";

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

    /** Who (user or group) holds what on which target, inherited or not. */
    record Grant(String targetKind, String targetId, String actorKind, String actorId, boolean inherited) {
        String type() {
            String actor = actorKind.equals("users") ? "User" : "Group";
            return switch (targetKind) {
                case "projects" -> actor + "Project";
                case "domains" -> actor + "Domain";
                default -> actor + "System";
            };
        }
    }

    // ---- projects and domains ----

    @GET
    @Path("{target:projects|domains}/{tid}/{actor:users|groups}/{aid}/roles")
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("target") String target, @PathParam("tid") String tid,
                                         @PathParam("actor") String actor, @PathParam("aid") String aid) {
        return listGrants(new Grant(target, tid, actor, aid, false));
    }

    @PUT
    @Path("{target:projects|domains}/{tid}/{actor:users|groups}/{aid}/roles/{role}")
    @WithTransaction
    public Uni<Response> grant(@PathParam("target") String target, @PathParam("tid") String tid,
                               @PathParam("actor") String actor, @PathParam("aid") String aid,
                               @PathParam("role") String role) {
        return create(new Grant(target, tid, actor, aid, false), role);
    }

    @HEAD
    @Path("{target:projects|domains}/{tid}/{actor:users|groups}/{aid}/roles/{role}")
    @WithSession
    public Uni<Response> check(@PathParam("target") String target, @PathParam("tid") String tid,
                               @PathParam("actor") String actor, @PathParam("aid") String aid,
                               @PathParam("role") String role) {
        return existing(new Grant(target, tid, actor, aid, false), role, Access.CHECK).map(a -> Response.noContent().build());
    }

    @GET
    @Path("{target:projects|domains}/{tid}/{actor:users|groups}/{aid}/roles/{role}")
    @WithSession
    public Uni<Response> get(@PathParam("target") String target, @PathParam("tid") String tid,
                             @PathParam("actor") String actor, @PathParam("aid") String aid,
                             @PathParam("role") String role) {
        return check(target, tid, actor, aid, role);
    }

    @DELETE
    @Path("{target:projects|domains}/{tid}/{actor:users|groups}/{aid}/roles/{role}")
    @WithTransaction
    public Uni<Response> revoke(@PathParam("target") String target, @PathParam("tid") String tid,
                                @PathParam("actor") String actor, @PathParam("aid") String aid,
                                @PathParam("role") String role) {
        return remove(new Grant(target, tid, actor, aid, false), role);
    }

    // ---- system ----

    @GET
    @Path("system/{actor:users|groups}/{aid}/roles")
    @WithSession
    public Uni<Map<String, Object>> listSystem(@PathParam("actor") String actor, @PathParam("aid") String aid) {
        return listGrants(new Grant(SYSTEM, SYSTEM, actor, aid, false));
    }

    @PUT
    @Path("system/{actor:users|groups}/{aid}/roles/{role}")
    @WithTransaction
    public Uni<Response> grantSystem(@PathParam("actor") String actor, @PathParam("aid") String aid,
                                     @PathParam("role") String role) {
        return create(new Grant(SYSTEM, SYSTEM, actor, aid, false), role);
    }

    @HEAD
    @Path("system/{actor:users|groups}/{aid}/roles/{role}")
    @WithSession
    public Uni<Response> checkSystem(@PathParam("actor") String actor, @PathParam("aid") String aid,
                                     @PathParam("role") String role) {
        return existing(new Grant(SYSTEM, SYSTEM, actor, aid, false), role, Access.CHECK).map(a -> Response.noContent().build());
    }

    @GET
    @Path("system/{actor:users|groups}/{aid}/roles/{role}")
    @WithSession
    public Uni<Response> getSystem(@PathParam("actor") String actor, @PathParam("aid") String aid,
                                   @PathParam("role") String role) {
        return checkSystem(actor, aid, role);
    }

    @DELETE
    @Path("system/{actor:users|groups}/{aid}/roles/{role}")
    @WithTransaction
    public Uni<Response> revokeSystem(@PathParam("actor") String actor, @PathParam("aid") String aid,
                                      @PathParam("role") String role) {
        return remove(new Grant(SYSTEM, SYSTEM, actor, aid, false), role);
    }

    // ---- OS-INHERIT ----

    @GET
    @Path("OS-INHERIT/{target:projects|domains}/{tid}/{actor:users|groups}/{aid}/roles/inherited_to_projects")
    @WithSession
    public Uni<Map<String, Object>> listInherited(@PathParam("target") String target, @PathParam("tid") String tid,
                                                  @PathParam("actor") String actor, @PathParam("aid") String aid) {
        return listGrants(new Grant(target, tid, actor, aid, true));
    }

    @PUT
    @Path("OS-INHERIT/{target:projects|domains}/{tid}/{actor:users|groups}/{aid}/roles/{role}/inherited_to_projects")
    @WithTransaction
    public Uni<Response> grantInherited(@PathParam("target") String target, @PathParam("tid") String tid,
                                        @PathParam("actor") String actor, @PathParam("aid") String aid,
                                        @PathParam("role") String role) {
        return create(new Grant(target, tid, actor, aid, true), role);
    }

    @HEAD
    @Path("OS-INHERIT/{target:projects|domains}/{tid}/{actor:users|groups}/{aid}/roles/{role}/inherited_to_projects")
    @WithSession
    public Uni<Response> checkInherited(@PathParam("target") String target, @PathParam("tid") String tid,
                                        @PathParam("actor") String actor, @PathParam("aid") String aid,
                                        @PathParam("role") String role) {
        return existing(new Grant(target, tid, actor, aid, true), role, Access.CHECK).map(a -> Response.noContent().build());
    }

    @GET
    @Path("OS-INHERIT/{target:projects|domains}/{tid}/{actor:users|groups}/{aid}/roles/{role}/inherited_to_projects")
    @WithSession
    public Uni<Response> getInherited(@PathParam("target") String target, @PathParam("tid") String tid,
                                      @PathParam("actor") String actor, @PathParam("aid") String aid,
                                      @PathParam("role") String role) {
        return checkInherited(target, tid, actor, aid, role);
    }

    @DELETE
    @Path("OS-INHERIT/{target:projects|domains}/{tid}/{actor:users|groups}/{aid}/roles/{role}/inherited_to_projects")
    @WithTransaction
    public Uni<Response> revokeInherited(@PathParam("target") String target, @PathParam("tid") String tid,
                                         @PathParam("actor") String actor, @PathParam("aid") String aid,
                                         @PathParam("role") String role) {
        return remove(new Grant(target, tid, actor, aid, true), role);
    }

    // ---- the one implementation ----

    /** What is done with a grant: each has its rule, for grants on the system and on projects and domains. */
    enum Access {
        LIST(IdentityRules.LIST_GRANTS, IdentityRules.LIST_SYSTEM_GRANTS, IdentityRules.LIST_SYSTEM_GRANTS_FOR_GROUP),
        CHECK(IdentityRules.CHECK_GRANT, IdentityRules.CHECK_SYSTEM_GRANT,
                IdentityRules.CHECK_SYSTEM_GRANT_FOR_GROUP),
        CREATE(IdentityRules.CREATE_GRANT, IdentityRules.CREATE_SYSTEM_GRANT,
                IdentityRules.CREATE_SYSTEM_GRANT_FOR_GROUP),
        REVOKE(IdentityRules.REVOKE_GRANT, IdentityRules.REVOKE_SYSTEM_GRANT,
                IdentityRules.REVOKE_SYSTEM_GRANT_FOR_GROUP);

        final RuleDefault rule;
        final RuleDefault systemUserRule;
        final RuleDefault systemGroupRule;

        Access(RuleDefault rule, RuleDefault systemUserRule, RuleDefault systemGroupRule) {
            this.rule = rule;
            this.systemUserRule = systemUserRule;
            this.systemGroupRule = systemGroupRule;
        }

        RuleDefault ruleFor(Grant g) {
            if (!g.targetKind().equals(SYSTEM)) {
                return rule;
            }
            return g.actorKind().equals("users") ? systemUserRule : systemGroupRule;
        }

        boolean changes() {
            return this == CREATE || this == REVOKE;
        }
    }

    /**
     * Checks that target, actor (and role) exist and that the rule lets the caller do this with them, given
     * Keystone's target ({@code target.user.domain_id}, {@code target.project.domain_id}, {@code target.domain.id},
     * {@code target.role.name} ...) and, for changes, whether the grant reaches the admin project. Returns the
     * target's domain (null for the system).
     */
    private Uni<String> authorize(Grant g, Role role, Access access) {
        Uni<Target> onTarget = switch (g.targetKind()) {
            case "projects" -> ProjectResource.find(g.targetId()).map(p -> Target.of("target.project.id", p.id,
                    "target.project.domain_id", p.domainId));
            case "domains" -> DomainResource.find(g.targetId()).map(d -> Target.of("target.domain.id", d.id));
            default -> Uni.createFrom().item(Target.EMPTY);
        };
        Uni<Target> withActor = onTarget.chain(t -> g.actorKind().equals("users")
                ? UserResource.find(g.actorId()).map(u -> t.with("target.user.id", u.id)
                        .with("target.user.domain_id", u.domainId))
                : GroupResource.find(g.actorId()).map(gr -> t.with("target.group.id", gr.id)
                        .with("target.group.domain_id", gr.domainId)));
        Uni<Target> full = withActor.map(t -> role == null ? t : PolicyTargets.role(t, role));
        if (access.changes()) {
            full = full.chain(t -> targets.reachesAdminProject(g.targetKind(), g.targetId(), g.inherited())
                    .map(reaches -> t.with("target.reaches_admin_project", reaches)));
        }
        return full.map(t -> {
            policy.authorize(current.token(), access.ruleFor(g), t);
            Object domain = t.has("target.project.domain_id") ? t.get("target.project.domain_id")
                    : t.get("target.domain.id");
            return (String) domain;
        });
    }

    private Uni<Map<String, Object>> listGrants(Grant g) {
        String v3 = Links.v3(uri);
        return authorize(g, null, Access.LIST).chain(d -> Assignment.<Assignment>list(
                        "type = ?1 and actorId = ?2 and targetId = ?3 and inherited = ?4",
                        g.type(), g.actorId(), g.targetId(), g.inherited()))
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(List.<Role>of())
                        : Role.<Role>list("id in ?1 order by name", rows.stream().map(a -> a.roleId).toList()))
                .map(roles -> Views.list("roles", roles.stream().map(r -> Views.role(v3, r)).toList(), uri));
    }

    private Uni<Response> create(Grant g, String roleId) {
        return RoleResource.find(roleId).chain(role -> authorize(g, role, Access.CREATE).chain(domain -> {
            // as Keystone: a domain-specific role goes only to projects of its domain; on a domain, any domain
            if (role.domainId != null && g.targetKind().equals("projects") && !role.domainId.equals(domain)) {
                throw ApiException.forbidden("Project " + g.targetId() + " must be in the same domain as the role "
                        + role.id + " being assigned.");
            }
            if (role.domainId != null && g.targetKind().equals(SYSTEM)) {
                throw ApiException.badRequest("Role " + role.id + " is a domain-specific role. Unable to use a "
                        + "domain-specific role in a system assignment.");
            }
            return Assignment.<Assignment>find("type = ?1 and actorId = ?2 and targetId = ?3 and roleId = ?4 "
                            + "and inherited = ?5", g.type(), g.actorId(), g.targetId(), role.id, g.inherited())
                    .firstResult().chain(existing -> existing != null ? Uni.createFrom().item(existing)
                            : Assignment.of(g.type(), g.actorId(), g.targetId(), role.id, g.inherited())
                            .<Assignment>persist());
        })).map(ignored -> Response.noContent().build());
    }

    private Uni<Assignment> existing(Grant g, String roleId, Access access) {
        return RoleResource.find(roleId).chain(role -> authorize(g, role, access).chain(d ->
                Assignment.<Assignment>find("type = ?1 and actorId = ?2 and targetId = ?3 and roleId = ?4 "
                        + "and inherited = ?5", g.type(), g.actorId(), g.targetId(), role.id, g.inherited())
                        .<Assignment>firstResult())).map(a -> {
                            if (a == null) {
                                throw ApiException.notFound("Could not find role assignment with role: " + roleId
                                        + ", " + g.actorKind() + ": " + g.actorId() + ", " + g.targetKind() + ": "
                                        + g.targetId() + ".");
                            }
                            return a;
                        });
    }

    /** Removes a grant; tokens that carried it stop working. */
    private Uni<Response> remove(Grant g, String roleId) {
        return existing(g, roleId, Access.REVOKE).chain(a -> Assignment.delete("type = ?1 and actorId = ?2 and targetId = ?3 and roleId = ?4 "
                + "and inherited = ?5", a.type, a.actorId, a.targetId, a.roleId, a.inherited).chain(() -> revokeHolders(g)))
                .map(ignored -> Response.noContent().build());
    }

    private Uni<Void> revokeHolders(Grant g) {
        if (g.actorKind().equals("users")) {
            return g.targetKind().equals("projects") && !g.inherited()
                    ? revocation.revokeUserOnProject(g.actorId(), g.targetId())
                    : revocation.revokeUser(g.actorId());
        }
        return Membership.<Membership>list("groupId", g.actorId()).chain(members -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Membership m : members) {
                chain = chain.chain(() -> revocation.revokeUser(m.userId));
            }
            return chain;
        });
    }
}
