package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageProperty;
import io.jstack.image.model.ImageStatus;
import io.jstack.image.model.ImageTag;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Changing an image record with a JSON patch (Glance's semantics for add, replace and remove on base attributes
 * and custom properties), all or nothing, with the image row locked so concurrent changes queue up instead of
 * overwriting each other.
 */
@ApplicationScoped
public class ImageUpdates {

    @Inject
    ImageAccess access;

    @Inject
    Policy policy;

    @Inject
    PropertyProtections protections;

    @Inject
    ImageSettings settings;

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
                                        List.copyOf(new TreeSet<>(tags))));
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
                policy.requireVisibility(caller, (String) value, Policy.target(image, null));
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
        List<Supplier<Uni<?>>> ops = new ArrayList<>();
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

}
