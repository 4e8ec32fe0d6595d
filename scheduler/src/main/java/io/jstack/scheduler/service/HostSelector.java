package io.jstack.scheduler.service;

import io.jstack.common.compute.RequestSpec;
import io.jstack.scheduler.filters.HostFilter;
import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;
import io.jstack.scheduler.weights.HostWeigher;
import io.jstack.scheduler.weights.Weighing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Filters and weighs host states in memory for one instance: the hosts able to take it, best first. Pure (no
 * I/O), so it is what the benchmark measures and what claims then walk down.
 */
public final class HostSelector {

    private final List<HostFilter> filters;
    private final List<HostWeigher> weighers;
    private final int hostSubsetSize;
    private final RandomGenerator random;

    public HostSelector(List<HostFilter> filters, List<HostWeigher> weighers, int hostSubsetSize,
                        RandomGenerator random) {
        this.filters = List.copyOf(filters);
        this.weighers = List.copyOf(weighers);
        this.hostSubsetSize = Math.max(1, hostSubsetSize);
        this.random = random;
    }

    /**
     * Hosts that pass every filter, highest weight first; the first is drawn at random from the best
     * host_subset_size. Hosts the request ignores are left out; a forced host skips the filters (as Nova: the
     * admin asked for that host), though its claim must still fit.
     */
    public List<HostState> rank(Collection<HostState> hosts, SchedulingRequest request) {
        RequestSpec spec = request.spec();
        Set<String> ignored = spec.ignoreHosts().isEmpty() ? Set.of() : new HashSet<>(spec.ignoreHosts());
        if (spec.forcedHost() != null && !spec.forcedHost().isEmpty()) {
            for (HostState host : hosts) {
                if (host.host().equals(spec.forcedHost()) && !ignored.contains(host.host())) {
                    return List.of(host);
                }
            }
            return List.of();
        }
        List<HostState> passed = new ArrayList<>();
        for (HostState host : hosts) {
            if (!ignored.contains(host.host()) && passesAll(host, request)) {
                passed.add(host);
            }
        }
        if (passed.size() <= 1) {
            return passed;
        }
        double[] weights = Weighing.weigh(passed, request, weighers);
        Integer[] order = new Integer[passed.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // ties keep the hosts' order (stable sort), so equal hosts are taken deterministically
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> weights[i]).reversed());
        List<HostState> ranked = new ArrayList<>(order.length);
        for (Integer i : order) {
            ranked.add(passed.get(i));
        }
        int subset = Math.min(hostSubsetSize, ranked.size());
        if (subset > 1) {
            Collections.swap(ranked, 0, random.nextInt(subset));
        }
        return ranked;
    }

    private boolean passesAll(HostState host, SchedulingRequest request) {
        for (HostFilter filter : filters) {
            if (!filter.hostPasses(host, request)) {
                return false;
            }
        }
        return true;
    }
}
