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

    /** The zone of hosts in no zoned aggregate (as compute-api's default availability zone). */
    @WithDefault("nova")
    String defaultAvailabilityZone();
}
