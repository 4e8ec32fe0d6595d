package io.jstack.common.compute;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A compute host's periodic (and on-change) report: its inventory, what its hypervisor is, and the instances it
 * runs. Sent by agents to the scheduler (resource providers) and to the conductor (compute nodes for
 * os-hypervisors and the service's heartbeat). Usage is not reported: the scheduler derives it from its claims.
 *
 * @param capabilities       host facts filters match on (cpu_arch, hypervisor_type, hypervisor_version,
 *                           supported_instances as {@code arch:hv_type:vm_mode} triples separated by commas, ...)
 * @param reservedVcpus      inventory kept for the host itself (Nova's reserved_host_cpus); not allocatable
 * @param reservedMemoryMb   Nova's reserved_host_memory_mb
 * @param reservedDiskGb     Nova's reserved_host_disk_mb, in GB
 * @param cpuAllocationRatio the host's own overcommit; null: the scheduler's default
 * @param ioOps              I/O-heavy operations (builds) in progress on the host (IoOpsFilter, IoOpsWeigher)
 * @param failedBuilds       builds that failed here since the last one that succeeded (BuildFailureWeigher)
 */
public record HostReport(String host, String node, String hypervisorType, long hypervisorVersion, String hostIp,
                         int vcpus, int memoryMb, int diskGb, Map<String, String> capabilities,
                         List<String> traits, List<String> instanceUuids, Instant reportedAt,
                         int reservedVcpus, int reservedMemoryMb, int reservedDiskGb,
                         Double cpuAllocationRatio, Double ramAllocationRatio, Double diskAllocationRatio,
                         int ioOps, int failedBuilds) {
    public HostReport {
        capabilities = capabilities == null ? Map.of() : Map.copyOf(capabilities);
        traits = traits == null ? List.of() : List.copyOf(traits);
        instanceUuids = instanceUuids == null ? List.of() : List.copyOf(instanceUuids);
    }

    /** A report with the first version's fields only: nothing reserved, the scheduler's ratios, no workload. */
    public HostReport(String host, String node, String hypervisorType, long hypervisorVersion, String hostIp,
                      int vcpus, int memoryMb, int diskGb, Map<String, String> capabilities,
                      List<String> traits, List<String> instanceUuids, Instant reportedAt) {
        this(host, node, hypervisorType, hypervisorVersion, hostIp, vcpus, memoryMb, diskGb, capabilities, traits,
                instanceUuids, reportedAt, 0, 0, 0, null, null, null, 0, 0);
    }
}
