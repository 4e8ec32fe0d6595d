package io.jstack.scheduler.service;

import io.jstack.scheduler.filters.Filters;
import io.jstack.scheduler.weights.Weighers;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Wires the scheduler's parts from configuration. The parts take their collaborators as constructor arguments,
 * so tests and the benchmark build them the same way without a container.
 */
public class SchedulerBeans {

    @Produces
    @Singleton
    HostStates hostStates(SchedulerSettings settings) {
        return new HostStates(settings.defaultAvailabilityZone());
    }

    @Produces
    @Singleton
    HostSelector hostSelector(SchedulerSettings settings) {
        return new HostSelector(Filters.enabled(settings), Weighers.enabled(settings), settings.hostSubsetSize(),
                RandomGenerator.getDefault());
    }

    @Produces
    @Singleton
    ResourceProviders resourceProviders(Pool pool, SchedulerSettings settings) {
        return new ResourceProviders(pool, settings);
    }

    @Produces
    @Singleton
    HostStatuses hostStatuses(Pool pool) {
        return new HostStatuses(pool);
    }

    @Produces
    @Singleton
    AggregateMirror aggregateMirror(Pool pool) {
        return new AggregateMirror(pool);
    }

    @Produces
    @Singleton
    Claims claims(Pool pool) {
        return new Claims(pool);
    }

    @Produces
    @Singleton
    HostRefresher hostRefresher(HostStates hostStates, ResourceProviders providers, HostStatuses statuses,
                                AggregateMirror aggregates) {
        return new HostRefresher(hostStates, providers, statuses, aggregates);
    }

    @Produces
    @Singleton
    SelectionService selectionService(HostStates hostStates, HostSelector selector, Claims claims,
                                      ResourceProviders providers, SchedulerSettings settings) {
        return new SelectionService(hostStates, selector, claims, providers, settings.maxAttempts(),
                Clock.systemUTC());
    }
}
