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
import io.jstack.identity.service.ApplicationCredentials;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Ids;
import io.jstack.identity.service.PasswordHasher;
import io.jstack.identity.service.Policy;
import io.jstack.identity.service.PolicyTargets;
import io.jstack.identity.service.RevocationService;
import io.jstack.identity.service.RoleResolver;
import io.jstack.identity.service.Trusts;
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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    static final Set<String> FIELDS = Set.of("id", "name", "domain_id", "enabled", "default_project_id",
            "password", "links", "options", "password_expires_at", "federated");

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Inject
    PolicyTargets targets;

    @Inject
    PasswordHasher passwords;

    @Inject
    RevocationService revocation;

    @Inject
    RoleResolver roles;

    @Inject
    ApplicationCredentials applicationCredentials;

    @Inject
    Trusts trusts;

    @Context
    UriInfo uri;

    static Uni<User> find(String id) {
        return User.<User>findById(id).map(u -> {
            if (u == null) {
                throw ApiException.notFound("Could not find user: " + id + ".");
            }
            return u;
        });
    }

    static String password(Body body, String field) {
        String password = body.optionalString(field, 4096);
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw Body.invalid(field, "a password is at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
        }
        return password;
    }

    private static final Set<String> FEDERATED = Set.of("idp_id", "protocol_id", "unique_id");
    private static final Set<String> EXPIRY_OPERATORS = Set.of("lt", "lte", "gt", "gte", "eq", "neq");

    /** Keystone's filters of user lists (GET /v3/users and /v3/groups/{id}/users). */
    static ListFilters filters(UriInfo uri) {
        return ListFilters.of(uri, ListFilters.Attribute.string("name", "name"),
                ListFilters.Attribute.string("domain_id", "domainId"), ListFilters.Attribute.bool("enabled", "enabled"));
    }

    /**
     * {@code password_expires_at={operator}:{timestamp}}: checked as Keystone checks it (a 400 for a bad operator
     * or time), then matching no user, since passwords here do not expire.
     */
    static Uni<List<User>> withPasswordExpiry(UriInfo uri, Uni<List<User>> users) {
        boolean filtered = false;
        for (Map.Entry<String, List<String>> e : uri.getQueryParameters().entrySet()) {
            if (!e.getKey().equals("password_expires_at") && !e.getKey().startsWith("password_expires_at__")) {
                continue;
            }
            for (String value : e.getValue()) {
                String op = "eq";
                String time = value;
                if (value.length() > 3 && value.substring(2, Math.min(4, value.length())).contains(":")) {
                    op = value.substring(0, value.indexOf(':'));
                    time = value.substring(value.indexOf(':') + 1);
                }
                io.jstack.identity.service.Expiry.timestamp(time);
                if (!EXPIRY_OPERATORS.contains(op)) {
                    throw ApiException.badRequest("The given operator " + op + " is not a valid operator. The server "
                            + "could not comply with the request since it is either malformed or otherwise incorrect. "
                            + "The client is assumed to be in error.");
                }
                filtered = true;
            }
        }
        return filtered ? Uni.createFrom().item(List.of()) : users;
    }

    @GET
    @Path("users")
    @WithSession
    public Uni<Map<String, Object>> list() {
        String limitTo = policy.domainScope(current.token(), IdentityRules.LIST_USERS);
        Where where = filters(uri).apply(new Where()).eq("domainId", limitTo);
        String v3 = Links.v3(uri);
        // only federated users have these; there are none here
        boolean federated = uri.getQueryParameters().keySet().stream()
                .anyMatch(k -> FEDERATED.contains(k.contains("__") ? k.substring(0, k.indexOf("__")) : k));
        Uni<List<User>> users = federated ? Uni.createFrom().item(List.of())
                : User.<User>list(where.hql("name"), where.params());
        return withPasswordExpiry(uri, users)
                .map(list -> Views.list("users", list.stream().map(u -> Views.user(v3, u)).toList(), uri));
    }

    @GET
    @Path("users/{id}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        Token token = current.token();
        return find(id).map(u -> {
            policy.authorize(token, IdentityRules.GET_USER, PolicyTargets.user(u));
            return Views.one("user", Views.user(Links.v3(uri), u));
        });
    }

    @POST
    @Path("users")
    @WithTransaction
    public Uni<Response> create(JsonNode json) {
        Token token = current.token();
        Body body = Body.of(json, "user");
        User u = new User();
        u.id = Ids.newId();
        u.name = body.requiredString("name", 1, 255);
        String domainId = body.optionalString("domain_id", 64);
        u.domainId = domainId != null ? domainId
                : token.domainScopeId() != null ? token.domainScopeId()
                : token.project() != null ? token.project().domain().id() : Domain.DEFAULT_ID;
        Boolean enabled = body.optionalBoolean("enabled");
        u.enabled = enabled == null || enabled;
        u.defaultProjectId = body.optionalString("default_project_id", 64);
        u.extra = body.extras(FIELDS);
        String password = password(body, "password");
        policy.authorize(token, IdentityRules.CREATE_USER, PolicyTargets.user(u));
        return DomainResource.find(u.domainId)
                .chain(() -> User.count("domainId = ?1 and lower(name) = lower(?2)", u.domainId, u.name))
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("Conflict occurred attempting to store user - Duplicate entry found "
                                + "with name " + u.name + " at domain ID " + u.domainId + ".");
                    }
                    return password == null ? Uni.createFrom().item((String) null) : passwords.hash(password);
                })
                .chain(hash -> {
                    u.passwordHash = hash;
                    u.passwordChangedAt = hash == null ? null : Instant.now();
                    return u.<User>persist();
                })
                .map(saved -> Response.status(201).entity(Views.one("user", Views.user(Links.v3(uri), saved))).build());
    }

    @PATCH
    @Path("users/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        Token token = current.token();
        Body body = Body.of(json, "user");
        return find(id).call(u -> targets.userWithReach(u)
                .invoke(t -> policy.authorize(token, IdentityRules.UPDATE_USER, t))).chain(u -> {
            if (body.has("domain_id") && !u.domainId.equals(body.optionalString("domain_id", 64))) {
                throw ApiException.badRequest("A user cannot move to another domain.");
            }
            if (body.has("name")) {
                u.name = body.requiredString("name", 1, 255);
            }
            Boolean enabled = body.optionalBoolean("enabled");
            boolean revoke = enabled != null && u.enabled && !enabled;
            if (enabled != null) {
                u.enabled = enabled;
            }
            if (body.has("default_project_id")) {
                u.defaultProjectId = body.optionalString("default_project_id", 64);
            }
            u.extra = body.mergeExtras(u.extra, FIELDS);
            String password = password(body, "password");
            Uni<Void> hashing = password == null ? Uni.createFrom().voidItem()
                    : passwords.hash(password).invoke(h -> {
                        u.passwordHash = h;
                        u.passwordChangedAt = Instant.now();
                    }).replaceWithVoid();
            boolean revokeAll = revoke || password != null;
            return User.count("domainId = ?1 and lower(name) = lower(?2) and id <> ?3", u.domainId, u.name, u.id)
                    .chain(n -> {
                        if (n > 0) {
                            throw ApiException.conflict("Conflict occurred attempting to update user - duplicate name "
                                    + u.name + ".");
                        }
                        return hashing;
                    })
                    // a disabled user's application credentials go, as in Keystone
                    .chain(() -> revoke ? applicationCredentials.deleteForUser(u.id) : Uni.createFrom().voidItem())
                    .chain(() -> revokeAll ? revocation.revokeUser(u.id) : Uni.createFrom().voidItem())
                    .map(ignored -> Views.one("user", Views.user(Links.v3(uri), u)));
        });
    }

    @DELETE
    @Path("users/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        Token token = current.token();
        return find(id).call(u -> targets.userWithReach(u)
                .invoke(t -> policy.authorize(token, IdentityRules.DELETE_USER, t))).chain(u -> {
            return trusts.deleteForUser(u.id)
                    .chain(() -> applicationCredentials.deleteForUser(u.id))
                    .chain(() -> Assignment.delete("actorId", u.id))
                    .chain(() -> Membership.delete("userId", u.id))
                    .chain(() -> User.delete("id", u.id))
                    .chain(() -> revocation.revokeUser(u.id));
        }).map(ignored -> Response.noContent().build());
    }

    /**
     * A password change proving the old password: by the user, or for them by an admin of their domain or the
     * cloud (who must know the old password all the same; without it, an admin sets one with PATCH).
     */
    @POST
    @Path("users/{id}/password")
    @WithTransaction
    public Uni<Response> changePassword(@PathParam("id") String id, JsonNode json) {
        Token token = current.token();
        Body body = Body.of(json, "user");
        String original = body.requiredString("original_password", 0, 4096);
        String password = password(body, "password");
        if (password == null) {
            throw Body.invalid("password", "'password' is a required property");
        }
        return find(id).chain(u -> {
            policy.authorize(token, IdentityRules.CHANGE_PASSWORD, PolicyTargets.user(u));
            return passwords.matches(original, u.passwordHash).chain(ok -> {
                if (!ok) {
                    throw ApiException.unauthorized("The original password is not correct.");
                }
                return passwords.hash(password);
            }).chain(hash -> {
                u.passwordHash = hash;
                u.passwordChangedAt = Instant.now();
                return revocation.revokeUser(u.id);
            });
        }).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("users/{id}/projects")
    @WithSession
    public Uni<Map<String, Object>> projects(@PathParam("id") String id) {
        Token token = current.token();
        ListFilters filters = ListFilters.of(uri, ListFilters.Attribute.string("name", "name"),
                ListFilters.Attribute.string("domain_id", "domainId"), ListFilters.Attribute.bool("enabled", "enabled"));
        String v3 = Links.v3(uri);
        return find(id).chain(u -> {
            policy.authorize(token, IdentityRules.LIST_USER_PROJECTS, PolicyTargets.user(u));
            return AuthResource.accessibleProjects(roles, u.id);
        }).chain(list -> ProjectResource.tags(list.stream().map(p -> p.id).toList()).map(tags -> Views.list(
                "projects", list.stream().map(p -> Views.project(v3, p, tags.getOrDefault(p.id, List.of())))
                        .filter(filters::matches).toList(), uri)));
    }

    @GET
    @Path("users/{id}/groups")
    @WithSession
    public Uni<Map<String, Object>> groups(@PathParam("id") String id) {
        Token token = current.token();
        String v3 = Links.v3(uri);
        ListFilters filters = ListFilters.of(uri, ListFilters.Attribute.string("name", "name"));
        return find(id).chain(u -> {
            policy.authorize(token, IdentityRules.LIST_GROUPS_FOR_USER, PolicyTargets.user(u));
            return Membership.<Membership>list("userId", u.id);
        }).chain(ms -> {
            if (ms.isEmpty()) {
                return Uni.createFrom().item(List.<Group>of());
            }
            Where where = filters.apply(new Where().in("id", ms.stream().map(m -> m.groupId).toList()));
            return Group.<Group>list(where.hql("name"), where.params());
        })
                .map(list -> Views.list("groups", list.stream().map(g -> Views.group(v3, g)).toList(), uri));
    }
}
