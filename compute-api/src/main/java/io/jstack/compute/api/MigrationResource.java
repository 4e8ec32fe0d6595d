package io.jstack.compute.api;

import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.Policy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;

/** os-migrations: none happen here yet (no resize or migration), so the list is empty. */
@Path("/v2.1/os-migrations")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationResource {

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Context
    UriInfo uri;

    @GET
    public Map<String, Object> list() {
        policy.authorize(current.context(), ComputeRules.MIGRATIONS_INDEX);
        Query q = Query.of(uri);
        if (version.atLeast(59)) {
            List<String> allowed = new java.util.ArrayList<>(List.of("hidden", "host", "instance_uuid",
                    "source_compute", "status", "migration_type", "limit", "marker", "changes-since"));
            if (version.atLeast(66)) {
                allowed.add("changes-before");
            }
            if (version.atLeast(80)) {
                allowed.addAll(List.of("user_id", "project_id"));
            }
            q.only(allowed);
            for (String time : List.of("changes-since", "changes-before")) {
                if (q.has(time)) {
                    io.jstack.compute.service.ServerQuery.time(time, q.get(time));
                }
            }
        }
        String marker = q.get("marker");
        if (marker != null && version.atLeast(59)) {
            throw ApiException.badRequest("Marker " + marker + " could not be found.");
        }
        Query.of(uri).nonNegative("limit");
        return Map.of("migrations", List.of());
    }
}
