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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OS-EC2: a user's EC2-style key pairs for a project, under {@code /v3/users/{user_id}/credentials/OS-EC2}. They
 * are ordinary credentials of type {@code ec2} (so {@code /v3/credentials} shows them too), named here by their
 * access key. The user manages their own; cloud admins anyone's.
 */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Ec2CredentialResource {

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Context
    UriInfo uri;

    /** The user, once the caller is known to be allowed to manage their EC2 credentials. */
    private Uni<User> owner(String userId, RuleDefault rule) {
        Token token = current.token();
        policy.authorize(token, rule, PolicyTargets.credential(userId).with("user_id", userId));
        return UserResource.find(userId);
    }

    /** The user's EC2 credential with this access key; another user's is not found. */
    private static Uni<Credential> find(String userId, String access) {
        return Credential.<Credential>findById(Credential.ec2Id(access)).map(c -> {
            if (c == null || !Credential.EC2.equals(c.type) || !c.userId.equals(userId)) {
                throw ApiException.notFound("Could not find credential: " + access + ".");
            }
            return c;
        });
    }

    @POST
    @Path("users/{user_id}/credentials/OS-EC2")
    @WithTransaction
    public Uni<Response> create(@PathParam("user_id") String userId, JsonNode json) {
        Body body = Body.wrap(json, "request body");
        String tenantId = body.requiredString("tenant_id", 1, 64);
        return owner(userId, IdentityRules.EC2_CREATE_CREDENTIAL).chain(user -> Project.<Project>findById(tenantId).chain(p -> {
            if (p == null) {
                throw Body.invalid("tenant_id", "no project " + tenantId);
            }
            String access = Ids.newId();
            Map<String, Object> blob = new LinkedHashMap<>();
            blob.put("access", access);
            blob.put("secret", Ids.newId());
            blob.put("trust_id", null);
            Credential c = new Credential();
            c.id = Credential.ec2Id(access);
            c.userId = user.id;
            c.projectId = p.id;
            c.type = Credential.EC2;
            c.blob = Body.write(blob);
            return c.<Credential>persist();
        })).map(saved -> Response.status(201)
                .entity(Views.one("credential", Views.ec2Credential(Links.v3(uri), saved))).build());
    }

    @GET
    @Path("users/{user_id}/credentials/OS-EC2")
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("user_id") String userId) {
        String v3 = Links.v3(uri);
        return owner(userId, IdentityRules.EC2_LIST_CREDENTIALS)
                .chain(user -> Credential.<Credential>list("userId = ?1 and type = ?2 order by id", user.id,
                        Credential.EC2))
                .map(list -> Views.list("credentials",
                        list.stream().map(c -> Views.ec2Credential(v3, c)).toList(), uri));
    }

    @GET
    @Path("users/{user_id}/credentials/OS-EC2/{access}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("user_id") String userId, @PathParam("access") String access) {
        return owner(userId, IdentityRules.EC2_GET_CREDENTIAL).chain(user -> find(user.id, access))
                .map(c -> Views.one("credential", Views.ec2Credential(Links.v3(uri), c)));
    }

    @DELETE
    @Path("users/{user_id}/credentials/OS-EC2/{access}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("user_id") String userId, @PathParam("access") String access) {
        return owner(userId, IdentityRules.EC2_DELETE_CREDENTIAL).chain(user -> find(user.id, access))
                .chain(c -> Credential.delete("id", c.id)).map(ignored -> Response.noContent().build());
    }
}
