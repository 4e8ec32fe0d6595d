package io.jstack.compute.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.quarkus.ComputeClients;
import io.jstack.compute.model.Aggregate;
import io.jstack.compute.model.AggregateHost;
import io.jstack.compute.model.AggregateMetadata;
import io.jstack.compute.model.Service;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the scheduler must know of operators' changes here: a host's service status (os-services) and the
 * aggregates (os-aggregates, sent whole after every change so a lost message is repaired by the next one).
 */
@ApplicationScoped
public class SchedulerUpdates {

    private static final Logger LOG = Logger.getLogger(SchedulerUpdates.class);

    @Inject
    ComputeClients rpcs;

    public Uni<Void> hostStatus(RequestContext ctx, Service s) {
        SchedulerRpc.HostStatus status = new SchedulerRpc.HostStatus(s.host, !s.disabled, s.forcedDown,
                s.disabledReason);
        return ComputeClients.uni(() -> rpcs.scheduler().updateHostStatus(ctx, status))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("cannot tell the scheduler the status of %s: %s", s.host, e.getMessage());
                    return null;
                });
    }

    /** The complete set of aggregates, read within the caller's session. */
    public static Uni<SchedulerRpc.Aggregates> aggregates() {
        return Aggregate.<Aggregate>listAll().chain(aggregates -> AggregateHost.<AggregateHost>listAll()
                .chain(hosts -> AggregateMetadata.<AggregateMetadata>listAll().map(metadata -> {
                    Map<Integer, List<String>> hostsOf = new HashMap<>();
                    hosts.forEach(h -> hostsOf.computeIfAbsent(h.aggregateId, k -> new ArrayList<>()).add(h.host));
                    Map<Integer, Map<String, String>> metaOf = new HashMap<>();
                    metadata.forEach(m -> metaOf.computeIfAbsent(m.aggregateId, k -> new TreeMap<>())
                            .put(m.metaKey, m.metaValue));
                    return new SchedulerRpc.Aggregates(aggregates.stream().map(a -> {
                        Map<String, String> meta = metaOf.getOrDefault(a.id, Map.of());
                        return new SchedulerRpc.Aggregate(a.uuid, a.name, meta.get(Zones.AZ_KEY),
                                hostsOf.getOrDefault(a.id, List.of()), meta);
                    }).toList());
                })));
    }

    public Uni<Void> syncAggregates(RequestContext ctx, SchedulerRpc.Aggregates all) {
        return ComputeClients.uni(() -> rpcs.scheduler().syncAggregates(ctx, all)).onFailure().recoverWithItem(e -> {
            LOG.warnf("cannot send the aggregates to the scheduler: %s", e.getMessage());
            return null;
        });
    }
}
