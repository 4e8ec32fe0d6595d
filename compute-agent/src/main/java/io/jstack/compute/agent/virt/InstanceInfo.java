package io.jstack.compute.agent.virt;

/** A guest as the hypervisor sees it; {@code powerState} is one of {@link io.jstack.common.compute.PowerState}. */
public record InstanceInfo(String uuid, String name, int powerState, int vcpus, int memoryMb, long cpuTimeNanos) {
}
