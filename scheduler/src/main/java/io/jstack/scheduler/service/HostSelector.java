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
import java.util.function.Predicate;
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
        List<Predicate<HostState>> bound = new ArrayList<>(filters.size());
        for (HostFilter filter : filters) {
            Predicate<HostState> predicate = filter.forRequest(request);
            if (predicate != null) {
                bound.add(predicate);
            }
        }
        List<HostState> passed = new ArrayList<>();
        for (HostState host : hosts) {
            if (!ignored.contains(host.host()) && passesAll(host, bound)) {
                passed.add(host);
            }
        }
        if (passed.size() <= 1) {
            return passed;
        }
        double[] weights = Weighing.weigh(passed, request, weighers);
        List<HostState> ranked = new ArrayList<>(passed.size());
        for (int i : bestFirst(weights)) {
            ranked.add(passed.get(i));
        }
        int subset = Math.min(hostSubsetSize, ranked.size());
        if (subset > 1) {
            Collections.swap(ranked, 0, random.nextInt(subset));
        }
        return ranked;
    }

    private static final int INDEX_BITS = 20;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    /**
     * Positions ordered by weight, highest first; equal weights keep their order (so equal hosts are taken
     * deterministically). Sorts primitive keys: the weight's order-preserving bits with the position in the low
     * bits (the weight loses precision only below a few parts in ten billion).
     */
    static int[] bestFirst(double[] weights) {
        int n = weights.length;
        int[] order = new int[n];
        if (n > INDEX_MASK) {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, Comparator.comparingDouble((Integer i) -> weights[i]).reversed());
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
            return order;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(-weights[i] + 0.0);
            long sortable = bits ^ ((bits >> 63) & Long.MAX_VALUE);
            keys[i] = (sortable & ~INDEX_MASK) | i;
        }
        Arrays.sort(keys);
        for (int i = 0; i < n; i++) {
            order[i] = (int) (keys[i] & INDEX_MASK);
        }
        return order;
    }

    private static boolean passesAll(HostState host, List<Predicate<HostState>> bound) {
        for (int i = 0, n = bound.size(); i < n; i++) {
            if (!bound.get(i).test(host)) {
                return false;
            }
        }
        return true;
    }
}
