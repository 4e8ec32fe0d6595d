package io.jstack.image.service;

import io.jstack.common.api.ApiException;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Creating, showing, changing and deleting image records. */
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
        if (!policy.allows(caller, Policy.Rule.ADD_IMAGE)) {
            throw Policy.denied(Policy.Rule.ADD_IMAGE);
        }
        if (!caller.isAdmin() && (owner == null || !caller.owns(owner))) {
            throw ApiException.forbidden("You are not permitted to create images owned by '" + owner + "'.");
        }
        String visibility = spec.visibility() != null ? spec.visibility() : "shared";
        policy.requireVisibility(caller, visibility);
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

    /** Applies a PATCH document atomically: the image row stays locked until the transaction ends. */
    public Uni<ImageDetails> update(Caller caller, String id, List<ImageChange> changes) {
        return access.findForUpdate(caller, id).chain(v -> {
            Image image = v.image();
            return ImageProperty.<ImageProperty>list("imageId", id).chain(rows ->
                    ImageTag.<ImageTag>list("imageId", id).chain(tagRows -> {
                        Map<String, String> before = new TreeMap<>();
                        rows.forEach(p -> before.put(p.name, p.value));
                        Set<String> tagsBefore = new LinkedHashSet<>();
                        tagRows.forEach(t -> tagsBefore.add(t.value));
                        Map<String, String> props = new TreeMap<>(before);
                        Set<String> tags = new LinkedHashSet<>(tagsBefore);
                        boolean modifyChecked = false;
                        for (ImageChange change : changes) {
                            if (!modifyChecked) {
                                policy.requireOwner(caller, Policy.Rule.MODIFY_IMAGE, v);
                                modifyChecked = true;
                            }
                            apply(caller, image, props, tags, change);
                        }
                        checkCounts(props.size(), tags.size());
                        if (!changes.isEmpty()) {
                            image.updatedAt = ImageTransitions.now();
                        }
                        // rendered from what was just written: the session still holds the rows as they were
                        return saveChildren(id, before, props, tagsBefore, tags)
                                .map(ignored -> new ImageDetails(image, protections.readable(caller, props),
                                        List.copyOf(new java.util.TreeSet<>(tags))));
                    }));
        });
    }

    private void apply(Caller caller, Image image, Map<String, String> props, Set<String> tags, ImageChange c) {
        String name = c.property();
        if (BaseAttribute.isBase(name)) {
            if (c.op() == ImageChange.Op.REMOVE) {
                throw ApiException.forbidden("Property " + name + " may not be removed.");
            }
            if (c.op() == ImageChange.Op.ADD && c.strictAdd()) {
                throw ApiException.conflict("Property " + name + " already present.");
            }
            setBase(caller, image, tags, name, c.value());
            return;
        }
        boolean readable = props.containsKey(name) && protections.allows(caller, name,
                PropertyProtections.Operation.READ);
        switch (c.op()) {
            case REMOVE -> {
                if (!readable) {
                    throw ApiException.conflict("Property " + name + " does not exist.");
                }
                protections.require(caller, name, PropertyProtections.Operation.DELETE);
                props.remove(name);
            }
            case REPLACE -> {
                if (!readable) {
                    throw ApiException.conflict("Property " + name + " does not exist.");
                }
                protections.require(caller, name, PropertyProtections.Operation.UPDATE);
                props.put(name, (String) c.value());
            }
            case ADD -> {
                if (readable && c.strictAdd()) {
                    throw ApiException.conflict("Property " + name + " already present.");
                }
                protections.require(caller, name, readable ? PropertyProtections.Operation.UPDATE
                        : PropertyProtections.Operation.CREATE);
                props.put(name, (String) c.value());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void setBase(Caller caller, Image image, Set<String> tags, String name, Object value) {
        switch (name) {
            case "name" -> image.name = (String) value;
            case "visibility" -> {
                policy.requireVisibility(caller, (String) value);
                image.visibility = (String) value;
            }
            case "protected" -> image.isProtected = (Boolean) value;
            case "os_hidden" -> image.osHidden = (Boolean) value;
            case "min_ram" -> image.minRam = (Integer) value;
            case "min_disk" -> image.minDisk = (Integer) value;
            case "disk_format" -> {
                requireQueued(image, name);
                image.diskFormat = (String) value;
            }
            case "container_format" -> {
                requireQueued(image, name);
                image.containerFormat = (String) value;
            }
            case "owner" -> {
                if (!caller.isAdmin()) {
                    throw ApiException.forbidden("Owner can't be updated by non admin.");
                }
                image.owner = (String) value;
            }
            case "tags" -> {
                tags.clear();
                tags.addAll((List<String>) value);
            }
            default -> throw new IllegalStateException("unhandled base attribute " + name);
        }
    }

    private static void requireQueued(Image image, String attribute) {
        if (image.status != ImageStatus.QUEUED && image.status != ImageStatus.IMPORTING) {
            throw ApiException.forbidden("Attribute " + attribute + " can be only replaced for a queued image.");
        }
    }

    private static Uni<Void> saveChildren(String id, Map<String, String> before, Map<String, String> after,
                                          Set<String> tagsBefore, Set<String> tagsAfter) {
        List<java.util.function.Supplier<Uni<?>>> ops = new ArrayList<>();
        for (String k : before.keySet()) {
            if (!after.containsKey(k)) {
                ops.add(() -> ImageProperty.delete("imageId = ?1 and name = ?2", id, k));
            }
        }
        after.forEach((k, v) -> {
            if (!before.containsKey(k)) {
                ops.add(() -> ImageProperty.of(id, k, v).persist());
            } else if (!before.get(k).equals(v)) {
                ops.add(() -> ImageProperty.update("value = ?1 where imageId = ?2 and name = ?3", v, id, k));
            }
        });
        for (String t : tagsBefore) {
            if (!tagsAfter.contains(t)) {
                ops.add(() -> ImageTag.delete("imageId = ?1 and value = ?2", id, t));
            }
        }
        for (String t : tagsAfter) {
            if (!tagsBefore.contains(t)) {
                ops.add(() -> ImageTag.of(id, t).persist());
            }
        }
        return Unis.inSequence(ops);
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
