package io.jstack.identity.api;

import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.auth.Token;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Policy;
import io.jstack.identity.service.RevocationService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** {@code GET /v3/OS-REVOKE/events}: for services (and admins) that verify tokens themselves. */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
public class RevokeResource {

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Inject
    RevocationService revocation;

    @Context
    UriInfo uri;

    @GET
    @Path("OS-REVOKE/events")
    @WithSession
    public Uni<Map<String, Object>> events(@QueryParam("since") String since) {
        Token token = current.token();
        policy.authorize(token, IdentityRules.LIST_REVOKE_EVENTS);
        Instant from;
        try {
            from = since == null ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw Body.invalid("since", "'" + since + "' is not an ISO 8601 time");
        }
        return revocation.since(from).map(events -> Views.list("events", events, uri));
    }
}
