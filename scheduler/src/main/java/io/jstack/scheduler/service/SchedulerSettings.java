package io.jstack.scheduler.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/**
 * The scheduler's settings ({@code jstack.scheduler.*}), named after Nova's {@code [filter_scheduler]} and
 * {@code [scheduler]} options; every default is given here.
 */
@ConfigMapping(prefix = "jstack.scheduler")
public interface SchedulerSettings {

    /**
     * Filters every candidate host must pass, run in this order (cheap and selective ones first). Nova's default
     * list plus what placement does before it (availability zone, resource fit) and the same/different host hints.
     * Also available: AllHostsFilter, AggregateInstanceExtraSpecsFilter, AggregateMultiTenancyIsolation,
     * NumInstancesFilter, IoOpsFilter.
     */
    @WithDefault("AvailabilityZoneFilter,ComputeFilter,RamFilter,CoreFilter,DiskFilter,ComputeCapabilitiesFilter,"
            + "ImagePropertiesFilter,ServerGroupAntiAffinityFilter,ServerGroupAffinityFilter,SameHostFilter,"
            + "DifferentHostFilter")
    List<String> enabledFilters();

    /** Weighers whose normalised scores, times their multipliers, rank the hosts that passed. */
    @WithDefault("RAMWeigher,CPUWeigher,DiskWeigher,IoOpsWeigher,NumInstancesWeigher,ServerGroupSoftAffinityWeigher,"
            + "ServerGroupSoftAntiAffinityWeigher,BuildFailureWeigher")
    List<String> weighers();

    /** A host whose last report is older than this is down (Nova's service_down_time). */
    @WithDefault("60s")
    Duration serviceDownTime();

    /** The host name this scheduler reports under in os-services (nova-scheduler); the machine's name by default. */
    java.util.Optional<String> host();

    /** How often this scheduler reports itself alive to the conductor (os-services shows it up meanwhile). */
    @WithDefault("10s")
    Duration reportInterval();

    /** How often host states are re-read from the database (other replicas' claims, reports and statuses). */
    @WithDefault("2s")
    Duration refreshInterval();

    /**
     * An allocation older than this on a host whose report does not list its instance is released: the instance
     * is not there (its delete or failed build never told the scheduler). 0 turns this off.
     */
    @WithDefault("10m")
    Duration orphanAllocationGrace();

    /** Hosts returned per instance: the claimed one plus max_attempts - 1 alternates for reschedules. */
    @WithDefault("3")
    int maxAttempts();

    /** The first claim goes to a random one of the best N hosts (1: always the best), to spread concurrent requests. */
    @WithDefault("1")
    int hostSubsetSize();

    /** The zone of hosts in no aggregate with an availability zone (Nova's default_availability_zone). */
    @WithDefault("nova")
    String defaultAvailabilityZone();

    /** Overcommit used when a host's agent does not report its own (Nova's initial allocation ratios). */
    @WithDefault("16.0")
    double cpuAllocationRatio();

    @WithDefault("1.5")
    double ramAllocationRatio();

    @WithDefault("1.0")
    double diskAllocationRatio();

    /** NumInstancesFilter: hosts with this many instances take no more. */
    @WithDefault("50")
    int maxInstancesPerHost();

    /** IoOpsFilter: hosts with this many I/O-heavy operations (builds) in progress take no more. */
    @WithDefault("8")
    int maxIoOpsPerHost();

    Weights weights();

    /** Multipliers: positive spreads (prefers more of the thing), negative stacks; 0 turns a weigher off. */
    interface Weights {
        @WithDefault("1.0")
        double ramWeightMultiplier();

        @WithDefault("1.0")
        double cpuWeightMultiplier();

        @WithDefault("1.0")
        double diskWeightMultiplier();

        /** Negative: prefer hosts with fewer builds in progress. */
        @WithDefault("-1.0")
        double ioOpsWeightMultiplier();

        @WithDefault("0.0")
        double numInstancesWeightMultiplier();

        @WithDefault("1.0")
        double softAffinityWeightMultiplier();

        @WithDefault("1.0")
        double softAntiAffinityWeightMultiplier();

        /** Large, so a host whose recent builds failed is tried last rather than excluded. */
        @WithDefault("1000000.0")
        double buildFailureWeightMultiplier();
    }
}
