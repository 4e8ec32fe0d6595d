package io.jstack.scheduler.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.SchedulerRpc;
import io.jstack.common.quarkus.ComputeClients;
import io.jstack.common.rpc.Binding;
import io.jstack.common.rpc.Rpc;
import io.jstack.scheduler.rpc.SchedulerEndpoint;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Instant;

/**
 * Start-up: host states loaded, then serve the scheduler topic. After that, host states are re-read periodically,
 * and this scheduler reports itself alive (os-services lists it as nova-scheduler, up while it reports), through
 * the conductor, which keeps the compute family's service records.
 */
@ApplicationScoped
public class Lifecycle {

    private static final Logger LOG = Logger.getLogger(Lifecycle.class);
    public static final String BINARY = "nova-scheduler";

    @Inject
    HostRefresher refresher;

    @Inject
    HostStates hostStates;

    @Inject
    SchedulerEndpoint endpoint;

    @Inject
    Rpc rpc;

    @Inject
    ComputeClients clients;

    @Inject
    SchedulerSettings settings;

    private volatile Binding binding;

    void start(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> refresher.refresh());
        LOG.infof("%d hosts known; serving the scheduler topic", hostStates.size());
        binding = rpc.serve(SchedulerRpc.class, endpoint);
    }

    void stop(@Observes ShutdownEvent event) {
        Binding b = binding;
        if (b != null) {
            b.close();
        }
    }

    @Scheduled(every = "${jstack.scheduler.refresh-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return refresher.refresh().onFailure().invoke(t -> LOG.warnf("host state refresh failed: %s", t.getMessage()))
                .onFailure().recoverWithNull();
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

    @Scheduled(every = "${jstack.scheduler.report-interval:10s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> heartbeat() {
        return ComputeClients.uni(() -> clients.conductor().serviceHeartbeat(RequestContext.internal(),
                        new ConductorRpc.Heartbeat(host(), BINARY, null, Instant.now())))
                .onFailure().invoke(t -> LOG.debugf("heartbeat not sent: %s", t.getMessage()))
                .onFailure().recoverWithNull();
    }
}
