package io.jstack.compute.api;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.api.Failures;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.compute.ComputeRpc;
import io.jstack.common.policy.RuleDefault;
import io.jstack.common.quarkus.ComputeClients;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.ServerActions;
import io.jstack.compute.service.Servers;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * Server sub-resources that are empty in a cloud without a network or volume service: addresses, volume
 * attachments, security groups; the server password, which guests here never post; and diagnostics.
 */
@Path("/v2.1/servers/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class ServerExtrasResource {

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Inject
    Servers servers;

    @Inject
    RequestVersion version;

    @Inject
    ServerActions actions;

    @Inject
    ComputeClients rpcs;

    private Uni<Void> readable(String id, RuleDefault rule) {
        RequestContext ctx = current.context();
        return servers.find(ctx, id).map(i -> {
            policy.authorize(ctx, rule, i.projectId);
            return null;
        });
    }

    @GET
    @Path("ips")
    @WithSession
    public Uni<Map<String, Object>> ips(@PathParam("id") String id) {
        return readable(id, ComputeRules.IPS_INDEX).map(x -> Map.of("addresses", Map.of()));
    }

    @GET
    @Path("ips/{network}")
    @WithSession
    public Uni<Map<String, Object>> network(@PathParam("id") String id, @PathParam("network") String network) {
        return readable(id, ComputeRules.IPS_SHOW).map(x -> {
            throw ApiException.notFound("Network " + network + " could not be found.");
        });
    }

    @GET
    @Path("os-volume_attachments")
    @WithSession
    public Uni<Map<String, Object>> volumeAttachments(@PathParam("id") String id) {
        return readable(id, ComputeRules.VOLUME_ATTACHMENTS_INDEX).map(x -> Map.of("volumeAttachments", List.of()));
    }

    @GET
    @Path("os-security-groups")
    @WithSession
    public Uni<Map<String, Object>> securityGroups(@PathParam("id") String id) {
        return readable(id, ComputeRules.SECURITY_GROUPS_LIST).map(x -> Map.of("security_groups", List.of()));
    }

    @GET
    @Path("os-server-password")
    @WithSession
    public Uni<Map<String, Object>> password(@PathParam("id") String id) {
        return readable(id, ComputeRules.SERVER_PASSWORD_SHOW).map(x -> Map.of("password", ""));
    }

    @DELETE
    @Path("os-server-password")
    @WithSession
    public Uni<Response> clearPassword(@PathParam("id") String id) {
        RequestContext ctx = current.context();
        return servers.find(ctx, id).map(i -> {
            policy.authorize(ctx, ComputeRules.SERVER_PASSWORD_CLEAR, i.projectId);
            return Response.noContent().build();
        });
    }

    /** Server migrations (2.23): none happen here yet. */
    @GET
    @Path("migrations")
    @WithSession
    public Uni<Map<String, Object>> ofServer(@PathParam("id") String id) {
        RequestContext ctx = current.context();
        if (!version.atLeast(23)) {
            throw ApiException.notFound("The resource could not be found.");
        }
        policy.authorize(ctx, ComputeRules.SERVERS_MIGRATIONS_INDEX);
        return servers.find(ctx, id).map(i -> Map.of("migrations", List.of()));
    }

    @GET
    @Path("migrations/{migration}")
    @WithSession
    public Uni<Map<String, Object>> one(@PathParam("id") String id, @PathParam("migration") String migration) {
        RequestContext ctx = current.context();
        if (!version.atLeast(23)) {
            throw ApiException.notFound("The resource could not be found.");
        }
        policy.authorize(ctx, ComputeRules.SERVERS_MIGRATIONS_SHOW);
        return servers.find(ctx, id).map(i -> {
            throw ApiException.notFound("Migration " + migration + " could not be found.");
        });
    }

    /**
     * Server diagnostics, from the hypervisor through the instance's compute agent: Nova's standard shape from
     * microversion 2.48, the libvirt driver's flat legacy keys before it.
     */
    @GET
    @Path("diagnostics")
    @WithSession
    public Uni<Map<String, Object>> diagnostics(@PathParam("id") String id) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.SERVER_DIAGNOSTICS);
        return servers.find(ctx, id).chain(i -> {
            if (i.host == null) {
                throw ApiException.conflict("Cannot 'get_diagnostics' instance " + i.uuid
                        + " while it is in vm_state " + i.vmState);
            }
            return actions.hostUp(i.host).chain(up -> {
                if (!up) {
                    throw ApiException.conflict("Compute service of " + i.host + " is unavailable at this time.");
                }
                return ComputeClients.uni(() -> rpcs.compute(i.host).getDiagnostics(ctx,
                        new ComputeRpc.InstanceRef(i.uuid)));
            });
        })
                // the agent's own refusal (no such guest there) is a conflict; an outage stays a 503
                .onFailure(e -> Failures.classify(e).isEmpty() && !(e instanceof ApiException)).transform(e ->
                        ApiException.conflict("Unable to get diagnostics of the instance: " + e.getMessage()))
                .map(d -> version.atLeast(48) ? DiagnosticsView.standard(d) : DiagnosticsView.legacy(d));
    }
}
