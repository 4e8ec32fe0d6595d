package io.jstack.scheduler.weights;

import io.jstack.scheduler.model.HostState;
import io.jstack.scheduler.model.SchedulingRequest;

import java.util.List;

/**
 * Sums the weighers' normalised scores: each weigher's raw values are scaled to 0..1 across the candidates
 * (all equal: 0 for all) and multiplied by its multiplier, so no weigher dominates by its units alone.
 */
public final class Weighing {

    private Weighing() {
    }

    /** Total weight of each host, in the order given. */
    public static double[] weigh(List<HostState> hosts, SchedulingRequest request, List<HostWeigher> weighers) {
        int n = hosts.size();
        double[] total = new double[n];
        double[] raw = new double[n];
        for (HostWeigher weigher : weighers) {
            if (!weigher.appliesTo(request)) {
                continue;
            }
            double multiplier = weigher.multiplier();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double value = weigher.weigh(hosts.get(i), request);
                raw[i] = value;
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            double range = max - min;
            if (range <= 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                total[i] += multiplier * ((raw[i] - min) / range);
            }
        }
        return total;
    }
}
