package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.auth.Token;
import io.jstack.identity.model.Role;
import io.jstack.identity.service.ApplicationCredentials;
import io.jstack.identity.service.DelegationPolicy;
import io.jstack.identity.service.Expiry;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Trusts;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

/** {@code /v3/OS-TRUST/trusts}: create, list, show and delete trusts, and the roles a trust delegates. */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TrustResource {

    private static final Set<String> FIELDS = Set.of("trustor_user_id", "trustee_user_id", "impersonation",
            "project_id", "remaining_uses", "expires_at", "allow_redelegation", "redelegation_count",
            "redelegated_trust_id", "roles", "id", "links", "roles_links", "deleted_at");
    private static final Pattern ID = Pattern.compile("^[a-zA-Z0-9-]+$");
    private static final Pattern NAME = Pattern.compile("[\\S]+");

    @Inject
    CurrentRequest current;

    @Inject
    DelegationPolicy policy;

    @Inject
    Trusts trusts;

    @Context
    UriInfo uri;

    @POST
    @Path("OS-TRUST/trusts")
    @WithTransaction
    public Uni<Response> create(JsonNode json) {
        Token token = current.token();
        if (json != null && json.isObject()) {
            Body.wrap(json, "request").only("request", Set.of("trust"));
        }
        Body body = Body.of(json, "trust");
        Trusts.Request request = parse(body);
        policy.requireTrustor(token, request.trustorUserId());
        return trusts.create(token, request).map(d -> Response.status(201)
                .entity(Views.one("trust", DelegationViews.trust(Links.v3(uri), d))).build());
    }

    /** Checks the create body as Keystone's schema does (other attributes are kept as the trust's extras). */
    private static Trusts.Request parse(Body body) {
        String trustor = body.requiredString("trustor_user_id", 0, 255);
        String trustee = body.requiredString("trustee_user_id", 0, 255);
        if (!body.has("impersonation")) {
            throw Body.invalid("impersonation", "'impersonation' is a required property");
        }
        Boolean impersonation = body.optionalBoolean("impersonation");
        if (impersonation == null) {
            throw Body.invalid("impersonation", "None is not of type 'boolean'");
        }
        String projectId = body.optionalString("project_id", 64);
        Integer remainingUses = body.optionalInteger("remaining_uses", 1);
        Instant expiresAt = Expiry.parse(body.optionalString("expires_at", 64), Instant.now());
        Boolean allowRedelegation = body.optionalBoolean("allow_redelegation");
        Integer redelegationCount = body.optionalInteger("redelegation_count", 0);
        body.optionalString("redelegated_trust_id", 64);
        List<ApplicationCredentials.RoleRef> roles = new ArrayList<>();
        List<Body> roleBodies = body.optionalObjects("roles");
        if (roleBodies != null) {
            for (Body r : roleBodies) {
                if (r.size() != 1) {
                    throw Body.invalid("roles", "a role is given by exactly one of id or name");
                }
                r.only("roles", Set.of("id", "name"));
                roles.add(new ApplicationCredentials.RoleRef(r.optionalString("id", 64, ID),
                        r.optionalString("name", 255, NAME)));
            }
        }
        return new Trusts.Request(trustor, trustee, impersonation, projectId, remainingUses, expiresAt,
                Boolean.TRUE.equals(allowRedelegation), redelegationCount, roles, body.extras(FIELDS));
    }

    @GET
    @Path("OS-TRUST/trusts")
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("trustor_user_id") String trustor,
                                         @QueryParam("trustee_user_id") String trustee) {
        Token token = current.token();
        policy.requireTrustList(token, trustor, trustee);
        String v3 = Links.v3(uri);
        if (trustor == null && trustee == null && !uri.getQueryParameters().isEmpty()) {
            // Keystone lists everything only when no parameter is given at all
            return Uni.createFrom().item(Views.list("trusts", List.of(), uri));
        }
        return trusts.list(trustor, trustee).map(list -> Views.list("trusts",
                list.stream().map(t -> DelegationViews.trust(v3, t, null)).toList(), uri));
    }

    @GET
    @Path("OS-TRUST/trusts/{id}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        Token token = current.token();
        return trusts.find(id).chain(t -> {
            policy.requireTrustParty(token, t, IdentityRules.GET_TRUST);
            return trusts.details(t);
        }).map(d -> Views.one("trust", DelegationViews.trust(Links.v3(uri), d)));
    }

    @DELETE
    @Path("OS-TRUST/trusts/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        Token token = current.token();
        return trusts.find(id).chain(t -> {
            policy.requireTrustDelete(token, t);
            return trusts.delete(t);
        }).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("OS-TRUST/trusts/{id}/roles")
    @WithSession
    public Uni<Map<String, Object>> roles(@PathParam("id") String id) {
        Token token = current.token();
        String v3 = Links.v3(uri);
        return trusts.find(id).chain(t -> {
            policy.requireTrustParty(token, t, IdentityRules.LIST_ROLES_FOR_TRUST);
            return trusts.details(t);
        }).map(d -> Views.list("roles", d.roles().stream().map(r -> Views.role(v3, r)).toList(), uri));
    }

    @GET
    @Path("OS-TRUST/trusts/{id}/roles/{role}")
    @WithSession
    public Uni<Map<String, Object>> role(@PathParam("id") String id, @PathParam("role") String roleId) {
        return delegatedRole(id, roleId).map(r -> Views.one("role", Views.role(Links.v3(uri), r)));
    }

    @HEAD
    @Path("OS-TRUST/trusts/{id}/roles/{role}")
    @WithSession
    public Uni<Response> checkRole(@PathParam("id") String id, @PathParam("role") String roleId) {
        return delegatedRole(id, roleId).map(r -> Response.ok().build());
    }

    private Uni<Role> delegatedRole(String id, String roleId) {
        Token token = current.token();
        return trusts.find(id).chain(t -> {
            policy.requireTrustParty(token, t, IdentityRules.GET_ROLE_FOR_TRUST);
            return trusts.details(t);
        }).map(d -> d.roles().stream().filter(r -> r.id.equals(roleId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Could not find role: " + roleId + ".")));
    }
}
