package io.jstack.image.service;

import io.jstack.image.model.Image;
import io.jstack.image.model.ImageStatus;
import io.jstack.image.model.ImageTask;
import io.jstack.image.store.FilesystemStore;
import io.jstack.image.store.ImageStore;
import io.jstack.image.store.StagingArea;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Cleans up after uploads and imports whose replica died: an image saving or importing whose heartbeat stopped
 * goes back to queued (its task fails), and partial files nobody writes any more are removed. Safe with several
 * replicas: the reset is a compare-and-swap on the stale status and timestamp.
 */
@ApplicationScoped
public class Janitor {

    private static final Logger LOG = Logger.getLogger(Janitor.class);

    @Inject
    ImageSettings settings;

    @Inject
    ImageStore store;

    @Inject
    StagingArea staging;

    @Scheduled(every = "${jstack.image.transfer.heartbeat:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        Instant before = ImageTransitions.now().minus(settings.transfer().staleAfter());
        return Panache.withTransaction(() -> Image.<Image>list("status in ?1 and updatedAt < ?2",
                        List.of(ImageStatus.SAVING, ImageStatus.IMPORTING), before)
                .chain(stale -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Image i : stale) {
                        chain = chain.chain(() -> reset(i, before));
                    }
                    return chain;
                }))
                .chain(() -> Uni.createFrom().item(() -> {
                    try {
                        int removed = staging.files().removeAbandoned(settings.transfer().staleAfter());
                        if (store instanceof FilesystemStore fs) {
                            removed += fs.removeAbandoned(settings.transfer().staleAfter());
                        }
                        if (removed > 0) {
                            LOG.infof("removed %d abandoned partial files", removed);
                        }
                    } catch (Exception e) {
                        LOG.warn("could not sweep partial files", e);
                    }
                    return (Void) null;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .onFailure().invoke(e -> LOG.warn("janitor sweep failed", e))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> reset(Image image, Instant before) {
        return Image.update("status = ?1, size = null, updatedAt = ?2 where id = ?3 and status = ?4 "
                        + "and updatedAt < ?5", ImageStatus.QUEUED, ImageTransitions.now(), image.id, image.status,
                        before)
                .chain(n -> {
                    if (n == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.warnf("image %s was %s without a heartbeat since %s: back to queued", image.id,
                            image.status.value(), image.updatedAt);
                    if (image.status == ImageStatus.IMPORTING) {
                        // an interrupted glance-direct import leaves its staged data: queued images have none
                        try {
                            staging.delete(image.id);
                        } catch (java.io.IOException e) {
                            LOG.warnf("could not remove the staged data of image %s", image.id);
                        }
                    }
                    return ImageTask.update("status = ?1, message = ?2, updatedAt = ?3 where imageId = ?4 "
                                    + "and status = ?5", ImageTask.FAILURE, "the import was interrupted",
                            ImageTransitions.now(), image.id, ImageTask.PROCESSING).replaceWithVoid();
                });
    }
}
