package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.auth.Token;
import io.jstack.identity.model.AccessRule;
import io.jstack.identity.service.ApplicationCredentials;
import io.jstack.identity.service.DelegationPolicy;
import io.jstack.identity.service.Expiry;
import io.jstack.identity.service.IdentityRules;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /v3/users/{user_id}/application_credentials} and {@code /v3/users/{user_id}/access_rules}: a user's
 * application credentials (created with a project-scoped token of theirs, the secret shown once) and the access
 * rules they limit their credentials' tokens to.
 */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationCredentialResource {

    private static final String KEY = "application_credential";
    private static final Set<String> FIELDS = Set.of("id", "name", "description", "secret", "expires_at",
            "project_id", "roles", "access_rules", "unrestricted", "system");
    private static final Pattern NAME = Pattern.compile("[\\S]+");
    private static final Pattern ID = Pattern.compile("^[a-zA-Z0-9-]+$");
    private static final Pattern PATH = Pattern.compile("^/");
    private static final Set<String> METHODS = Set.of("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT");

    @Inject
    CurrentRequest current;

    @Inject
    DelegationPolicy policy;

    @Inject
    ApplicationCredentials credentials;

    @Context
    UriInfo uri;

    @POST
    @Path("users/{user_id}/application_credentials")
    @WithTransaction
    public Uni<Response> create(@PathParam("user_id") String userId, JsonNode json) {
        Token token = current.token();
        if (json != null && json.isObject()) {
            Body.wrap(json, "request").only("request", Set.of(KEY));
        }
        ApplicationCredentials.Request request = parse(Body.of(json, KEY).only(KEY, FIELDS));
        policy.requireCreateApplicationCredential(token, userId);
        return credentials.create(token, userId, request).map(created -> Response.status(201)
                .entity(Views.one(KEY, DelegationViews.applicationCredential(Links.v3(uri), created.details(),
                        created.secret()))).build());
    }

    /** Checks the create body as Keystone's schema does. */
    private static ApplicationCredentials.Request parse(Body body) {
        String name = body.requiredString("name", 1, 255);
        if (!NAME.matcher(name).find()) {
            throw Body.invalid("name", "'" + name + "' does not match '[\\S]+'");
        }
        String description = body.optionalString("description", 65535);
        String secret = body.optionalString("secret", 4096);
        body.optionalString("project_id", 64);
        body.optionalString("system", 64);
        Instant expiresAt = Expiry.parse(body.optionalString("expires_at", 64), Instant.now());
        Boolean unrestricted = body.optionalBoolean("unrestricted");
        List<ApplicationCredentials.RoleRef> roles = null;
        List<Body> roleBodies = body.optionalObjects("roles");
        if (roleBodies != null) {
            roles = new ArrayList<>();
            for (Body r : roleBodies) {
                if (r.size() != 1) {
                    throw Body.invalid("roles", "a role is given by exactly one of id or name");
                }
                r.only("roles", Set.of("id", "name"));
                roles.add(new ApplicationCredentials.RoleRef(r.optionalString("id", 64, ID),
                        r.optionalString("name", 255, NAME)));
            }
        }
        List<ApplicationCredentials.RuleRef> rules = null;
        List<Body> ruleBodies = body.optionalObjects("access_rules");
        if (ruleBodies != null) {
            rules = new ArrayList<>();
            for (Body r : ruleBodies) {
                String method = r.optionalString("method", 16);
                if (method != null && !METHODS.contains(method)) {
                    throw Body.invalid("method", "'" + method + "' is not one of " + METHODS);
                }
                rules.add(new ApplicationCredentials.RuleRef(r.optionalString("id", 64, ID),
                        r.optionalString("service", 64, ID), method, r.optionalString("path", 225, PATH)));
            }
        }
        return new ApplicationCredentials.Request(name, description, secret, expiresAt, roles,
                Boolean.TRUE.equals(unrestricted), rules);
    }

    @GET
    @Path("users/{user_id}/application_credentials")
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("user_id") String userId) {
        policy.requireReadApplicationCredentials(current.token(), userId, IdentityRules.LIST_APPLICATION_CREDENTIALS);
        Where where = ListFilters.of(uri, ListFilters.Attribute.string("name", "name")).apply(new Where());
        String v3 = Links.v3(uri);
        return credentials.list(userId, where.hql(null), where.params()).map(list -> Views.list(
                "application_credentials", list.stream().map(d -> DelegationViews.applicationCredential(v3, d, null))
                        .toList(), uri));
    }

    @GET
    @Path("users/{user_id}/application_credentials/{id}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("user_id") String userId, @PathParam("id") String id) {
        Token token = current.token();
        // who may see it is decided by the credential's owner, not by the user in the path
        return credentials.get(id).map(d -> {
            policy.requireReadApplicationCredentials(token, d.credential().userId, IdentityRules.GET_APPLICATION_CREDENTIAL);
            if (!d.credential().userId.equals(userId)) {
                throw notFound(id);
            }
            return Views.one(KEY, DelegationViews.applicationCredential(Links.v3(uri), d, null));
        });
    }

    @DELETE
    @Path("users/{user_id}/application_credentials/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("user_id") String userId, @PathParam("id") String id) {
        Token token = current.token();
        return credentials.get(id).chain(d -> {
            policy.requireDeleteApplicationCredential(token, d.credential().userId);
            if (!d.credential().userId.equals(userId)) {
                throw notFound(id);
            }
            return credentials.delete(d.credential());
        }).map(ignored -> Response.noContent().build());
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Could not find Application Credential: " + id + ".");
    }

    // ---- access rules ----

    @GET
    @Path("users/{user_id}/access_rules")
    @WithSession
    public Uni<Map<String, Object>> rules(@PathParam("user_id") String userId) {
        policy.requireAccessRules(current.token(), userId, IdentityRules.LIST_ACCESS_RULES);
        Where where = ListFilters.of(uri, ListFilters.Attribute.string("service", "service"),
                ListFilters.Attribute.string("path", "path"), ListFilters.Attribute.string("method", "method"))
                .apply(new Where().eq("userId", userId));
        String v3 = Links.v3(uri);
        return AccessRule.<AccessRule>list(where.hql("service, path, method"), where.params())
                .map(list -> Views.list("access_rules", list.stream()
                        .map(r -> DelegationViews.accessRule(v3, r)).toList(), uri));
    }

    @GET
    @Path("users/{user_id}/access_rules/{id}")
    @WithSession
    public Uni<Map<String, Object>> rule(@PathParam("user_id") String userId, @PathParam("id") String id) {
        policy.requireAccessRules(current.token(), userId, IdentityRules.GET_ACCESS_RULE);
        return credentials.rule(userId, id)
                .map(r -> Views.one("access_rule", DelegationViews.accessRule(Links.v3(uri), r)));
    }

    @DELETE
    @Path("users/{user_id}/access_rules/{id}")
    @WithTransaction
    public Uni<Response> deleteRule(@PathParam("user_id") String userId, @PathParam("id") String id) {
        policy.requireAccessRules(current.token(), userId, IdentityRules.DELETE_ACCESS_RULE);
        return credentials.rule(userId, id).chain(credentials::deleteRule)
                .map(ignored -> Response.noContent().build());
    }
}
