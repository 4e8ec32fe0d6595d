package io.jstack.scheduler.service;

import io.jstack.common.compute.SchedulerRpc;
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

/** Start-up: host states loaded, then serve the scheduler topic. After that, host states are re-read periodically. */
@ApplicationScoped
public class Lifecycle {

    private static final Logger LOG = Logger.getLogger(Lifecycle.class);

    @Inject
    HostRefresher refresher;

    @Inject
    HostStates hostStates;

    @Inject
    SchedulerEndpoint endpoint;

    @Inject
    Rpc rpc;

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
}
