package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.identity.model.PolicyBlob;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Ids;
import io.jstack.identity.service.Policy;
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
 * {@code /v3/policies}: policy documents stored for services to fetch. They are opaque here (a blob and its
 * media type); this service's own authorization is {@link Policy}. Cloud admins only.
 */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    static final Set<String> FIELDS = Set.of("id", "type", "blob", "links");

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Context
    UriInfo uri;

    static Uni<PolicyBlob> find(String id) {
        return PolicyBlob.<PolicyBlob>findById(id).map(p -> {
            if (p == null) {
                throw ApiException.notFound("Could not find policy: " + id + ".");
            }
            return p;
        });
    }

    @GET
    @Path("policies")
    @WithSession
    public Uni<Map<String, Object>> list() {
        policy.authorize(current.token(), IdentityRules.LIST_POLICIES);
        Where where = ListFilters.of(uri, ListFilters.Attribute.string("type", "type")).apply(new Where());
        String v3 = Links.v3(uri);
        return PolicyBlob.<PolicyBlob>list(where.hql("id"), where.params())
                .map(list -> Views.list("policies", list.stream().map(p -> Views.policy(v3, p)).toList(), uri));
    }

    @GET
    @Path("policies/{id}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.GET_POLICY);
        return find(id).map(p -> Views.one("policy", Views.policy(Links.v3(uri), p)));
    }

    @POST
    @Path("policies")
    @WithTransaction
    public Uni<Response> create(JsonNode json) {
        policy.authorize(current.token(), IdentityRules.CREATE_POLICY);
        Body body = Body.of(json, "policy");
        PolicyBlob p = new PolicyBlob();
        p.id = Ids.newId();
        p.blob = body.requiredString("blob", 1, 1_000_000);
        p.type = body.requiredString("type", 1, 255);
        p.extra = body.extras(FIELDS);
        return p.<PolicyBlob>persist().map(saved -> Response.status(201)
                .entity(Views.one("policy", Views.policy(Links.v3(uri), saved))).build());
    }

    @PATCH
    @Path("policies/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        policy.authorize(current.token(), IdentityRules.UPDATE_POLICY);
        Body body = Body.of(json, "policy");
        return find(id).map(p -> {
            if (body.has("blob")) {
                p.blob = body.requiredString("blob", 1, 1_000_000);
            }
            if (body.has("type")) {
                p.type = body.requiredString("type", 1, 255);
            }
            p.extra = body.mergeExtras(p.extra, FIELDS);
            return Views.one("policy", Views.policy(Links.v3(uri), p));
        });
    }

    @DELETE
    @Path("policies/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.DELETE_POLICY);
        return find(id).chain(p -> PolicyBlob.delete("id", p.id)).map(ignored -> Response.noContent().build());
    }
}
