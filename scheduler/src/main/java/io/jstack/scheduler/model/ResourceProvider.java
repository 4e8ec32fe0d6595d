package io.jstack.scheduler.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compute host as placement sees it: inventory (total, reserved, allocation ratios), usage (the sum of its
 * allocations), the hypervisor facts its agent reported, and the row's generation (bumped on every change, so
 * an older view never replaces a newer one in memory).
 */
public record ResourceProvider(String host, String node, String hypervisorType, long hypervisorVersion,
                               String hostIp, Resources total, Resources reserved, double cpuAllocationRatio,
                               double ramAllocationRatio, double diskAllocationRatio, Resources used, int instances,
                               int ioOps, int failedBuilds, Map<String, String> capabilities, Set<String> traits,
                               List<SupportedInstance> supportedInstances, Instant reportedAt, long generation) {

    public ResourceProvider {
        capabilities = capabilities == null ? Map.of() : Map.copyOf(capabilities);
        traits = traits == null ? Set.of() : Set.copyOf(traits);
        supportedInstances = supportedInstances == null
                ? SupportedInstance.parse(capabilities.get(SupportedInstance.CAPABILITY))
                : List.copyOf(supportedInstances);
    }

    /** What can be allocated in all: (total - reserved) * allocation ratio, as placement computes it. */
    public double vcpuCapacity() {
        return (total.vcpus() - reserved.vcpus()) * cpuAllocationRatio;
    }

    public double memoryMbCapacity() {
        return (total.memoryMb() - reserved.memoryMb()) * ramAllocationRatio;
    }

    public double diskGbCapacity() {
        return (total.diskGb() - reserved.diskGb()) * diskAllocationRatio;
    }

    public boolean fits(Resources request) {
        return used.vcpus() + request.vcpus() <= vcpuCapacity()
                && used.memoryMb() + request.memoryMb() <= memoryMbCapacity()
                && used.diskGb() + request.diskGb() <= diskGbCapacity();
    }

    /** The same provider with more (or, negative, less) in use: a claim this replica has in flight. */
    public ResourceProvider withExtraUsage(Resources extra, int extraInstances, int extraIoOps) {
        return new ResourceProvider(host, node, hypervisorType, hypervisorVersion, hostIp, total, reserved,
                cpuAllocationRatio, ramAllocationRatio, diskAllocationRatio, used.plus(extra),
                instances + extraInstances, ioOps + extraIoOps, failedBuilds, capabilities, traits,
                supportedInstances, reportedAt, generation);
    }
}
