package io.jstack.identity.service;

import io.jstack.common.auth.IdentityEvents;
import io.jstack.common.rpc.Rpc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Start-up: signing keys ready, revocations loaded, bootstrap done, then listen to the other replicas. After
 * that, keys are rotated and revocations re-read periodically (the fanout normally brings them sooner).
 */
@ApplicationScoped
public class Lifecycle {

    private static final Logger LOG = Logger.getLogger(Lifecycle.class);

    @Inject
    SigningKeys keys;

    @Inject
    RevocationService revocations;

    @Inject
    Bootstrap bootstrap;

    @Inject
    IdentitySettings settings;

    @Inject
    Instance<Rpc> rpc;

    void start(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> keys.maintain()
                .chain(() -> Panache.withSession(() -> revocations.reload()))
                .chain(() -> settings.bootstrap().enabled() ? bootstrap.run() : Uni.createFrom().voidItem()));
        try {
            rpc.get().subscribe(IdentityEvents.class, revocations);
        } catch (RuntimeException e) {
            LOG.warnf("not listening to other identity replicas (the message broker is unreachable): %s",
                    e.getMessage());
        }
    }

    @Scheduled(every = "60s", delayed = "60s")
    Uni<Void> rotateKeys() {
        return keys.maintain().replaceWithVoid();
    }

    @Scheduled(every = "30s", delayed = "30s")
    Uni<Void> rereadRevocations() {
        return Panache.withSession(() -> revocations.reload());
    }
}
