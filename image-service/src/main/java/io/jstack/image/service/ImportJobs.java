package io.jstack.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageProperty;
import io.jstack.image.model.ImageStatus;
import io.jstack.image.model.ImageTask;
import io.jstack.image.service.webdownload.WebDownload;
import io.jstack.image.store.ImageStore;
import io.jstack.image.store.StagingArea;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs imports started by {@link Imports}, each on a virtual thread: reads the source (staged data, a URL,
 * another region's image), streams it through {@link Ingest} into the store, and ends the image active with its
 * checksums, or back in queued with {@code os_glance_failed_import} naming the store. The task records which.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);

    /** An import to run: the token is the caller's, for glance-download's calls on their behalf. */
    public record Job(String imageId, String owner, String taskId, ImportRequest request, String token) {
    }

    @Inject
    ImageTransitions transitions;

    @Inject
    Quotas quotas;

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

    @Inject
    RemoteGlance remoteGlance;

    @Inject
    WebDownload webDownload;

    void launch(Job job) {
        Thread.ofVirtual().name("import-" + job.imageId()).start(() -> run(job));
    }

    /** The transfer, on its own virtual thread. */
    void run(Job job) {
        long heartbeat = vertx.setPeriodic(settings.transfer().heartbeat().toMillis(), t -> contexts.onFreshContext(
                () -> Panache.withTransaction(() -> transitions.touch(job.imageId(), ImageStatus.IMPORTING)))
                .subscribe().with(ok -> {
                }, err -> LOG.debugf(err, "heartbeat of import %s failed", job.imageId())));
        Ingest.Result result = null;
        try {
            long left = contexts.await(() -> Panache.withSession(() -> quotas.bytesLeft(job.owner(), job.imageId())));
            long max = Math.min(left, settings.imageSizeCap().asLongValue());
            Ingest ingest = new Ingest((int) settings.transfer().blockSize().asLongValue(),
                    settings.transfer().blocks());
            JsonNode remote;
            try (Opened opened = open(job)) {
                remote = opened.remote();
                result = ingest.run(opened.source(), store.begin(job.imageId()), max, Ingest.Expectation.NONE);
            }
            Ingest.Result stored = result;
            JsonNode copyFrom = remote;
            contexts.await(() -> Panache.withTransaction(() -> quotas.checkBytes(job.owner(), job.imageId(),
                            stored.size())
                    .chain(() -> transitions.activate(job.imageId(), ImageStatus.IMPORTING, stored, store.id()))
                    .invoke(activated -> {
                        if (!activated) {
                            throw ApiException.conflict("the image was deleted or changed during the import");
                        }
                    })
                    .chain(() -> ImageProperty.set(job.imageId(), Imports.IMPORTING_TO, ""))
                    .chain(() -> copyFrom == null ? Uni.createFrom().voidItem() : adopt(job.imageId(), copyFrom))
                    .chain(() -> finishTask(job.taskId(), ImageTask.SUCCESS, "",
                            "{\"image_id\": \"" + job.imageId() + "\"}"))));
            LOG.infof("imported image %s by %s: %d bytes", job.imageId(), job.request().method(), stored.size());
        } catch (Exception e) {
            Throwable cause = Uploads.unwrap(e);
            LOG.infof("import of image %s by %s failed: %s", job.imageId(), job.request().method(), cause.getMessage());
            if (result != null) {
                try {
                    store.delete(result.location());
                } catch (IOException | RuntimeException ignored) {
                    LOG.warnf("could not remove the data of failed import %s", job.imageId());
                }
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            try {
                contexts.await(() -> Panache.withTransaction(() -> transitions.tryMove(job.imageId(),
                                ImageStatus.IMPORTING, ImageStatus.QUEUED)
                        .chain(moved -> moved ? ImageProperty.set(job.imageId(), Imports.IMPORTING_TO, "")
                                .chain(() -> ImageProperty.set(job.imageId(), Imports.FAILED_IMPORT, store.id()))
                                : Uni.createFrom().voidItem())
                        .chain(() -> finishTask(job.taskId(), ImageTask.FAILURE, message, null))));
            } catch (RuntimeException again) {
                LOG.errorf(again, "could not record the failed import of image %s", job.imageId());
            }
        } finally {
            vertx.cancelTimer(heartbeat);
            if (ImportRequest.GLANCE_DIRECT.equals(job.request().method())) {
                try {
                    staging.delete(job.imageId());
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("could not remove the staged data of image %s", job.imageId());
                }
            }
        }
    }

    /** The data to import, and for glance-download the remote image record. */
    private record Opened(DataSource source, JsonNode remote) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    private Opened open(Job job) throws IOException {
        switch (job.request().method()) {
            case ImportRequest.GLANCE_DIRECT -> {
                ImageStore.Data data = staging.files().open(staging.location(job.imageId()), 0, Long.MAX_VALUE);
                InputStream in = Channels.newInputStream(data.channel());
                return new Opened(new DataSource() {
                    @Override
                    public int read(byte[] into, int offset, int length) throws IOException {
                        return in.read(into, offset, length);
                    }

                    @Override
                    public void close() throws IOException {
                        in.close();
                        data.close();
                    }
                }, null);
            }
            case ImportRequest.GLANCE_DOWNLOAD -> {
                ImportRequest.Remote r = job.request().remote();
                if (job.token() == null) {
                    throw new IOException("glance-download needs the caller's token");
                }
                RemoteGlance.Remote remote = remoteGlance.open(job.token(), r.region(), r.serviceInterface(),
                        r.imageId());
                return new Opened(DataSource.of(remote.data()), remote.image());
            }
            default -> {
                WebDownload.Response response = webDownload.open(job.request().uri());
                return new Opened(DataSource.of(response.body()), null);
            }
        }
    }

    /**
     * glance-download: the new image takes the remote image's formats and the custom properties the operator
     * lists (jstack.image.import.glance-download.properties, shell-style patterns).
     */
    private Uni<Void> adopt(String imageId, JsonNode remote) {
        List<Supplier<Uni<?>>> ops = new ArrayList<>();
        String disk = remote.path("disk_format").isTextual() ? remote.path("disk_format").textValue() : null;
        String container = remote.path("container_format").isTextual()
                ? remote.path("container_format").textValue() : null;
        ops.add(() -> Image.update("diskFormat = coalesce(?1, diskFormat), containerFormat = coalesce(?2, "
                + "containerFormat) where id = ?3", disk, container, imageId));
        List<Pattern> wanted = settings.imports().glanceDownload().properties().stream()
                .map(p -> Pattern.compile(Pattern.quote(p).replace("*", "\\E.*\\Q")))
                .toList();
        for (var it = remote.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isTextual() && !BaseAttribute.isBase(e.getKey())
                    && wanted.stream().anyMatch(p -> p.matcher(e.getKey()).matches())) {
                ops.add(() -> ImageProperty.set(imageId, e.getKey(), e.getValue().textValue()));
            }
        }
        return Unis.inSequence(ops);
    }

    private static Uni<Void> finishTask(String taskId, String status, String message, String result) {
        java.time.Instant now = ImageTransitions.now();
        return ImageTask.update("status = ?1, message = ?2, result = ?3, updatedAt = ?4, expiresAt = ?5 "
                        + "where id = ?6", status, message, result, now, now.plus(Duration.ofHours(48)), taskId)
                .replaceWithVoid();
    }
}
