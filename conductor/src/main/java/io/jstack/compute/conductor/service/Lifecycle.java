package io.jstack.compute.conductor.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.quarkus.ComputeClients;
import io.jstack.common.rpc.Binding;
import io.jstack.common.rpc.Rpc;
import io.jstack.compute.conductor.rpc.ConductorHandler;
import io.jstack.compute.model.Aggregate;
import io.jstack.compute.model.AggregateHost;
import io.jstack.compute.model.AggregateMetadata;
import io.jstack.compute.model.Service;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Start-up: serve the conductor API. Then, periodically: report this conductor alive (os-services), finish
 * deletes stuck on dead hosts, and re-send host statuses and aggregates to the scheduler, so a scheduler that
 * restarted or missed a message converges on what the database says.
 */
@ApplicationScoped
public class Lifecycle {

    private static final Logger LOG = Logger.getLogger(Lifecycle.class);
    public static final String BINARY = "nova-conductor";

    @Inject
    Rpc rpc;

    @Inject
    ConductorHandler handler;

    @Inject
    HostReports reports;

    @Inject
    Deletions deletions;

    @Inject
    ComputeClients clients;

    @Inject
    ConductorSettings settings;

    private volatile Binding binding;
    private volatile Instant lastSync = Instant.EPOCH;

    void start(@Observes StartupEvent event) {
        binding = rpc.serve(ConductorRpc.class, handler);
        LOG.infof("serving %s as %s", binding.topic(), host());
    }

    void stop(@Observes ShutdownEvent event) {
        if (binding != null) {
            binding.close();
        }
    }

    public String host() {
        return settings.host().orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "localhost";
            }
        });
    }

    @Scheduled(every = "${jstack.conductor.report-interval:10s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodic() {
        Uni<Void> work = Panache.withTransaction(() -> reports.heartbeat(host(), BINARY))
                .chain(() -> deletions.finishOnDeadHosts());
        if (Instant.now().isAfter(lastSync.plus(settings.schedulerSyncInterval()))) {
            lastSync = Instant.now();
            work = work.chain(this::syncScheduler);
        }
        return work.onFailure().recoverWithItem(e -> {
            LOG.warnf("periodic work failed: %s", e.getMessage());
            return null;
        });
    }

    /** Host statuses of compute services and all aggregates, as the database has them. */
    Uni<Void> syncScheduler() {
        RequestContext ctx = RequestContext.internal();
        return Panache.withSession(() -> Service.<Service>list("serviceBinary", HostReports.COMPUTE)
                .chain(services -> aggregates().map(aggs -> Map.entry(services, aggs)))).chain(state -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Service s : state.getKey()) {
                        chain = chain.chain(() -> ComputeClients.uni(() -> clients.scheduler().updateHostStatus(ctx,
                                new SchedulerRpc.HostStatus(s.host, !s.disabled, s.forcedDown, s.disabledReason))));
                    }
                    return chain.chain(() -> ComputeClients.uni(() -> clients.scheduler().syncAggregates(ctx,
                            state.getValue())));
                });
    }

    static Uni<SchedulerRpc.Aggregates> aggregates() {
        return Aggregate.<Aggregate>listAll().chain(aggregates -> AggregateHost.<AggregateHost>listAll()
                .chain(hosts -> AggregateMetadata.<AggregateMetadata>listAll().map(metadata -> {
                    Map<Integer, List<String>> hostsOf = new HashMap<>();
                    hosts.forEach(h -> hostsOf.computeIfAbsent(h.aggregateId, k -> new ArrayList<>()).add(h.host));
                    Map<Integer, Map<String, String>> metaOf = new HashMap<>();
                    metadata.forEach(m -> metaOf.computeIfAbsent(m.aggregateId, k -> new TreeMap<>())
                            .put(m.metaKey, m.metaValue));
                    return new SchedulerRpc.Aggregates(aggregates.stream().map(a -> {
                        Map<String, String> meta = metaOf.getOrDefault(a.id, Map.of());
                        return new SchedulerRpc.Aggregate(a.uuid, a.name, meta.get("availability_zone"),
                                hostsOf.getOrDefault(a.id, List.of()), meta);
                    }).toList());
                })));
    }
}
