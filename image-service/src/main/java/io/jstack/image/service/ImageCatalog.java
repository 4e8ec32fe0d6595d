package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.common.policy.Target;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageMember;
import io.jstack.image.model.ImageProperty;
import io.jstack.image.model.ImageStatus;
import io.jstack.image.model.ImageTag;
import io.jstack.image.store.ImageStore;
import io.jstack.image.store.StagingArea;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Creating, showing and deleting image records; changes are {@link ImageUpdates}. */
@ApplicationScoped
public class ImageCatalog {

    private static final Logger LOG = Logger.getLogger(ImageCatalog.class);

    @Inject
    ImageAccess access;

    @Inject
    Policy policy;

    @Inject
    Quotas quotas;

    @Inject
    PropertyProtections protections;

    @Inject
    ImageSettings settings;

    @Inject
    ImageStore store;

    @Inject
    StagingArea staging;

    /** Run inside a transaction. */
    public Uni<ImageDetails> create(Caller caller, NewImage spec) {
        String owner = spec.ownerGiven() ? spec.owner() : caller.projectId();
        Target target = Target.of("project_id", caller.projectId(), "owner", owner);
        if (!policy.allows(caller, Policy.Rule.ADD_IMAGE, target.with("owner", caller.projectId()))) {
            throw Policy.denied(Policy.Rule.ADD_IMAGE);
        }
        if (!caller.isAdmin() && (owner == null || !caller.owns(owner))) {
            throw ApiException.forbidden("You are not permitted to create images owned by '" + owner + "'.");
        }
        String visibility = spec.visibility() != null ? spec.visibility() : "shared";
        policy.requireVisibility(caller, visibility, Target.of("project_id", owner, "owner", owner, "visibility",
                visibility));
        spec.properties().keySet().forEach(k ->
                protections.require(caller, k, PropertyProtections.Operation.CREATE));
        checkCounts(spec.properties().size(), spec.tags().size());

        Image image = new Image();
        image.id = spec.id() != null ? spec.id().toLowerCase() : UUID.randomUUID().toString();
        image.name = spec.name();
        image.status = ImageStatus.QUEUED;
        image.visibility = visibility;
        image.owner = owner;
        image.isProtected = Boolean.TRUE.equals(spec.isProtected());
        image.osHidden = Boolean.TRUE.equals(spec.osHidden());
        image.minRam = spec.minRam() == null ? 0 : spec.minRam();
        image.minDisk = spec.minDisk() == null ? 0 : spec.minDisk();
        image.diskFormat = spec.diskFormat();
        image.containerFormat = spec.containerFormat();
        image.createdAt = ImageTransitions.now();
        image.updatedAt = image.createdAt;

        return quotas.checkNewImage(owner)
                .chain(() -> spec.id() == null ? Uni.createFrom().item(0L) : Image.count("id", image.id))
                .chain(existing -> {
                    if (existing > 0) {
                        throw ApiException.conflict("Image with identifier " + image.id + " already exists!");
                    }
                    return image.<Image>persist();
                })
                .chain(() -> persistChildren(image.id, spec.properties(), spec.tags()))
                .map(ignored -> new ImageDetails(image, protections.readable(caller, new TreeMap<>(spec.properties())),
                        List.copyOf(new java.util.TreeSet<>(spec.tags()))));
    }

    private static Uni<Void> persistChildren(String id, Map<String, String> properties, Set<String> tags) {
        List<Object> rows = new ArrayList<>();
        properties.forEach((k, v) -> rows.add(ImageProperty.of(id, k, v)));
        tags.forEach(t -> rows.add(ImageTag.of(id, t)));
        return rows.isEmpty() ? Uni.createFrom().voidItem() : Panache.getSession().chain(s -> s.persistAll(rows.toArray()));
    }

    private void checkCounts(int properties, int tags) {
        if (properties > settings.quota().imageProperties()) {
            throw ApiException.tooLarge("Maximum number of image properties exceeded ("
                    + settings.quota().imageProperties() + ").");
        }
        if (tags > settings.quota().imageTags()) {
            throw ApiException.tooLarge("Maximum number of image tags exceeded (" + settings.quota().imageTags()
                    + ").");
        }
    }

    public Uni<ImageDetails> show(Caller caller, String id) {
        return access.find(caller, id).chain(v -> ImageDetails.of(v.image(), caller, protections));
    }

    /** Deletes the record in a transaction, then the data: nothing half-deleted stays visible. */
    public Uni<Void> delete(Caller caller, String id) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return Panache.withTransaction(() -> access.findForUpdate(caller, id).chain(v -> {
            Image image = v.image();
            policy.requireOwner(caller, Policy.Rule.DELETE_IMAGE, v);
            if (image.isProtected) {
                throw ApiException.forbidden("Image " + id + " is protected and cannot be deleted.");
            }
            ImageStatus was = image.status;
            String location = image.location;
            Instant now = ImageTransitions.now();
            return Image.update("status = ?1, deletedAt = ?2, updatedAt = ?2 where id = ?3 and status = ?4",
                            ImageStatus.DELETED, now, id, was)
                    .invoke(n -> {
                        if (n != 1) {
                            throw ImageTransitions.conflict(id, was, ImageStatus.DELETED);
                        }
                    })
                    .chain(() -> ImageMember.delete("imageId", id))
                    .chain(() -> ImageProperty.delete("imageId", id))
                    .chain(() -> ImageTag.delete("imageId", id))
                    .replaceWith(location);
        })).chain(location -> removeData(id, location).emitOn(Contexts.on(context)));
    }

    /** Removes stored and staged data of an image, off the event loop; failures are logged, not returned. */
    Uni<Void> removeData(String id, String location) {
        return Uni.createFrom().<Void>item(() -> {
            try {
                if (location != null) {
                    store.delete(location);
                }
                staging.delete(id);
            } catch (Exception e) {
                LOG.warnf(e, "could not remove the data of deleted image %s (%s)", id, location);
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
