package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.AuthSettings;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.auth.InvalidTokenException;
import io.jstack.common.auth.Jwk;
import io.jstack.common.auth.RevocationEvent;
import io.jstack.common.auth.Token;
import io.jstack.common.auth.TokenVerifier;
import io.jstack.common.auth.Unauthenticated;
import io.jstack.common.policy.Target;
import io.jstack.identity.model.Assignment;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Project;
import io.jstack.identity.service.AuthService;
import io.jstack.identity.service.CatalogBuilder;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Policy;
import io.jstack.identity.service.RevocationService;
import io.jstack.identity.service.RoleResolver;
import io.jstack.identity.service.SigningKeys;
import io.jstack.identity.service.TokenService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tokens: issue, validate, check, revoke; and what a token gives access to. */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private static final String SUBJECT = "X-Subject-Token";
    /** Sent by a validating service that enforces access rules (keystonemiddleware says 1.0). */
    private static final String ACCESS_RULES = "OpenStack-Identity-Access-Rules";

    @Inject
    AuthService auth;

    @Inject
    TokenService tokens;

    @Inject
    TokenVerifier verifier;

    @Inject
    AuthSettings authSettings;

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Inject
    RevocationService revocation;

    @Inject
    RoleResolver roles;

    @Inject
    CatalogBuilder catalog;

    @Inject
    SigningKeys keys;

    @POST
    @Path("auth/tokens")
    @Unauthenticated
    @WithSession
    public Uni<Response> issue(JsonNode body, @QueryParam("nocatalog") String nocatalog) {
        return auth.authenticate(body).chain(issued -> tokens.render(issued.token(), nocatalog == null)
                .map(rendered -> Response.status(201).header(SUBJECT, issued.id()).entity(rendered).build()));
    }

    @GET
    @Path("auth/tokens")
    @WithSession
    public Uni<Response> validate(@HeaderParam(SUBJECT) String subject, @QueryParam("nocatalog") String nocatalog,
                                  @QueryParam("allow_expired") String allowExpired,
                                  @HeaderParam(ACCESS_RULES) String accessRules) {
        Token token = subject(subject, allowExpired);
        requireAccessRuleSupport(token, accessRules);
        return tokens.render(token, nocatalog == null)
                .map(rendered -> Response.ok(rendered).header(SUBJECT, subject.trim()).build());
    }

    @HEAD
    @Path("auth/tokens")
    public Response check(@HeaderParam(SUBJECT) String subject, @QueryParam("allow_expired") String allowExpired,
                          @HeaderParam(ACCESS_RULES) String accessRules) {
        requireAccessRuleSupport(subject(subject, allowExpired), accessRules);
        return Response.ok().header(SUBJECT, subject.trim()).build();
    }

    @DELETE
    @Path("auth/tokens")
    @WithTransaction
    public Uni<Response> revoke(@HeaderParam(SUBJECT) String subject) {
        Token token = subject(subject, null);
        return revocation.revoke(new RevocationEvent(token.auditId(), null, null, null, null, token.issuedAt(),
                null)).map(ignored -> Response.noContent().build());
    }

    /**
     * A token limited by access rules is valid only to a validator that enforces them (one that says so with
     * {@code OpenStack-Identity-Access-Rules: 1.0}), as in Keystone; the others would let it do anything.
     */
    private static void requireAccessRuleSupport(Token token, String header) {
        if (token.applicationCredential() == null || token.applicationCredential().accessRules() == null) {
            return;
        }
        double version;
        try {
            version = header == null ? 0 : Double.parseDouble(header.trim());
        } catch (NumberFormatException e) {
            version = 0;
        }
        if (version < 1.0) {
            throw ApiException.notFound("Failed to validate token");
        }
    }

    /** The subject token, if the caller may look at it: their own, or anyone's for admins and services. */
    private Token subject(String subject, String allowExpired) {
        if (subject == null || subject.isBlank()) {
            throw ApiException.notFound("Could not find token: no X-Subject-Token was given.");
        }
        Token caller = current.token();
        Token token;
        try {
            boolean expiredOk = allowExpired != null && !allowExpired.equalsIgnoreCase("false")
                    && policy.allows(caller, IdentityRules.SERVICE_OR_ADMIN, Target.EMPTY);
            token = expiredOk ? verifier.verifyAllowingExpiry(subject.trim(), authSettings.allowExpiredWindow())
                    : verifier.verify(subject.trim());
        } catch (InvalidTokenException e) {
            throw ApiException.notFound("Could not find token: " + e.getMessage() + ".");
        }
        policy.authorize(caller, IdentityRules.VALIDATE_TOKEN, Target.of("target.token.user_id", token.user().id()));
        return token;
    }

    @GET
    @Path("auth/catalog")
    @WithSession
    public Uni<Map<String, Object>> catalog(@Context UriInfo uri) {
        Token token = current.token();
        if (token.project() == null && token.domain() == null) {
            throw ApiException.forbidden("The catalog needs a scoped token.");
        }
        return catalog.catalog(token.projectId(), token.user().id())
                .map(c -> Map.of("catalog", c, "links", Links.collection(uri)));
    }

    @GET
    @Path("auth/projects")
    @WithSession
    public Uni<Map<String, Object>> projects(@Context UriInfo uri) {
        Token token = current.token();
        String v3 = Links.v3(uri);
        return accessibleProjects(roles, token.user().id()).map(list -> Views.list("projects",
                list.stream().filter(p -> p.enabled).map(p -> Views.project(v3, p, List.of())).toList(), uri));
    }

    @GET
    @Path("auth/domains")
    @WithSession
    public Uni<Map<String, Object>> domains(@Context UriInfo uri) {
        Token token = current.token();
        String v3 = Links.v3(uri);
        return roles.actorsOf(token.user().id()).chain(actors -> Assignment.<Assignment>list(
                        "actorId in ?1 and type in ?2", actors, List.of(Assignment.USER_DOMAIN, Assignment.GROUP_DOMAIN))
                .chain(rows -> {
                    Set<String> ids = new LinkedHashSet<>();
                    rows.stream().filter(a -> !a.inherited).forEach(a -> ids.add(a.targetId));
                    return ids.isEmpty() ? Uni.createFrom().item(List.<Domain>of())
                            : Domain.<Domain>list("id in ?1 and enabled = true order by name", ids);
                }))
                .map(list -> Views.list("domains", list.stream().map(d -> Views.domain(v3, d)).toList(), uri));
    }

    @GET
    @Path("auth/system")
    public Map<String, Object> system(@Context UriInfo uri) {
        return Views.list("system", List.of(), uri);
    }

    /** The token-signing public keys as a JWK set, for services that verify tokens offline. */
    @GET
    @Path("auth/jwks")
    @Unauthenticated
    public Jwk.Set jwks() {
        return new Jwk.Set(keys.published());
    }

    /** Projects a user holds any role on: directly, through groups, or inherited from a domain or parent. */
    static Uni<List<Project>> accessibleProjects(RoleResolver roles, String userId) {
        return roles.actorsOf(userId).chain(actors -> Assignment.<Assignment>list("actorId in ?1", actors))
                .chain(rows -> {
                    Set<String> direct = new LinkedHashSet<>();
                    Set<String> inheritedDomains = new LinkedHashSet<>();
                    Set<String> inheritedParents = new LinkedHashSet<>();
                    for (Assignment a : rows) {
                        if (a.onProject() && !a.inherited) {
                            direct.add(a.targetId);
                        } else if (a.onProject()) {
                            inheritedParents.add(a.targetId);
                        } else if (a.inherited) {
                            inheritedDomains.add(a.targetId);
                        }
                    }
                    if (direct.isEmpty() && inheritedDomains.isEmpty() && inheritedParents.isEmpty()) {
                        return Uni.createFrom().item(List.<Project>of());
                    }
                    if (inheritedDomains.isEmpty() && inheritedParents.isEmpty()) {
                        return Project.<Project>list("id in ?1 order by name", direct);
                    }
                    return Project.<Project>list("order by name").map(all -> {
                        List<Project> out = new ArrayList<>();
                        Map<String, Project> byId = new java.util.HashMap<>();
                        all.forEach(p -> byId.put(p.id, p));
                        for (Project p : all) {
                            if (direct.contains(p.id) || inheritedDomains.contains(p.domainId)
                                    || hasAncestorIn(p, inheritedParents, byId)) {
                                out.add(p);
                            }
                        }
                        return out;
                    });
                });
    }

    private static boolean hasAncestorIn(Project p, Set<String> ids, Map<String, Project> byId) {
        String parent = p.parentId;
        for (int depth = 0; parent != null && depth < 64; depth++) {
            if (ids.contains(parent)) {
                return true;
            }
            Project next = byId.get(parent);
            parent = next == null ? null : next.parentId;
        }
        return false;
    }
}
