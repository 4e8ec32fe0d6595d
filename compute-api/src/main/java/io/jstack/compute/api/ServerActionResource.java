package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.api.Failures;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.compute.ComputeRpc;
import io.jstack.common.policy.RuleDefault;
import io.jstack.common.quarkus.ComputeClients;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.StateChange;
import io.jstack.compute.model.VmStates;
import io.jstack.compute.service.ActionRule;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.InstanceActions;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.ServerActions;
import io.jstack.compute.service.ServerDeleter;
import io.jstack.compute.service.Servers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * POST /servers/{id}/action: one action per request, named by the body's only key. The state rules are Nova's
 * (check_instance_state); every transition is a compare-and-swap, so of two concurrent actions one is accepted
 * and the other is a 409.
 */
@Path("/v2.1/servers/{id}/action")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class ServerActionResource {

    /** Actions Nova has that this cloud does not perform (yet). */
    private static final Set<String> UNSUPPORTED = Set.of("resize", "confirmResize", "revertResize", "rebuild",
            "createImage", "createBackup", "migrate", "os-migrateLive", "evacuate", "shelve", "shelveOffload",
            "unshelve", "rescue", "unrescue", "changePassword", "trigger_crash_dump", "injectNetworkInfo",
            "os-getVNCConsole", "os-getSPICEConsole", "os-getSerialConsole", "addFloatingIp", "removeFloatingIp",
            "addFixedIp", "removeFixedIp");

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    Servers servers;

    @Inject
    ServerActions actions;

    @Inject
    ServerDeleter deleter;

    @Inject
    ComputeClients rpcs;

    @POST
    public Uni<Response> action(@PathParam("id") String id, JsonNode json) {
        RequestContext ctx = current.context();
        if (json == null || !json.isObject() || json.isEmpty()) {
            throw ApiException.badRequest("Malformed request body");
        }
        String action = json.fieldNames().next();
        if (json.size() > 1) {
            throw ApiException.badRequest("There is no such action: " + String.join(",", (Iterable<String>)
                    json::fieldNames));
        }
        JsonNode arg = json.get(action);
        return Panache.withSession(() -> servers.find(ctx, id)).chain(i -> switch (action) {
            case "os-stop" -> simple(ctx, i, ServerActions.STOP, ComputeRules.SERVERS_STOP, arg,
                    c -> c.stopInstance(ctx, new ComputeRpc.InstanceRef(id)));
            case "os-start" -> simple(ctx, i, ServerActions.START, ComputeRules.SERVERS_START, arg,
                    c -> c.startInstance(ctx, new ComputeRpc.InstanceRef(id)));
            case "pause" -> simple(ctx, i, ServerActions.PAUSE, ComputeRules.PAUSE, arg,
                    c -> c.pauseInstance(ctx, new ComputeRpc.InstanceRef(id)));
            case "unpause" -> simple(ctx, i, ServerActions.UNPAUSE, ComputeRules.UNPAUSE, arg,
                    c -> c.unpauseInstance(ctx, new ComputeRpc.InstanceRef(id)));
            case "suspend" -> simple(ctx, i, ServerActions.SUSPEND, ComputeRules.SUSPEND, arg,
                    c -> c.suspendInstance(ctx, new ComputeRpc.InstanceRef(id)));
            case "resume" -> simple(ctx, i, ServerActions.RESUME, ComputeRules.RESUME, arg,
                    c -> c.resumeInstance(ctx, new ComputeRpc.InstanceRef(id)));
            case "reboot" -> reboot(ctx, i, arg);
            case "lock" -> lock(ctx, i, arg);
            case "unlock" -> unlock(ctx, i, arg);
            case "os-getConsoleOutput" -> consoleOutput(ctx, i, arg);
            case "os-resetState" -> resetState(ctx, i, arg);
            case "forceDelete" -> forceDelete(ctx, i, arg);
            case "restore" -> restore(ctx, i, arg);
            case "addSecurityGroup", "removeSecurityGroup" -> securityGroup(ctx, i, action, arg);
            default -> throw UNSUPPORTED.contains(action)
                    ? ApiException.badRequest("The action " + action + " is not supported by this cloud.")
                    : ApiException.badRequest("There is no such action: " + action);
        });
    }

    private static void nullOrEmpty(String action, JsonNode arg) {
        if (arg != null && !arg.isNull() && !(arg.isObject() && arg.isEmpty())) {
            throw Body.invalid(action, arg, arg + " is not of type 'null'");
        }
    }

    private Uni<Response> simple(RequestContext ctx, Instance i, ActionRule rule, RuleDefault policyRule, JsonNode arg,
                                 java.util.function.Function<ComputeRpc, java.util.concurrent.CompletionStage<Void>>
                                         cast) {
        nullOrEmpty(rule.name(), arg);
        policy.authorize(ctx, policyRule, i.projectId);
        return actions.perform(ctx, i.uuid, rule, cast).map(x -> Response.accepted().build());
    }

    private Uni<Response> reboot(RequestContext ctx, Instance i, JsonNode arg) {
        Body body = Body.wrap(arg, "reboot").only(List.of("type")).requireField("type");
        String type = body.string("type", true, 1, 16);
        if (!type.equalsIgnoreCase("SOFT") && !type.equalsIgnoreCase("HARD")) {
            throw Body.invalid("type", body.raw("type"), "'" + type + "' is not one of ['HARD', 'Hard', "
                    + "'hard', 'SOFT', 'Soft', 'soft']");
        }
        boolean hard = type.equalsIgnoreCase("HARD");
        policy.authorize(ctx, ComputeRules.SERVERS_REBOOT, i.projectId);
        ActionRule rule = hard ? ServerActions.HARD_REBOOT : ServerActions.SOFT_REBOOT;
        return actions.perform(ctx, i.uuid, rule,
                        c -> c.rebootInstance(ctx, new ComputeRpc.Reboot(i.uuid, hard ? "HARD" : "SOFT")))
                .map(x -> Response.accepted().build());
    }

    /** Locked by its owner or by an admin; the owner cannot unlock what an admin locked. */
    private Uni<Response> lock(RequestContext ctx, Instance i, JsonNode arg) {
        String reason = null;
        if (arg != null && !arg.isNull()) {
            if (version.atLeast(73)) {
                Body body = Body.wrap(arg, "lock").only(List.of("locked_reason"));
                reason = body.string("locked_reason", false, 0, 255);
            } else {
                nullOrEmpty("lock", arg);
            }
        }
        policy.authorize(ctx, ComputeRules.LOCK, i.projectId);
        boolean owner = i.projectId.equals(ctx.projectId());
        if (i.locked && owner) {
            return Uni.createFrom().item(Response.accepted().build());
        }
        String why = reason;
        return Panache.withTransaction(() -> StateChange.of(i.uuid).set("locked", true)
                        .set("lockedBy", owner ? "owner" : "admin").set("lockedReason", why).apply()
                        .chain(() -> InstanceActions.startAndFinish(ctx, i.uuid, InstanceActions.LOCK, "api_lock",
                                null)))
                .map(x -> Response.accepted().build());
    }

    private Uni<Response> unlock(RequestContext ctx, Instance i, JsonNode arg) {
        nullOrEmpty("unlock", arg);
        policy.authorize(ctx, ComputeRules.UNLOCK, i.projectId);
        boolean owner = i.projectId.equals(ctx.projectId());
        String expected = owner ? "owner" : "admin";
        if (i.lockedBy != null && !i.lockedBy.equals(expected)) {
            policy.authorize(ctx, ComputeRules.UNLOCK_OVERRIDE);
        }
        return Panache.withTransaction(() -> StateChange.of(i.uuid).set("locked", false).set("lockedBy", null)
                        .set("lockedReason", null).apply()
                        .chain(() -> InstanceActions.startAndFinish(ctx, i.uuid, InstanceActions.UNLOCK,
                                "api_unlock", null)))
                .map(x -> Response.accepted().build());
    }

    private Uni<Response> consoleOutput(RequestContext ctx, Instance i, JsonNode arg) {
        Integer length = null;
        if (arg != null && !arg.isNull()) {
            Body body = Body.wrap(arg, "os-getConsoleOutput").only(List.of("length"));
            JsonNode l = body.raw("length");
            if (l != null && !l.isNull()) {
                length = body.integer("length", false, -1, Integer.MAX_VALUE);
            }
        }
        policy.authorize(ctx, ComputeRules.CONSOLE_OUTPUT, i.projectId);
        if (i.host == null) {
            throw ApiException.conflict("Instance " + i.uuid + " is not ready");
        }
        Integer lines = length == null || length < 0 ? null : length;
        return Panache.withSession(() -> actions.hostUp(i.host)).chain(up -> {
            if (!up) {
                throw ApiException.conflict("Instance " + i.uuid + " is not ready");
            }
            return ComputeClients.uni(() -> rpcs.compute(i.host).getConsoleOutput(ctx,
                    new ComputeRpc.ConsoleRequest(i.uuid, null)));
        })
                // the agent's own refusals mean no console; an outage (timeout, no broker) stays a 503
                .onFailure(e -> Failures.classify(e).isEmpty()).transform(e ->
                ApiException.notFound("Guest does not have a console available."))
                .map(out -> Response.ok(Map.of("output", tail(out.output(), lines))).build());
    }

    /**
     * The last lines of a console log as Nova counts them: split on newlines (a trailing newline makes an
     * empty last line), keep the last {@code lines}; control characters other than tab and newline removed.
     */
    static String tail(String log, Integer lines) {
        String text = log == null ? "" : log.replaceAll("[\\x00-\\x08\\x0B-\\x1F]", "");
        if (lines == null) {
            return text;
        }
        String[] parts = text.split("\n", -1);
        if (parts.length <= lines) {
            return text;
        }
        return String.join("\n", java.util.Arrays.copyOfRange(parts, parts.length - lines, parts.length));
    }

    private Uni<Response> resetState(RequestContext ctx, Instance i, JsonNode arg) {
        policy.authorize(ctx, ComputeRules.RESET_STATE);
        Body body = Body.wrap(arg, "os-resetState").only(List.of("state")).requireField("state");
        String state = body.string("state", true, 1, 16);
        if (!state.equals("active") && !state.equals("error")) {
            throw Body.invalid("state", body.raw("state"), "'" + state + "' is not one of ['active', 'error']");
        }
        return Panache.withTransaction(() -> StateChange.of(i.uuid)
                        .vmState(state.equals("active") ? VmStates.ACTIVE : VmStates.ERROR).taskState(null).apply()
                        .chain(() -> InstanceActions.startAndFinish(ctx, i.uuid, InstanceActions.RESET_STATE,
                                "api_reset_state", null)))
                .map(x -> Response.accepted().build());
    }

    private Uni<Response> forceDelete(RequestContext ctx, Instance i, JsonNode arg) {
        nullOrEmpty("forceDelete", arg);
        policy.authorize(ctx, ComputeRules.FORCE_DELETE, i.projectId);
        return deleter.delete(ctx, i.uuid, InstanceActions.FORCE_DELETE).map(x -> Response.accepted().build());
    }

    /** Nothing is ever soft-deleted here (no reclaim interval), so there is never anything to restore. */
    private Uni<Response> restore(RequestContext ctx, Instance i, JsonNode arg) {
        nullOrEmpty("restore", arg);
        policy.authorize(ctx, ComputeRules.RESTORE, i.projectId);
        actions.checkLock(ctx, i);
        throw ServerActions.invalidState("restore", i.uuid, "vm_state", i.vmState);
    }

    /**
     * Without a network service the only security group is the implicit "default": adding or removing it is
     * accepted (and changes nothing), any other group does not exist.
     */
    private Uni<Response> securityGroup(RequestContext ctx, Instance i, String action, JsonNode arg) {
        Body body = Body.wrap(arg, action).only(List.of("name")).requireField("name");
        String name = body.string("name", true, 1, 255);
        policy.authorize(ctx, action.startsWith("add") ? ComputeRules.SECURITY_GROUPS_ADD
                : ComputeRules.SECURITY_GROUPS_REMOVE, i.projectId);
        if (!name.equals("default")) {
            throw ApiException.notFound("Security group " + name + " not found for project " + i.projectId + ".");
        }
        return Uni.createFrom().item(Response.accepted().build());
    }
}
