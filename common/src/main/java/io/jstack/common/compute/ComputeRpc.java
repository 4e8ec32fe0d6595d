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

    /**
     * A guest's diagnostics in Nova's standard form (compute API 2.48): {@code state} is a power state name
     * ({@code running}, {@code paused}, {@code shutdown}, {@code crashed}, {@code suspended}, {@code pending}),
     * memory in MiB, CPU time in nanoseconds, uptime in seconds.
     */
    record Diagnostics(String state, String driver, String hypervisor, String hypervisorOs, long uptime,
                       boolean configDrive, long memoryMaximumMb, long memoryUsedMb, List<CpuDetail> cpuDetails,
                       List<NicDetail> nicDetails, List<DiskDetail> diskDetails) {
    }

    record CpuDetail(int id, long time) {
    }

    record NicDetail(String macAddress, long rxOctets, long rxPackets, long rxErrors, long rxDrop, long txOctets,
                     long txPackets, long txErrors, long txDrop) {
    }

    record DiskDetail(String device, long readBytes, long readRequests, long writeBytes, long writeRequests,
                      long errorsCount) {
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

    /** What the hypervisor can tell of a guest (Nova's get_instance_diagnostics). */
    CompletionStage<Diagnostics> getDiagnostics(RequestContext context, InstanceRef instance);
}
