package io.jstack.image.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.api.ApiException;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageProperty;
import io.jstack.image.model.ImageStatus;
import io.jstack.image.model.ImageTask;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Interoperable image import: {@code glance-direct} moves staged data into the store, {@code web-download}
 * fetches it from an http(s) URL. The request is checked and the image moved to importing (compare-and-swap) in
 * one transaction, answered 202, and the transfer runs on a virtual thread, recorded as a task. Either the image
 * ends active with its checksums, or back in queued with {@code os_glance_failed_import} naming the store.
 */
@ApplicationScoped
public class Imports {

    private static final Logger LOG = Logger.getLogger(Imports.class);
    public static final String IMPORTING_TO = "os_glance_importing_to_stores";
    public static final String FAILED_IMPORT = "os_glance_failed_import";
    public static final String TASK_TYPE = "api_image_import";

    @Inject
    ImageAccess access;

    @Inject
    Policy policy;

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
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    /** Checks the request, moves the image to importing and records the task; the transfer starts afterwards. */
    public Uni<Void> start(Caller caller, String id, ImportRequest request) {
        return Panache.withTransaction(() -> access.findForUpdate(caller, id).chain(v -> {
            Image image = v.image();
            policy.requireOwner(caller, Policy.Rule.MODIFY_IMAGE, v);
            ImageStatus from = checkStatus(image, request.method());
            for (String s : request.stores()) {
                if (!store.id().equals(s)) {
                    throw ApiException.conflict("Unknown store '" + s + "'.");
                }
            }
            if (ImportRequest.WEB_DOWNLOAD.equals(request.method())) {
                checkUri(request.uri());
            }
            ImageTask task = newTask(caller, id, request);
            return transitions.move(id, from, ImageStatus.IMPORTING)
                    .chain(() -> setProperty(id, IMPORTING_TO, store.id()))
                    .chain(() -> ImageProperty.delete("imageId = ?1 and name = ?2", id, FAILED_IMPORT))
                    .chain(() -> task.persist())
                    .replaceWith(new Job(id, image.owner, task.id, request, from));
        })).invoke(job -> Thread.ofVirtual().name("import-" + id).start(() -> run(job))).replaceWithVoid();
    }

    private record Job(String imageId, String owner, String taskId, ImportRequest request, ImageStatus from) {
    }

    private static ImageStatus checkStatus(Image image, String method) {
        if (image.status == ImageStatus.ACTIVE) {
            throw ApiException.conflict("Image with status active cannot be target for import");
        }
        ImageStatus required = ImportRequest.GLANCE_DIRECT.equals(method) ? ImageStatus.UPLOADING
                : ImageStatus.QUEUED;
        if (image.status != required) {
            throw ApiException.conflict(required == ImageStatus.UPLOADING
                    ? "Image needs to be staged before 'glance-direct' method can be used"
                    : "Image needs to be in 'queued' state to use '" + method + "' method");
        }
        if (image.containerFormat == null) {
            throw ApiException.conflict("'container_format' needs to be set before import");
        }
        if (image.diskFormat == null) {
            throw ApiException.conflict("'disk_format' needs to be set before import");
        }
        return required;
    }

    /** Glance's import filtering: allowed schemes and ports only. */
    void checkUri(String uri) {
        ImageSettings.Imports.WebDownload rules = settings.imports().webDownload();
        URI parsed;
        try {
            parsed = uri == null ? null : new URI(uri);
        } catch (java.net.URISyntaxException e) {
            parsed = null;
        }
        boolean ok = parsed != null && parsed.getScheme() != null && parsed.getHost() != null
                && rules.allowedSchemes().contains(parsed.getScheme().toLowerCase(Locale.ROOT));
        if (ok && rules.allowedPorts().isPresent() && !rules.allowedPorts().get().isEmpty()) {
            int port = parsed.getPort() >= 0 ? parsed.getPort() : "https".equalsIgnoreCase(parsed.getScheme()) ? 443 : 80;
            ok = rules.allowedPorts().get().contains(port);
        }
        if (!ok) {
            throw ApiException.badRequest("URI for web-download does not pass filtering: " + uri);
        }
    }

    private ImageTask newTask(Caller caller, String imageId, ImportRequest request) {
        ImageTask task = new ImageTask();
        task.id = UUID.randomUUID().toString();
        task.imageId = imageId;
        task.type = TASK_TYPE;
        task.status = ImageTask.PROCESSING;
        task.owner = caller.projectId();
        task.userId = caller.userId();
        task.requestId = caller.requestId();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("image_id", imageId);
        input.put("import_req", request.raw());
        input.put("backend", List.of(store.id()));
        try {
            task.input = json.writeValueAsString(input);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        task.message = "";
        task.createdAt = ImageTransitions.now();
        task.updatedAt = task.createdAt;
        return task;
    }

    /** The transfer, on its own virtual thread. */
    private void run(Job job) {
        long heartbeat = vertx.setPeriodic(settings.transfer().heartbeat().toMillis(), t -> contexts.onFreshContext(
                () -> Panache.withTransaction(() -> transitions.touch(job.imageId, ImageStatus.IMPORTING)))
                .subscribe().with(ok -> {
                }, err -> LOG.debugf(err, "heartbeat of import %s failed", job.imageId)));
        Ingest.Result result = null;
        try {
            long left = contexts.await(() -> Panache.withSession(() -> quotas.bytesLeft(job.owner, job.imageId)));
            long max = Math.min(left, settings.imageSizeCap().asLongValue());
            Ingest ingest = new Ingest((int) settings.transfer().blockSize().asLongValue(),
                    settings.transfer().blocks());
            try (DataSource source = open(job)) {
                result = ingest.run(source, store.begin(job.imageId), max, Ingest.Expectation.NONE);
            }
            Ingest.Result stored = result;
            contexts.await(() -> Panache.withTransaction(() -> quotas.checkBytes(job.owner, job.imageId,
                            stored.size())
                    .chain(() -> transitions.activate(job.imageId, ImageStatus.IMPORTING, stored, store.id()))
                    .invoke(activated -> {
                        if (!activated) {
                            throw ApiException.conflict("the image was deleted or changed during the import");
                        }
                    })
                    .chain(() -> setProperty(job.imageId, IMPORTING_TO, ""))
                    .chain(() -> finishTask(job.taskId, ImageTask.SUCCESS, "",
                            "{\"image_id\": \"" + job.imageId + "\"}"))));
            LOG.infof("imported image %s by %s: %d bytes", job.imageId, job.request.method(), stored.size());
        } catch (Exception e) {
            Throwable cause = Uploads.unwrap(e);
            LOG.infof("import of image %s by %s failed: %s", job.imageId, job.request.method(), cause.getMessage());
            if (result != null) {
                try {
                    store.delete(result.location());
                } catch (IOException | RuntimeException ignored) {
                    LOG.warnf("could not remove the data of failed import %s", job.imageId);
                }
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            try {
                contexts.await(() -> Panache.withTransaction(() -> transitions.tryMove(job.imageId,
                                ImageStatus.IMPORTING, ImageStatus.QUEUED)
                        .chain(moved -> moved ? setProperty(job.imageId, IMPORTING_TO, "")
                                .chain(() -> setProperty(job.imageId, FAILED_IMPORT, store.id()))
                                : Uni.createFrom().voidItem())
                        .chain(() -> finishTask(job.taskId, ImageTask.FAILURE, message, null))));
            } catch (RuntimeException again) {
                LOG.errorf(again, "could not record the failed import of image %s", job.imageId);
            }
        } finally {
            vertx.cancelTimer(heartbeat);
            if (ImportRequest.GLANCE_DIRECT.equals(job.request.method())) {
                try {
                    staging.delete(job.imageId);
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("could not remove the staged data of image %s", job.imageId);
                }
            }
        }
    }

    private DataSource open(Job job) throws IOException {
        if (ImportRequest.GLANCE_DIRECT.equals(job.request.method())) {
            ImageStore.Data data = staging.files().open(staging.location(job.imageId), 0, Long.MAX_VALUE);
            InputStream in = Channels.newInputStream(data.channel());
            return new DataSource() {
                @Override
                public int read(byte[] into, int offset, int length) throws IOException {
                    return in.read(into, offset, length);
                }

                @Override
                public void close() throws IOException {
                    in.close();
                    data.close();
                }
            };
        }
        HttpRequest get = HttpRequest.newBuilder(URI.create(job.request.uri())).GET()
                .timeout(settings.imports().webDownload().connectTimeout()).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            response.body().close();
            throw new IOException("web-download of " + job.request.uri() + " answered HTTP " + response.statusCode());
        }
        return DataSource.of(response.body());
    }

    private static Uni<Void> setProperty(String imageId, String name, String value) {
        return ImageProperty.update("value = ?1 where imageId = ?2 and name = ?3", value, imageId, name)
                .chain(n -> n > 0 ? Uni.createFrom().voidItem()
                        : ImageProperty.of(imageId, name, value).persist().replaceWithVoid());
    }

    private static Uni<Void> finishTask(String taskId, String status, String message, String result) {
        java.time.Instant now = ImageTransitions.now();
        return ImageTask.update("status = ?1, message = ?2, result = ?3, updatedAt = ?4, expiresAt = ?5 "
                        + "where id = ?6", status, message, result, now, now.plus(Duration.ofHours(48)), taskId)
                .replaceWithVoid();
    }
}
