package io.jstack.compute.agent.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The compute agent's settings ({@code jstack.compute.*}); every default is given here. */
@ConfigMapping(prefix = "jstack.compute")
public interface AgentSettings {

    /**
     * The virt driver: {@code fake} (in memory, many hosts per process; {@code jstack.compute.fake.*}) or
     * {@code libvirt} (qemu/KVM through libvirtd; {@code jstack.compute.libvirt.*}). Each driver has its own settings.
     */
    @WithDefault("fake")
    String driver();

    /** This host's name (Nova's CONF.host); default: the machine's host name. */
    Optional<String> host();

    /** The image service's URL, where drivers that need image data download it with the requester's token. */
    @WithDefault("http://127.0.0.1:9292")
    String imageUrl();

    /** How long the image service may take to start sending an image. */
    @WithDefault("30s")
    Duration imageTimeout();

    /** The address reported for this host (Nova's my_ip). */
    @WithDefault("127.0.0.1")
    String myIp();

    /**
     * How often each host reports its inventory to the scheduler and conductor and heartbeats to the conductor;
     * the scheduler's service-down-time must be several times longer.
     */
    @WithDefault("10s")
    Duration reportInterval();

    /** A change (build started or ended, instance deleted) is reported after this delay, coalescing bursts. */
    @WithDefault("500ms")
    Duration changeReportDelay();

    /** How long a conductor call (instance_update) may take before the operation is treated as failed. */
    @WithDefault("30s")
    Duration conductorTimeout();

    /**
     * Reconcile each host with the database when the agent starts (Nova's init_host): finish deletes, roll back
     * actions and end builds the previous life of the agent left half done, destroy guests of instances that are
     * not on the host, sync power states.
     */
    @WithDefault("true")
    boolean reconcileAtStart();

    /**
     * After the agent starts, builds it had begun before it stopped are given this long to be sent again (the
     * broker redelivers the build the agent was doing): one still not going on here then is ended in ERROR
     * with a fault, as Nova's init_host does at once.
     */
    @WithDefault("60s")
    Duration interruptedBuildGrace();

    /**
     * How long conductor calls that fail for want of the conductor (it restarts, or its database or the broker is
     * away) are tried again, once a second, before the operation fails. Updates are conditional, so a retry never
     * applies one twice.
     */
    @WithDefault("90s")
    Duration conductorRetryFor();

    /** How long a clean shutdown may take before the guest is forced off. */
    @WithDefault("60s")
    Duration shutdownTimeout();

    /** Overcommit this host offers; unset: the scheduler's default. */
    Optional<Double> cpuAllocationRatio();

    Optional<Double> ramAllocationRatio();

    Optional<Double> diskAllocationRatio();

    /** Memory kept for the host itself (Nova's reserved_host_memory_mb). */
    @WithDefault("512")
    int reservedHostMemoryMb();

    @WithDefault("0")
    int reservedHostDiskGb();

    @WithDefault("0")
    int reservedHostCpus();

    /**
     * Every guest gets a config drive, whether or not its request or image asks for one (Nova's
     * force_config_drive).
     */
    @WithDefault("false")
    boolean forceConfigDrive();
}
