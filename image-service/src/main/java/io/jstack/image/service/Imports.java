package io.jstack.image.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.api.ApiException;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageProperty;
import io.jstack.image.model.ImageStatus;
import io.jstack.image.model.ImageTask;
import io.jstack.image.service.webdownload.ImportFiltering;
import io.jstack.image.service.webdownload.Refused;
import io.jstack.image.store.ImageStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Interoperable image import: {@code glance-direct} moves staged data into the store, {@code web-download}
 * fetches it from an http(s) URL, {@code glance-download} from another region's image service, and
 * {@code copy-image} copies an active image to more stores. The request is checked and the image moved to
 * importing (compare-and-swap) in one transaction, answered 202, and the transfer runs as a task
 * ({@link ImportJobs}).
 */
@ApplicationScoped
public class Imports {

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
    ImageStore store;

    @Inject
    ImageSettings settings;

    @Inject
    ObjectMapper json;

    @Inject
    ImportJobs jobs;

    @Inject
    ImportFiltering filtering;

    /** Checks the request, moves the image to importing and records the task; the transfer starts afterwards. */
    public Uni<Void> start(Caller caller, String id, ImportRequest request) {
        if (ImportRequest.COPY_IMAGE.equals(request.method())) {
            return Panache.withTransaction(() -> copyImage(caller, id, request));
        }
        return Panache.withTransaction(() -> access.findForUpdate(caller, id).chain(v -> {
            Image image = v.image();
            policy.requireOwner(caller, Policy.Rule.MODIFY_IMAGE, v);
            ImageStatus from = checkStatus(image, request.method());
            checkStores(request);
            if (ImportRequest.WEB_DOWNLOAD.equals(request.method())) {
                checkUri(request.uri());
            }
            ImageTask task = newTask(caller, id, request);
            return transitions.move(id, from, ImageStatus.IMPORTING)
                    .chain(() -> ImageProperty.set(id, IMPORTING_TO, store.id()))
                    .chain(() -> ImageProperty.set(id, FAILED_IMPORT, ""))
                    .chain(() -> task.persist())
                    .replaceWith(new ImportJobs.Job(id, image.owner, task.id, request, caller.token()));
        })).invoke(jobs::launch).replaceWithVoid();
    }

    private void checkStores(ImportRequest request) {
        for (String s : request.stores()) {
            if (!store.id().equals(s)) {
                throw ApiException.conflict("Unknown store '" + s + "'.");
            }
        }
    }

    /**
     * copy-image puts an active image's data into more stores. With one store there is nothing to copy: the
     * answer says so by the import properties, as when a copy to every store has finished.
     */
    private Uni<Void> copyImage(Caller caller, String id, ImportRequest request) {
        return access.findForUpdate(caller, id).chain(v -> {
            policy.require(caller, Policy.Rule.COPY_IMAGE);
            if (v.image().status != ImageStatus.ACTIVE) {
                throw ApiException.conflict("Only images with status active can be targeted for copying");
            }
            checkStores(request);
            if (!request.allStores() && request.stores().contains(store.id())) {
                throw ApiException.badRequest("Image is already present at store '" + store.id() + "'");
            }
            return ImageProperty.set(id, IMPORTING_TO, "").chain(() -> ImageProperty.set(id, FAILED_IMPORT, ""));
        });
    }

    private static ImageStatus checkStatus(Image image, String method) {
        if (image.status == ImageStatus.ACTIVE) {
            throw ApiException.conflict("Image with status active cannot be target for import");
        }
        // glance-direct imports what was staged; web-download and glance-download fetch into a queued image
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

    /**
     * Glance's import filtering of the URL as written (scheme, host, port lists), and an address literal's
     * address; names are resolved and checked when fetched ({@link WebDownload}), and so is every redirect.
     */
    void checkUri(String uri) {
        try {
            filtering.check(uri);
        } catch (Refused e) {
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

}
