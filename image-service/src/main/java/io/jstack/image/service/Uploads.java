package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageStatus;
import io.jstack.image.store.ImageStore;
import io.jstack.image.store.StagingArea;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Receiving image data: {@code PUT /file} (queued, saving, active) and {@code PUT /stage} (queued, uploading,
 * staged for a glance-direct import). The image moves to saving/uploading first, by compare-and-swap, so only
 * one upload ever writes an image; the bytes stream through {@link Ingest} on a virtual thread while the request
 * stays paused whenever the pipeline is full; the image becomes active only in the transaction that records
 * its size and checksums, after the data is durable. A failed upload leaves no data and puts the image back to
 * queued, or to killed when the data arrived corrupt.
 */
@ApplicationScoped
public class Uploads {

    private static final Logger LOG = Logger.getLogger(Uploads.class);

    public enum Kind {
        /** Image data proper: queued to saving to active. */
        FILE(ImageStatus.SAVING, Policy.Rule.UPLOAD_IMAGE),
        /** Staging for glance-direct: queued to uploading, data kept aside until imported. */
        STAGE(ImageStatus.UPLOADING, Policy.Rule.MODIFY_IMAGE);

        final ImageStatus during;
        final Policy.Rule rule;

        Kind(ImageStatus during, Policy.Rule rule) {
            this.during = during;
            this.rule = rule;
        }
    }

    /** What the client sent: the body (attached only once the upload may go ahead) and its declarations. */
    public record Request(Long contentLength, String contentMd5, Supplier<DataSource> body) {
    }

    private record Target(String imageId, String owner, long maxBytes, Kind kind) {
    }

    @Inject
    ImageAccess access;

    @Inject
    Policy policy;

    @Inject
    Quotas quotas;

    @Inject
    ImageTransitions transitions;

    @Inject
    ImageStore store;

    @Inject
    StagingArea staging;

    @Inject
    ImageSettings settings;

    @Inject
    Contexts contexts;

    @Inject
    Vertx vertx;

    public Uni<Void> receive(Caller caller, String imageId, Kind kind, Request request) {
        Context requestContext = Vertx.currentContext();
        return Panache.withTransaction(() -> begin(caller, imageId, kind, request.contentLength()))
                .chain(target -> {
                    // From here on the image is saving (or uploading): whatever happens, it must end active or
                    // back in queued. So the outcome does not hang on the HTTP response, which is cancelled when
                    // the client goes away.
                    CompletableFuture<Void> outcome = new CompletableFuture<>();
                    CompletableFuture<Ingest.Result> transfer = new CompletableFuture<>();
                    long heartbeat = startHeartbeat(target);
                    Uni.createFrom().completionStage(transfer)
                            .emitOn(Contexts.on(requestContext))
                            .onTermination().invoke(() -> vertx.cancelTimer(heartbeat))
                            .onFailure().recoverWithUni(e -> failed(target, unwrap(e)))
                            .chain(result -> finish(target, result))
                            .subscribe().with(outcome::complete, outcome::completeExceptionally);
                    try {
                        DataSource source = request.body().get();
                        Thread.ofVirtual().name("upload-" + imageId).start(() -> {
                            try (source) {
                                transfer.complete(transfer(target, source,
                                        new Ingest.Expectation(request.contentLength(), request.contentMd5())));
                            } catch (Throwable e) {
                                transfer.completeExceptionally(e);
                            }
                        });
                    } catch (RuntimeException e) {
                        transfer.completeExceptionally(new DataSource.SourceFailedException(
                                "the request body could not be read", e));
                    }
                    return Uni.createFrom().completionStage(outcome);
                });
    }

    private Uni<Target> begin(Caller caller, String imageId, Kind kind, Long contentLength) {
        return access.findForUpdate(caller, imageId).chain(v -> {
            Image image = v.image();
            policy.requireOwner(caller, kind.rule, v);
            if (image.status != ImageStatus.QUEUED) {
                throw ApiException.conflict("Image status transition from " + image.status.value() + " to "
                        + kind.during.value() + " is not allowed");
            }
            if (kind == Kind.FILE && (image.diskFormat == null || image.containerFormat == null)) {
                throw ApiException.badRequest("Properties disk_format, container_format must be set prior to "
                        + "saving data.");
            }
            long cap = settings.imageSizeCap().asLongValue();
            if (contentLength != null && contentLength > cap) {
                throw ApiException.tooLarge("The incoming image is too large: " + contentLength
                        + " bytes, the limit is " + cap + ".");
            }
            return quotas.bytesLeft(image.owner, imageId).chain(left -> {
                if (contentLength != null && contentLength > left) {
                    throw ApiException.tooLarge("The image data exceeds the project's storage quota: "
                            + left + " bytes are left, " + contentLength + " were announced.");
                }
                return transitions.move(imageId, ImageStatus.QUEUED, kind.during)
                        .replaceWith(new Target(imageId, image.owner, Math.min(cap, left), kind));
            });
        });
    }

    private Ingest.Result transfer(Target target, DataSource source, Ingest.Expectation expected)
            throws IOException {
        ImageStore destination = target.kind == Kind.FILE ? store : staging.files();
        Ingest ingest = new Ingest((int) settings.transfer().blockSize().asLongValue(), settings.transfer().blocks());
        return ingest.run(source, destination.begin(target.imageId), target.maxBytes, expected);
    }

    /** The data is stored: record it, unless the quota or a concurrent change (a delete) says otherwise. */
    private Uni<Void> finish(Target target, Ingest.Result result) {
        Uni<Void> record = Panache.withTransaction(() -> quotas.checkBytes(target.owner, target.imageId,
                result.size()).chain(() -> target.kind == Kind.FILE
                ? transitions.activate(target.imageId, ImageStatus.SAVING, result, store.id())
                : Image.update("size = ?1, updatedAt = ?2 where id = ?3 and status = ?4", result.size(),
                ImageTransitions.now(), target.imageId, ImageStatus.UPLOADING).map(n -> n == 1))
                .invoke(recorded -> {
                    if (!recorded) {
                        throw new ApiException(410, "Image " + target.imageId + " could not be found after upload: "
                                + "it was deleted or changed during the upload. The uploaded data was discarded.");
                    }
                }).replaceWithVoid());
        return record.onFailure().recoverWithUni(e -> discard(target, result.location())
                .chain(() -> Panache.withTransaction(() -> transitions.tryMove(target.imageId,
                        target.kind.during, ImageStatus.QUEUED)))
                .chain(() -> Uni.createFrom().failure(e)));
    }

    private Uni<Void> discard(Target target, String location) {
        return Uni.createFrom().<Void>item(() -> {
            try {
                (target.kind == Kind.FILE ? store : staging.files()).delete(location);
            } catch (IOException | RuntimeException e) {
                LOG.warnf(e, "could not remove discarded data of image %s at %s", target.imageId, location);
            }
            return null;
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .emitOn(Contexts.on(Vertx.currentContext()));
    }

    /** Nothing was stored: the image goes back to queued, or to killed if the client sent corrupt data. */
    private Uni<Ingest.Result> failed(Target target, Throwable e) {
        boolean corrupt = e instanceof Ingest.IntegrityException && target.kind == Kind.FILE;
        ImageStatus next = corrupt ? ImageStatus.KILLED : ImageStatus.QUEUED;
        ApiException error = switch (e) {
            case ApiException api -> api;
            case Ingest.TooLargeException tooLarge -> ApiException.tooLarge(tooLarge.getMessage());
            case Ingest.IntegrityException integrity -> ApiException.badRequest(integrity.getMessage());
            case DataSource.SourceFailedException gone -> ApiException.badRequest(gone.getMessage());
            default -> {
                LOG.errorf(e, "storing the data of image %s failed", target.imageId);
                yield new ApiException(500, "The image data could not be stored.");
            }
        };
        LOG.infof("upload of image %s failed (%s), image %s", target.imageId, e.getMessage(), next.value());
        return Panache.withTransaction(() -> transitions.tryMove(target.imageId, target.kind.during, next))
                .chain(() -> Uni.createFrom().failure(error));
    }

    private long startHeartbeat(Target target) {
        long every = Math.max(1000, settings.transfer().heartbeat().toMillis());
        return vertx.setPeriodic(every, every, timer -> contexts.onFreshContext(() -> Panache.withTransaction(
                        () -> transitions.touch(target.imageId, target.kind.during)))
                .subscribe().with(ignored -> {
                }, err -> LOG.debugf(err, "heartbeat of upload %s failed", target.imageId)));
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
