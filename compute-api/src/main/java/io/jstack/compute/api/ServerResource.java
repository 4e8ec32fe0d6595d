package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.policy.Target;
import io.jstack.compute.model.Instance;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.ComputeSettings;
import io.jstack.compute.service.CreateServer;
import io.jstack.compute.service.InstanceActions;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.ServerCreator;
import io.jstack.compute.service.ServerDeleter;
import io.jstack.compute.service.ServerDetails;
import io.jstack.compute.service.ServerQuery;
import io.jstack.compute.service.Servers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Servers: list (brief and detail), show, create, update, delete. */
@Path("/v2.1/servers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerResource {

    private static final Pattern HOSTNAME = Pattern.compile("^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$");
    private static final Pattern FQDN = Pattern.compile("^[a-zA-Z0-9-._]*$");

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    Servers servers;

    @Inject
    ServerDetails details;

    @Inject
    ServerView view;

    @Inject
    ServerCreator creator;

    @Inject
    ServerDeleter deleter;

    @Inject
    Links links;

    @Inject
    ComputeSettings settings;

    @Context
    UriInfo uri;

    @GET
    @WithSession
    public Uni<Map<String, Object>> list() {
        policy.authorize(current.context(), ComputeRules.SERVERS_INDEX);
        return page(false).map(list -> listView(list.stream().map(i -> view.brief(uri, i)).toList(), list, false));
    }

    @GET
    @Path("detail")
    @WithSession
    public Uni<Map<String, Object>> detail() {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.SERVERS_DETAIL);
        ServerView.Options options = ServerView.Options.detail(extendedAttributes(ctx));
        return page(true).chain(list -> details.load(list, options.shown(version.get())).map(data -> listView(
                data.stream().map(d -> view.detail(uri, d, version.get(), options)).toList(), list, true)));
    }

    /** Whether the caller sees the OS-EXT-SRV-ATTR fields and fault details (admins, by default). */
    private boolean extendedAttributes(RequestContext ctx) {
        return policy.allows(ctx, ComputeRules.EXTENDED_SERVER_ATTRIBUTES, own(ctx));
    }

    private static Target own(RequestContext ctx) {
        return Target.of("project_id", ctx.projectId(), "user_id", ctx.userId());
    }

    private Map<String, Object> listView(List<Map<String, Object>> items, List<Instance> rows, boolean detail) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("servers", items);
        if (Query.of(uri).pageFull(rows.size(), settings.maxLimit())) {
            out.put("servers_links", links.next(uri, detail ? "servers/detail" : "servers", rows.getLast().uuid));
        }
        return out;
    }

    private Uni<List<Instance>> page(boolean detail) {
        RequestContext ctx = current.context();
        Query q = Query.of(uri);
        ServerQuery query = ServerFilters.build(q, version.get(), ctx, policy, detail);
        int limit = q.limit(settings.maxLimit());
        String marker = q.get("marker");
        Uni<Instance> after = marker == null ? Uni.createFrom().nullItem()
                : Instance.<Instance>findById(marker).map(m -> {
                    if (m == null) {
                        throw ApiException.badRequest("marker [" + marker + "] not found");
                    }
                    return m;
                });
        return after.chain(m -> query.page(m, limit));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id) {
        RequestContext ctx = current.context();
        ServerView.Options options = ServerView.Options.show(extendedAttributes(ctx), version.get());
        return servers.find(ctx, id).invoke(i -> policy.authorize(ctx, ComputeRules.SERVERS_SHOW, i.projectId))
                .chain(i -> details.load(i, options.shown(version.get())))
                .map(d -> Map.of("server", view.detail(uri, d, version.get(), options)));
    }

    @POST
    public Uni<Response> create(JsonNode json) {
        RequestContext ctx = current.context();
        CreateServer req = ServerCreateParser.parse(json, version.get(), rule -> policy.allows(ctx, rule, own(ctx)));
        return creator.create(ctx, req).map(created -> {
            if (req.returnReservationId()) {
                return Response.accepted(Map.of("reservation_id", created.reservationId())).build();
            }
            Instance first = created.instances().getFirst();
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("id", first.uuid);
            server.put("links", links.of(uri, "servers", first.uuid));
            server.put("OS-DCF:diskConfig", first.diskConfig);
            server.put("security_groups", securityGroups(json));
            if (created.adminPass() != null) {
                server.put("adminPass", created.adminPass());
            }
            return Response.accepted(Map.of("server", server))
                    .header("Location", links.v21(uri) + "/servers/" + first.uuid).build();
        });
    }

    /** The create response names the groups asked for (none exist without a network service), or "default". */
    private static Object securityGroups(JsonNode json) {
        JsonNode asked = json.path("server").get("security_groups");
        if (asked != null && asked.isArray()) {
            return asked;
        }
        return List.of(Map.of("name", "default"));
    }

    @PUT
    @Path("{id}")
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        RequestContext ctx = current.context();
        ApiVersion v = version.get();
        ServerView.Options options = ServerView.Options.update(extendedAttributes(ctx), v);
        Body.onlyKeys(json, List.of("server"));
        Body body = Body.of(json, "server");
        List<String> allowed = new java.util.ArrayList<>(List.of("name", "OS-DCF:diskConfig", "accessIPv4",
                "accessIPv6"));
        if (v.atLeast(19)) {
            allowed.add("description");
        }
        if (v.atLeast(90)) {
            allowed.add("hostname");
        }
        body.only(allowed);
        String name = body.has("name") ? body.name("name", true, 255) : null;
        String description = body.has("description") ? body.nullableString("description", 0, 255) : null;
        String hostname = body.has("hostname") ? body.string("hostname", true, 1, 255) : null;
        if (hostname != null && !(v.atLeast(94) ? FQDN : HOSTNAME).matcher(hostname).matches()) {
            throw Body.invalid("hostname", body.raw("hostname"), "'" + hostname + "' is not a valid hostname");
        }
        String diskConfig = body.string("OS-DCF:diskConfig", false, 1, 16);
        if (diskConfig != null && !diskConfig.equals("AUTO") && !diskConfig.equals("MANUAL")) {
            throw Body.invalid("OS-DCF:diskConfig", body.raw("OS-DCF:diskConfig"),
                    "'" + diskConfig + "' is not one of ['AUTO', 'MANUAL']");
        }
        String ipv4 = body.string("accessIPv4", false, 0, 64);
        if (ipv4 != null && !ServerCreateParser.IPV4.matcher(ipv4).matches()) {
            throw Body.invalid("accessIPv4", body.raw("accessIPv4"), "'" + ipv4 + "' is not a 'ipv4'");
        }
        String given6 = body.string("accessIPv6", false, 0, 64);
        String ipv6 = given6 == null ? null : Addresses.ipv6(given6);
        if (given6 != null && ipv6 == null) {
            throw Body.invalid("accessIPv6", body.raw("accessIPv6"), "'" + given6 + "' is not a 'ipv6'");
        }
        return Panache.withTransaction(() -> servers.find(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.SERVERS_UPDATE, i.projectId);
            if (name != null) {
                i.displayName = name;
            }
            if (body.has("description")) {
                i.displayDescription = description;
            }
            if (hostname != null) {
                i.hostname = hostname;
            }
            if (diskConfig != null) {
                i.diskConfig = diskConfig;
            }
            if (ipv4 != null) {
                i.accessIpV4 = ipv4;
            }
            if (ipv6 != null) {
                i.accessIpV6 = ipv6;
            }
            i.updatedAt = Instant.now();
            return details.load(i, options.shown(v));
        })).map(d -> Map.of("server", view.detail(uri, d, v, options)));
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        RequestContext ctx = current.context();
        return Panache.withSession(() -> servers.find(ctx, id)).chain(i -> {
            policy.authorize(ctx, ComputeRules.SERVERS_DELETE, i.projectId);
            return deleter.delete(ctx, id, InstanceActions.DELETE);
        }).map(x -> Response.noContent().build());
    }
}
