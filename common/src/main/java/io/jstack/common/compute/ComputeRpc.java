package io.jstack.common.compute;

import io.jstack.common.RequestContext;
import io.jstack.common.rpc.RpcApi;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A compute agent, one topic per host: {@code compute.<host>} ({@link #topic(String)}). Handlers check the
 * instance's current state before acting, so a redelivered message does nothing twice.
 */
@RpcApi(version = "1.0")
public interface ComputeRpc {

    static String topic(String host) {
        return "compute." + host;
    }

    record BuildAndRun(InstanceSpec instance, RequestSpec spec, List<String> alternates, int attempt) {
    }

    record InstanceRef(String uuid) {
    }

    /** type: SOFT or HARD. */
    record Reboot(String uuid, String type) {
    }

    record ConsoleRequest(String uuid, Integer length) {
    }

    record ConsoleOutput(String output) {
    }

    @RpcApi.Cast
    CompletionStage<Void> buildAndRunInstance(RequestContext context, BuildAndRun request);

    @RpcApi.Cast
    CompletionStage<Void> terminateInstance(RequestContext context, InstanceRef instance);

    @RpcApi.Cast
    CompletionStage<Void> stopInstance(RequestContext context, InstanceRef instance);

    @RpcApi.Cast
    CompletionStage<Void> startInstance(RequestContext context, InstanceRef instance);

    @RpcApi.Cast
    CompletionStage<Void> rebootInstance(RequestContext context, Reboot reboot);

    @RpcApi.Cast
    CompletionStage<Void> pauseInstance(RequestContext context, InstanceRef instance);

    @RpcApi.Cast
    CompletionStage<Void> unpauseInstance(RequestContext context, InstanceRef instance);

    @RpcApi.Cast
    CompletionStage<Void> suspendInstance(RequestContext context, InstanceRef instance);

    @RpcApi.Cast
    CompletionStage<Void> resumeInstance(RequestContext context, InstanceRef instance);

    CompletionStage<ConsoleOutput> getConsoleOutput(RequestContext context, ConsoleRequest request);
}
