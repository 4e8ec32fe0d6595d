package io.jstack.compute.api;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.policy.Target;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceAction;
import io.jstack.compute.model.InstanceActionEvent;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.ComputeSettings;
import io.jstack.compute.service.Hql;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.ServerQuery;
import io.jstack.compute.service.Servers;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * os-instance-actions: the requests made on a server and the events of each. From 2.21 a deleted server's actions
 * can still be read; from 2.51 members see events (admins see tracebacks and, from 2.62, hosts).
 */
@Path("/v2.1/servers/{id}/os-instance-actions")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceActionResource {

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    Links links;

    @Inject
    ComputeSettings settings;

    @Context
    UriInfo uri;

    private Uni<Instance> instance(RequestContext ctx, String id) {
        return Instance.<Instance>findById(id).map(i -> {
            if (i == null || (i.deleted && !version.atLeast(21))
                    || (!policy.isAdmin(ctx) && !i.projectId.equals(ctx.projectId()))) {
                throw Servers.notFound(id);
            }
            return i;
        });
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("id") String id) {
        RequestContext ctx = current.context();
        Query q = Query.of(uri);
        boolean paged = version.atLeast(58);
        if (paged) {
            q.only(version.atLeast(66) ? List.of("limit", "marker", "changes-since", "changes-before")
                    : List.of("limit", "marker", "changes-since"));
        }
        return instance(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.INSTANCE_ACTIONS_LIST, i.projectId);
            Hql where = new Hql().and("instanceUuid = {}", i.uuid);
            int limit = paged ? q.limit(settings.maxLimit()) : Integer.MAX_VALUE;
            if (paged) {
                Instant since = q.has("changes-since") ? ServerQuery.time("changes-since", q.get("changes-since"))
                        : null;
                if (since != null) {
                    where.and("updatedAt >= {}", since);
                }
                if (version.atLeast(66) && q.has("changes-before")) {
                    Instant before = ServerQuery.time("changes-before", q.get("changes-before"));
                    if (since != null && before.isBefore(since)) {
                        throw ApiException.badRequest("The value of changes-since must be less than or equal to "
                                + "changes-before.");
                    }
                    where.and("updatedAt <= {}", before);
                }
            }
            String marker = paged ? q.get("marker") : null;
            Uni<Hql> withMarker = marker == null ? Uni.createFrom().item(where)
                    : InstanceAction.<InstanceAction>find("instanceUuid = ?1 and requestId = ?2", i.uuid, marker)
                    .firstResult().map(m -> {
                        if (m == null) {
                            throw ApiException.badRequest("Marker " + marker + " could not be found.");
                        }
                        return where.and("(startTime < {} or (startTime = {} and id < {}))", m.startTime,
                                m.startTime, m.id);
                    });
            return withMarker.chain(w -> InstanceAction.<InstanceAction>find(w.where()
                            + " order by startTime desc, id desc", w.params()).page(0, Math.max(1, limit)).list()
                    .map(l -> Query.first(l, limit)));
        }).map(actions -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("instanceActions", actions.stream().map(this::action).toList());
            if (paged && q.pageFull(actions.size(), settings.maxLimit())) {
                out.put("links", links.next(uri, "servers/" + id + "/os-instance-actions",
                        actions.getLast().requestId));
            }
            return out;
        });
    }

    private Map<String, Object> action(InstanceAction a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("action", a.action);
        v.put("instance_uuid", a.instanceUuid);
        v.put("request_id", a.requestId);
        v.put("user_id", a.userId);
        v.put("project_id", a.projectId);
        v.put("start_time", Times.micros(a.startTime));
        v.put("message", a.message);
        if (version.atLeast(58)) {
            v.put("updated_at", Times.micros(a.updatedAt));
        }
        return v;
    }

    @GET
    @Path("{requestId}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @PathParam("requestId") String requestId) {
        RequestContext ctx = current.context();
        return instance(ctx, id).chain(i -> {
            policy.authorize(ctx, ComputeRules.INSTANCE_ACTIONS_SHOW, i.projectId);
            // events (with their tracebacks and hosts) are for admins; from 2.51 everyone sees events without them
            boolean admin = policy.allows(ctx, ComputeRules.INSTANCE_ACTIONS_EVENTS, Target.of("project_id",
                    i.projectId));
            return InstanceAction.<InstanceAction>find(
                "instanceUuid = ?1 and requestId = ?2", i.uuid, requestId).firstResult().chain(a -> {
                    if (a == null) {
                        throw ApiException.notFound("Action " + requestId + " not found");
                    }
                    Map<String, Object> v = action(a);
                    if (!admin && !version.atLeast(51)) {
                        return Uni.createFrom().item(v);
                    }
                    return InstanceActionEvent.<InstanceActionEvent>list("actionId = ?1 order by startTime, id",
                            a.id).map(events -> {
                                v.put("events", events.stream().map(e -> event(e, admin,
                                        a.projectId != null ? a.projectId : i.projectId)).toList());
                                return v;
                            });
                });
        }).map(v -> Map.of("instanceAction", v));
    }

    private Map<String, Object> event(InstanceActionEvent e, boolean admin, String projectId) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("event", e.event);
        v.put("start_time", Times.micros(e.startTime));
        v.put("finish_time", Times.micros(e.finishTime));
        v.put("result", e.result);
        if (admin) {
            v.put("traceback", e.traceback);
            if (version.atLeast(62)) {
                v.put("host", e.host == null ? "" : e.host);
            }
        }
        if (version.atLeast(62)) {
            v.put("hostId", ServerView.hostId(e.host, projectId));
        }
        if (admin && version.atLeast(84)) {
            v.put("details", e.details);
        }
        return v;
    }

}
