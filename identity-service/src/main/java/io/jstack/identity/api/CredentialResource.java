package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.auth.Token;
import io.jstack.common.policy.RuleDefault;
import io.jstack.identity.model.Credential;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.User;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Ids;
import io.jstack.identity.service.Policy;
import io.jstack.identity.service.PolicyTargets;
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

import java.util.Map;
import java.util.Set;

/**
 * {@code /v3/credentials}: secrets users keep for other authentication schemes. Cloud admins manage everyone's;
 * a user manages their own. An {@code ec2} credential's id is derived from its access key.
 */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CredentialResource {

    static final Set<String> FIELDS = Set.of("id", "user_id", "project_id", "type", "blob", "links");

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Context
    UriInfo uri;

    static Uni<Credential> find(String id) {
        return Credential.<Credential>findById(id).map(c -> {
            if (c == null) {
                throw ApiException.notFound("Could not find credential: " + id + ".");
            }
            return c;
        });
    }

    /** The credential, if the caller may act on it: cloud admins on any, users on their own. */
    private Uni<Credential> owned(Token token, String id, RuleDefault rule) {
        return find(id).invoke(c -> policy.authorize(token, rule, PolicyTargets.credential(c.userId)));
    }

    @GET
    @Path("credentials")
    @WithSession
    public Uni<Map<String, Object>> list() {
        Token token = current.token();
        Where where = ListFilters.of(uri, ListFilters.Attribute.string("user_id", "userId"), ListFilters.Attribute.string("type", "type")).apply(new Where())
                .eq("userId", policy.listScope(token, IdentityRules.LIST_CREDENTIALS, "target.credential.user_id",
                        token.user().id()));
        String v3 = Links.v3(uri);
        return Credential.<Credential>list(where.hql("id"), where.params())
                .map(list -> Views.list("credentials", list.stream().map(c -> Views.credential(v3, c)).toList(), uri));
    }

    @GET
    @Path("credentials/{id}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        return owned(current.token(), id, IdentityRules.GET_CREDENTIAL)
                .map(c -> Views.one("credential", Views.credential(Links.v3(uri), c)));
    }

    @POST
    @Path("credentials")
    @WithTransaction
    public Uni<Response> create(JsonNode json) {
        Token token = current.token();
        Body body = Body.of(json, "credential");
        Credential c = new Credential();
        c.userId = body.requiredString("user_id", 1, 64);
        c.projectId = body.optionalString("project_id", 64);
        c.type = body.requiredString("type", 1, 255);
        c.blob = body.requiredString("blob", 1, 65535);
        c.extra = body.extras(FIELDS);
        policy.authorize(token, IdentityRules.CREATE_CREDENTIAL, PolicyTargets.credential(c.userId));
        c.id = Credential.EC2.equals(c.type) ? Credential.ec2Id(ec2Access(c)) : Ids.newId();
        return references(c).chain(() -> Credential.findById(c.id)).chain(existing -> {
            if (existing != null) {
                throw ApiException.conflict("Conflict occurred attempting to store credential - Duplicate ID, "
                        + c.id + ".");
            }
            return c.<Credential>persist();
        }).map(saved -> Response.status(201)
                .entity(Views.one("credential", Views.credential(Links.v3(uri), saved))).build());
    }

    @PATCH
    @Path("credentials/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        Token token = current.token();
        Body body = Body.of(json, "credential");
        return owned(token, id, IdentityRules.UPDATE_CREDENTIAL).chain(c -> {
            if (body.has("user_id")) {
                c.userId = body.requiredString("user_id", 1, 64);
                // moving a credential to another user is as much as creating one for them
                policy.authorize(token, IdentityRules.UPDATE_CREDENTIAL, PolicyTargets.credential(c.userId));
            }
            if (body.has("project_id")) {
                c.projectId = body.optionalString("project_id", 64);
            }
            if (body.has("type")) {
                c.type = body.requiredString("type", 1, 255);
            }
            if (body.has("blob")) {
                c.blob = body.requiredString("blob", 1, 65535);
            }
            c.extra = body.mergeExtras(c.extra, FIELDS);
            if (Credential.EC2.equals(c.type)) {
                // the id stays: it is how clients already name this credential
                ec2Access(c);
            }
            return references(c).map(ignored -> Views.one("credential", Views.credential(Links.v3(uri), c)));
        });
    }

    @DELETE
    @Path("credentials/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        return owned(current.token(), id, IdentityRules.DELETE_CREDENTIAL).chain(c -> Credential.delete("id", c.id))
                .map(ignored -> Response.noContent().build());
    }

    /** An EC2 credential needs a project, and a blob that is a JSON object with an access key. */
    private static String ec2Access(Credential c) {
        if (c.projectId == null) {
            throw Body.invalid("project_id", "an ec2 credential needs a project_id");
        }
        JsonNode blob = Body.parse(c.blob);
        if (blob == null || !blob.isObject() || !blob.path("access").isTextual()
                || blob.get("access").textValue().isEmpty()) {
            throw Body.invalid("blob", "an ec2 credential's blob is a JSON object with an 'access' key");
        }
        return blob.get("access").textValue();
    }

    /** The user and project named must exist: a dangling owner would be a credential nobody can use. */
    private static Uni<Void> references(Credential c) {
        Uni<Void> user = User.<User>findById(c.userId).map(u -> {
            if (u == null) {
                throw Body.invalid("user_id", "no user " + c.userId);
            }
            return null;
        });
        return user.chain(() -> c.projectId == null ? Uni.createFrom().voidItem()
                : Project.<Project>findById(c.projectId).map(p -> {
                    if (p == null) {
                        throw Body.invalid("project_id", "no project " + c.projectId);
                    }
                    return null;
                })).replaceWithVoid();
    }
}
