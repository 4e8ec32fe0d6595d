package io.jstack.compute.agent.service;

import io.jstack.common.compute.HostReport;
import io.jstack.compute.agent.virt.HostResources;
import io.jstack.compute.agent.virt.InstanceInfo;
import io.jstack.compute.agent.virt.VirtDriver;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One hypervisor host this process serves: its driver, the builds in progress on it (its I/O ops), the builds
 * that failed since the last success, and its report.
 */
public final class ComputeHost {

    private final VirtDriver driver;
    private final AgentSettings settings;
    private final InstanceLocks locks = new InstanceLocks();
    private final Set<String> building = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failedBuilds = new AtomicInteger();
    private final AtomicBoolean reportPending = new AtomicBoolean();

    public ComputeHost(VirtDriver driver, AgentSettings settings) {
        this.driver = driver;
        this.settings = settings;
    }

    public String name() {
        return driver.host();
    }

    public String node() {
        return driver.hostResources().hypervisorHostname();
    }

    public VirtDriver driver() {
        return driver;
    }

    public InstanceLocks locks() {
        return locks;
    }

    /** Marks a build as started here; false if one of the instance is already in progress. */
    public boolean buildStarted(String uuid) {
        return building.add(uuid);
    }

    public void buildEnded(String uuid, boolean succeeded) {
        building.remove(uuid);
        if (succeeded) {
            failedBuilds.set(0);
        } else {
            failedBuilds.incrementAndGet();
        }
    }

    /** The build stopped for a reason that is not the host's fault (the instance was deleted meanwhile). */
    public void buildAborted(String uuid) {
        building.remove(uuid);
    }

    public boolean isBuilding(String uuid) {
        return building.contains(uuid);
    }

    public int failedBuilds() {
        return failedBuilds.get();
    }

    /** True for the caller that should send the next on-change report (later callers join it). */
    boolean claimPendingReport() {
        return reportPending.compareAndSet(false, true);
    }

    void reportSent() {
        reportPending.set(false);
    }

    /** What the host has and does now, for the scheduler and the conductor. */
    public HostReport report() {
        HostResources r = driver.hostResources();
        Map<String, String> capabilities = new HashMap<>(r.capabilities());
        capabilities.put("cpu_arch", r.cpuArch());
        capabilities.put("hypervisor_type", r.hypervisorType());
        capabilities.put("hypervisor_version", Long.toString(r.hypervisorVersion()));
        capabilities.put("supported_instances", String.join(",", r.supportedInstances()));
        // builds in progress count as here: the scheduler releases claims of instances a host does not list
        java.util.Set<String> instances = new java.util.LinkedHashSet<>(building);
        driver.listInstances().forEach(i -> instances.add(i.uuid()));
        return new HostReport(name(), r.hypervisorHostname(), r.hypervisorType(), r.hypervisorVersion(),
                r.hostIp(), r.vcpus(), r.memoryMb(), r.diskGb(), capabilities, r.traits(), List.copyOf(instances),
                Instant.now(),
                settings.reservedHostCpus(), settings.reservedHostMemoryMb(), settings.reservedHostDiskGb(),
                settings.cpuAllocationRatio().orElse(null), settings.ramAllocationRatio().orElse(null),
                settings.diskAllocationRatio().orElse(null), building.size(), failedBuilds.get());
    }
}
