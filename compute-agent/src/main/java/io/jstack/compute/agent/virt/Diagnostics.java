package io.jstack.compute.agent.virt;

import java.util.List;

/**
 * A guest's diagnostics in the terms of Nova's standard diagnostics (compute API 2.48 {@code os-server-diagnostics}).
 *
 * @param powerState      one of {@link io.jstack.common.compute.PowerState}
 * @param uptimeSeconds   since the guest last started (0 when it is not running)
 * @param memoryMaximumKb the memory the guest was given
 * @param memoryUsedKb    what the guest uses as far as the hypervisor can tell
 */
public record Diagnostics(int powerState, String driver, String hypervisor, String hypervisorOs, long uptimeSeconds,
                          boolean configDrive, long memoryMaximumKb, long memoryUsedKb, List<Cpu> cpus,
                          List<Nic> nics, List<Disk> disks) {
    public Diagnostics {
        cpus = cpus == null ? List.of() : List.copyOf(cpus);
        nics = nics == null ? List.of() : List.copyOf(nics);
        disks = disks == null ? List.of() : List.copyOf(disks);
    }

    /** One vCPU: its id and the CPU time it used, in nanoseconds. */
    public record Cpu(int id, long timeNanos) {
    }

    public record Nic(String macAddress, long rxOctets, long rxPackets, long rxErrors, long rxDrop, long txOctets,
                      long txPackets, long txErrors, long txDrop) {
    }

    public record Disk(String device, long readBytes, long readRequests, long writeBytes, long writeRequests,
                       long errorsCount) {
    }
}
