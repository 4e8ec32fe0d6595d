package io.jstack.compute.agent.virt.fake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The fake driver's settings ({@code jstack.compute.fake.*}): in-memory guests, configurable delays and failures,
 * many hosts in one process. Every default is given here.
 */
@ConfigMapping(prefix = "jstack.compute.fake")
public interface FakeSettings {

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
