package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.identity.model.OAuthConsumer;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** OS-OAUTH1 consumers: the applications users may delegate to. Cloud admins only. */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OAuthConsumerResource {

    static final Set<String> FIELDS = Set.of("id", "description", "secret", "links");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Context
    UriInfo uri;

    static Uni<OAuthConsumer> find(String id) {
        return OAuthConsumer.<OAuthConsumer>findById(id).map(c -> {
            if (c == null) {
                throw ApiException.notFound("Could not find consumer: " + id + ".");
            }
            return c;
        });
    }

    @GET
    @Path("OS-OAUTH1/consumers")
    @WithSession
    public Uni<Map<String, Object>> list() {
        policy.authorize(current.token(), IdentityRules.LIST_CONSUMERS);
        String v3 = Links.v3(uri);
        return OAuthConsumer.<OAuthConsumer>list("order by id")
                .map(list -> Views.list("consumers", list.stream().map(c -> Views.consumer(v3, c)).toList(), uri));
    }

    @GET
    @Path("OS-OAUTH1/consumers/{id}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.GET_CONSUMER);
        return find(id).map(c -> Views.one("consumer", Views.consumer(Links.v3(uri), c)));
    }

    /** The only answer that carries the secret: the consumer needs it to sign, and it is not shown again. */
    @POST
    @Path("OS-OAUTH1/consumers")
    @WithTransaction
    public Uni<Response> create(JsonNode json) {
        policy.authorize(current.token(), IdentityRules.CREATE_CONSUMER);
        Body body = Body.of(json, "consumer");
        if (body.has("secret")) {
            throw Body.invalid("secret", "the secret is chosen by the server");
        }
        OAuthConsumer c = new OAuthConsumer();
        c.id = Ids.newId();
        c.description = body.optionalString("description", 65535);
        c.secret = newSecret();
        c.extra = body.extras(FIELDS);
        return c.<OAuthConsumer>persist().map(saved -> {
            Map<String, Object> view = new LinkedHashMap<>(Views.consumer(Links.v3(uri), saved));
            view.put("secret", saved.secret);
            return Response.status(201).entity(Views.one("consumer", view)).build();
        });
    }

    @PATCH
    @Path("OS-OAUTH1/consumers/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        policy.authorize(current.token(), IdentityRules.UPDATE_CONSUMER);
        Body body = Body.of(json, "consumer");
        if (body.has("secret")) {
            throw Body.invalid("secret", "a consumer's secret cannot be changed");
        }
        return find(id).map(c -> {
            if (body.has("description")) {
                c.description = body.optionalString("description", 65535);
            }
            c.extra = body.mergeExtras(c.extra, FIELDS);
            return Views.one("consumer", Views.consumer(Links.v3(uri), c));
        });
    }

    @DELETE
    @Path("OS-OAUTH1/consumers/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.DELETE_CONSUMER);
        return find(id).chain(c -> OAuthConsumer.delete("id", c.id)).map(ignored -> Response.noContent().build());
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
