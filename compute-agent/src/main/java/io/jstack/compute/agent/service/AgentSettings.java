package io.jstack.compute.agent.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The compute agent's settings ({@code jstack.compute.*}); every default is given here. */
@ConfigMapping(prefix = "jstack.compute")
public interface AgentSettings {

    /** The virt driver: {@code fake} (in memory, many hosts per process) or {@code libvirt}. */
    @WithDefault("fake")
    String driver();

    /** This host's name (Nova's CONF.host); default: the machine's host name. */
    Optional<String> host();

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

    Fake fake();

    Libvirt libvirt();

    /** The fake driver: in-memory guests, configurable delays and failures, many hosts in one process. */
    interface Fake {
        /** Hosts this process runs, each with its own topic, inventory, reports and heartbeats. */
        @WithDefault("1")
        int hostCount();

        /**
         * Host names are {@code <prefix>-1 .. <prefix>-N}; with one host and no prefix the host is named
         * {@code jstack.compute.host}.
         */
        Optional<String> hostPrefix();

        @WithDefault("32")
        int vcpus();

        @WithDefault("65536")
        int memoryMb();

        @WithDefault("1000")
        int diskGb();

        @WithDefault("fake")
        String hypervisorType();

        @WithDefault("1000")
        long hypervisorVersion();

        @WithDefault("x86_64")
        String cpuArch();

        /** How long a spawn takes. */
        @WithDefault("1s")
        Duration spawnDelay();

        /** How long other operations (reboot, power off, pause, ...) take. */
        @WithDefault("100ms")
        Duration actionDelay();

        /** Probability (0..1) that a spawn fails. */
        @WithDefault("0")
        double spawnFailureRate();

        /** Hosts on which every spawn fails (to exercise reschedules). */
        Optional<List<String>> failingHosts();

        /**
         * Where each fake host keeps its guests ({@code <host>.json}), so they outlive the agent process as guests
         * outlive nova-compute on a real hypervisor; unset: guests live in memory and go with the process.
         */
        Optional<String> stateDirectory();
    }

    /** The libvirt driver (next: qemu:///system, kvm or qemu domains, image cache, config drive). */
    interface Libvirt {
        @WithDefault("qemu:///system")
        String uri();

        /** Domain type: {@code kvm}, {@code qemu}, or {@code auto} (kvm only where a probe guest boots). */
        @WithDefault("auto")
        String virtType();

        /** Where instance disks, console logs and the image cache live. */
        @WithDefault("/var/lib/jstack/instances")
        String instancesPath();
    }
}
