package io.jstack.common.compute;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A compute host's periodic (and on-change) report: its inventory, what its hypervisor is, and the instances it
 * runs. Sent by agents to the scheduler (resource providers) and to the conductor (compute nodes for
 * os-hypervisors and the service's heartbeat). Usage is not reported: the scheduler derives it from its claims.
 *
 * @param capabilities host facts filters match on (cpu_arch, hypervisor_type, hypervisor_version, ...)
 */
public record HostReport(String host, String node, String hypervisorType, long hypervisorVersion, String hostIp,
                         int vcpus, int memoryMb, int diskGb, Map<String, String> capabilities,
                         List<String> traits, List<String> instanceUuids, Instant reportedAt) {
    public HostReport {
        capabilities = capabilities == null ? Map.of() : Map.copyOf(capabilities);
        traits = traits == null ? List.of() : List.copyOf(traits);
        instanceUuids = instanceUuids == null ? List.of() : List.copyOf(instanceUuids);
    }
}
