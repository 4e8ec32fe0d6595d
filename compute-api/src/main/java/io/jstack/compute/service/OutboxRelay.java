package io.jstack.compute.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Runs the outbox's relay every {@code jstack.compute.outbox.relay-interval}. */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    Outbox outbox;

    @Scheduled(every = "${jstack.compute.outbox.relay-interval:1s}", delayed = "${jstack.compute.outbox.relay-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        return outbox.relayDue().invoke(round -> {
            if (round.sent() + round.failed() > 0) {
                LOG.infof("outbox relay: %d sent again, %d could not be sent, %d done", round.sent(),
                        round.failed(), round.done());
            }
        }).replaceWithVoid().onFailure().recoverWithItem(e -> {
            LOG.debugf("outbox relay round failed: %s", e.getMessage());
            return null;
        });
    }
}
