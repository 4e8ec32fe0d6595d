package io.jstack.compute.conductor.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The conductor's settings ({@code jstack.conductor.*}). */
@ConfigMapping(prefix = "jstack.conductor")
public interface ConductorSettings {

    /** The name this conductor reports itself under in os-services (default: the machine's host name). */
    Optional<String> host();

    /** How often the conductor reports itself alive, and re-sends host statuses and aggregates to the scheduler. */
    @WithDefault("10s")
    Duration reportInterval();

    /** How often the scheduler's copy of host statuses and aggregates is refreshed from the database. */
    @WithDefault("60s")
    Duration schedulerSyncInterval();

    /** A service silent for this long is down (Nova's service_down_time); deletes on its host finish here. */
    @WithDefault("60s")
    Duration serviceDownTime();

    /**
     * A build request that finds its instance placed on a host, but not started there for this long, sends the
     * build to that host again (the conductor that placed it may have died before casting the build).
     */
    @WithDefault("30s")
    Duration placedBuildResendAfter();

    /** How often the sweeps run that end operations whose owner is gone ({@link Sweeps}). */
    @WithDefault("30s")
    Duration sweepInterval();

    /**
     * An instance still building this long after it was created goes to ERROR with a fault and its claim is
     * released (Nova's instance_build_timeout; Nova's default, 0, never times out, which leaves a build whose
     * every message was lost in BUILD for ever: here 0 also turns it off).
     */
    @WithDefault("1h")
    Duration instanceBuildTimeout();

    /**
     * A task state set for an action (stop, start, reboot, pause, unpause, suspend, resume) on a host that is up
     * and unchanged for this long is rolled back: the action was lost. 0 turns this sweep off.
     */
    @WithDefault("10m")
    Duration taskStateTimeout();

    /** Instances one sweep handles at most per kind (the next sweep takes the rest). */
    @WithDefault("500")
    int sweepBatchSize();

    /** The zone of hosts in no zoned aggregate (as compute-api's default availability zone). */
    @WithDefault("nova")
    String defaultAvailabilityZone();
}
