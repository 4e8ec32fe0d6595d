package io.jstack.scheduler.service;

import io.jstack.scheduler.model.AggregateInfo;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.ResourceProvider;
import io.jstack.scheduler.model.Resources;
import io.jstack.scheduler.model.ServiceStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This replica's view of every host, kept in memory so filtering and weighing never wait on the database. The
 * database stays the truth: rows replace what is here whenever they are newer (by generation), and claims are
 * made there. Claims this replica has in flight are added on top, so concurrent requests here see each other's
 * choices before they commit and spread out instead of queueing on one host's row.
 */
public final class HostStates {

    private final String defaultAvailabilityZone;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ServiceStatus> statuses = new ConcurrentHashMap<>();
    private volatile Map<String, List<AggregateInfo>> aggregatesByHost = Map.of();
    /** The entries in host-name order, rebuilt when a host appears: iterating an array beats the map's iterator. */
    private volatile Entry[] ordered = new Entry[0];

    /** A claim in flight: resources, one instance and one build more than the row says. */
    private record InFlight(Resources resources, int instances) {
        static final InFlight NONE = new InFlight(Resources.NONE, 0);

        InFlight plus(Resources more, int sign) {
            return new InFlight(sign > 0 ? resources.plus(more) : resources.minus(more), instances + sign);
        }
    }

    private static final class Entry {
        volatile HostState state;
        final AtomicReference<InFlight> inFlight = new AtomicReference<>(InFlight.NONE);

        Entry(HostState state) {
            this.state = state;
        }

        HostState view() {
            InFlight pending = inFlight.get();
            HostState base = state;
            if (pending.instances() == 0 && pending.resources().isNone()) {
                return base;
            }
            return base.withProvider(base.provider().withExtraUsage(pending.resources(), pending.instances(),
                    pending.instances()));
        }
    }

    public HostStates(String defaultAvailabilityZone) {
        this.defaultAvailabilityZone = defaultAvailabilityZone;
    }

    /** Every host as selection sees it now (claims in flight included), ordered by host name. */
    public List<HostState> snapshot() {
        Entry[] all = ordered;
        List<HostState> views = new ArrayList<>(all.length);
        for (Entry entry : all) {
            views.add(entry.view());
        }
        return views;
    }

    public HostState get(String host) {
        Entry entry = entries.get(host);
        return entry == null ? null : entry.view();
    }

    public int size() {
        return entries.size();
    }

    /** Takes a provider row read from (or just written to) the database, unless a newer one is already here. */
    public void update(ResourceProvider provider) {
        boolean[] created = {false};
        entries.compute(provider.host(), (host, entry) -> {
            if (entry == null) {
                created[0] = true;
                List<AggregateInfo> aggregates = aggregatesByHost.getOrDefault(host, List.of());
                return new Entry(new HostState(provider, statuses.getOrDefault(host, ServiceStatus.ENABLED),
                        aggregates, zoneOf(aggregates)));
            }
            if (provider.generation() >= entry.state.provider().generation()) {
                entry.state = entry.state.withProvider(provider);
            }
            return entry;
        });
        if (created[0]) {
            reorder();
        }
    }

    private synchronized void reorder() {
        ordered = new java.util.TreeMap<>(entries).values().toArray(Entry[]::new);
    }

    public void updateStatus(String host, ServiceStatus status) {
        statuses.put(host, status);
        entries.computeIfPresent(host, (h, entry) -> {
            entry.state = entry.state.withStatus(status);
            return entry;
        });
    }

    /** Replaces every host's aggregates (and so its availability zone). */
    public void replaceAggregates(Map<String, List<AggregateInfo>> byHost) {
        aggregatesByHost = Map.copyOf(byHost);
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            entries.computeIfPresent(e.getKey(), (host, entry) -> {
                List<AggregateInfo> aggregates = byHost.getOrDefault(host, List.of());
                entry.state = entry.state.withAggregates(aggregates, zoneOf(aggregates));
                return entry;
            });
        }
    }

    /** A periodic re-read: providers, statuses and aggregates as the database has them. */
    public void refresh(Collection<ResourceProvider> providers, Map<String, ServiceStatus> allStatuses,
                        Map<String, List<AggregateInfo>> byHost) {
        for (Map.Entry<String, ServiceStatus> s : allStatuses.entrySet()) {
            updateStatus(s.getKey(), s.getValue());
        }
        for (String host : statuses.keySet()) {
            if (!allStatuses.containsKey(host)) {
                updateStatus(host, ServiceStatus.ENABLED);
            }
        }
        for (ResourceProvider provider : providers) {
            update(provider);
        }
        replaceAggregates(byHost);
    }

    /** A claim for these resources is about to be made on the host. */
    public void reserve(String host, Resources resources) {
        Entry entry = entries.get(host);
        if (entry != null) {
            entry.inFlight.updateAndGet(pending -> pending.plus(resources, 1));
        }
    }

    /** The claim finished (made or not): the row, once read, says what is used. */
    public void unreserve(String host, Resources resources) {
        Entry entry = entries.get(host);
        if (entry != null) {
            entry.inFlight.updateAndGet(pending -> pending.plus(resources, -1));
        }
    }

    /** Forgets every host (tests, and a reset before re-reading the database from scratch). */
    public void clear() {
        entries.clear();
        ordered = new Entry[0];
        statuses.clear();
        aggregatesByHost = Map.of();
    }

    private String zoneOf(List<AggregateInfo> aggregates) {
        for (AggregateInfo aggregate : aggregates) {
            if (aggregate.availabilityZone() != null && !aggregate.availabilityZone().isEmpty()) {
                return aggregate.availabilityZone();
            }
        }
        return defaultAvailabilityZone;
    }
}
