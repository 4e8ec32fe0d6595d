package io.jstack.scheduler.model;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything filters and weighers look at for one host: its resource provider (inventory, usage, hypervisor
 * facts), its service status, and the aggregates it belongs to with the availability zone they give it.
 */
public record HostState(ResourceProvider provider, ServiceStatus status, List<AggregateInfo> aggregates,
                        String availabilityZone) {

    public HostState {
        status = status == null ? ServiceStatus.ENABLED : status;
        aggregates = aggregates == null ? List.of() : List.copyOf(aggregates);
    }

    public String host() {
        return provider.host();
    }

    public String node() {
        return provider.node();
    }

    /** The service is up: its agent reported recently and the operator did not force it down. */
    public boolean isUp(Instant now, Duration serviceDownTime) {
        return !status.forcedDown() && provider.reportedAt() != null
                && provider.reportedAt().isAfter(now.minus(serviceDownTime));
    }

    public boolean isEnabled() {
        return status.enabled();
    }

    public double freeRamMb() {
        return provider.memoryMbCapacity() - provider.used().memoryMb();
    }

    public double freeVcpus() {
        return provider.vcpuCapacity() - provider.used().vcpus();
    }

    public double freeDiskGb() {
        return provider.diskGbCapacity() - provider.used().diskGb();
    }

    public int instances() {
        return provider.instances();
    }

    public int ioOps() {
        return provider.ioOps();
    }

    public int failedBuilds() {
        return provider.failedBuilds();
    }

    /** Every value aggregates of this host give a metadata key (a host may be in several aggregates). */
    public Set<String> aggregateValues(String key) {
        Set<String> values = new LinkedHashSet<>();
        for (AggregateInfo aggregate : aggregates) {
            String value = aggregate.metadata().get(key);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /**
     * A host fact by name, for ComputeCapabilitiesFilter: the agent's reported capabilities first, then the
     * host-state numbers Nova exposes under the same names. Null when the host has no such fact.
     */
    public String capability(String name) {
        String reported = provider.capabilities().get(name);
        if (reported != null) {
            return reported;
        }
        return switch (name) {
            case "hypervisor_type" -> provider.hypervisorType();
            case "hypervisor_version" -> Long.toString(provider.hypervisorVersion());
            case "hypervisor_hostname" -> provider.node();
            case "host", "host_name" -> provider.host();
            case "host_ip" -> provider.hostIp();
            case "vcpus_total" -> Integer.toString(provider.total().vcpus());
            case "vcpus_used" -> Integer.toString(provider.used().vcpus());
            case "total_usable_ram_mb" -> Long.toString(provider.total().memoryMb());
            case "free_ram_mb" -> Long.toString((long) Math.floor(freeRamMb()));
            case "total_usable_disk_gb" -> Integer.toString(provider.total().diskGb());
            case "free_disk_mb" -> Long.toString((long) Math.floor(freeDiskGb() * 1024));
            case "num_instances" -> Integer.toString(provider.instances());
            case "num_io_ops" -> Integer.toString(provider.ioOps());
            case "cpu_allocation_ratio" -> Double.toString(provider.cpuAllocationRatio());
            case "ram_allocation_ratio" -> Double.toString(provider.ramAllocationRatio());
            case "disk_allocation_ratio" -> Double.toString(provider.diskAllocationRatio());
            default -> null;
        };
    }

    public Map<String, String> capabilities() {
        return provider.capabilities();
    }

    public HostState withProvider(ResourceProvider newer) {
        return new HostState(newer, status, aggregates, availabilityZone);
    }

    public HostState withStatus(ServiceStatus newer) {
        return new HostState(provider, newer, aggregates, availabilityZone);
    }

    public HostState withAggregates(List<AggregateInfo> newer, String zone) {
        return new HostState(provider, status, newer, zone);
    }
}
