package io.jstack.scheduler.service;

import io.smallrye.mutiny.Uni;

/**
 * Re-reads every host from the database into memory: other replicas' claims and releases, reports and status
 * changes that reached another replica, and hosts going silent (their report time stops moving).
 */
public final class HostRefresher {

    private final HostStates hostStates;
    private final ResourceProviders providers;
    private final HostStatuses statuses;
    private final AggregateMirror aggregates;

    public HostRefresher(HostStates hostStates, ResourceProviders providers, HostStatuses statuses,
                         AggregateMirror aggregates) {
        this.hostStates = hostStates;
        this.providers = providers;
        this.statuses = statuses;
        this.aggregates = aggregates;
    }

    public Uni<Void> refresh() {
        // statuses and aggregates first: the providers read last are the freshest part
        return statuses.all().chain(s -> aggregates.byHost().chain(a -> providers.all()
                .invoke(p -> hostStates.refresh(p, s, a)))).replaceWithVoid();
    }
}
