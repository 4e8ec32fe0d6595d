package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Per-project image limits: how many images a project owns and how many bytes of image data. Every decision
 * runs inside the transaction that makes the change, after taking a per-project advisory lock, and counts the
 * image rows themselves: concurrent requests of one project queue up behind the lock, so no burst can overshoot
 * a limit, and there is no separate counter to drift.
 */
@ApplicationScoped
public class Quotas {

    /** Statuses whose images hold bytes (stored or staged). */
    private static final List<ImageStatus> HOLDING_DATA = List.of(ImageStatus.ACTIVE, ImageStatus.DEACTIVATED,
            ImageStatus.UPLOADING, ImageStatus.IMPORTING);

    public record Limits(long imageCount, long imageBytes) {
        public static final long UNLIMITED = -1;
    }

    @Inject
    ImageSettings settings;

    public Limits of(String project) {
        ImageSettings.Quota q = settings.quota();
        var override = project == null ? null : q.projects().get(project);
        long count = override != null && override.imageCount().isPresent() ? override.imageCount().getAsLong()
                : q.imageCount().orElse(Limits.UNLIMITED);
        long bytes = override != null && override.imageSizeTotal().isPresent()
                ? override.imageSizeTotal().get().asLongValue()
                : q.imageSizeTotal().map(MemorySize::asLongValue).orElse(Limits.UNLIMITED);
        return new Limits(count, bytes);
    }

    /** Serialises quota decisions for one project until the current transaction ends. */
    Uni<Void> lock(String project) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock(hashtext(?1))) l", Long.class)
                .setParameter(1, "image-quota:" + project).getSingleResult()).replaceWithVoid();
    }

    /** Before a new image of {@code owner} is stored: 413 when the project already owns its limit. */
    public Uni<Void> checkNewImage(String owner) {
        long limit = of(owner).imageCount();
        if (limit < 0 || owner == null) {
            return Uni.createFrom().voidItem();
        }
        return lock(owner).chain(() -> Image.count("owner = ?1 and status <> ?2", owner, ImageStatus.DELETED))
                .invoke(count -> {
                    if (count + 1 > limit) {
                        throw ApiException.tooLarge("Maximum number of images exceeded: the project may own "
                                + limit + " images (image_count_total).");
                    }
                }).replaceWithVoid();
    }

    /** Bytes the project may still add, outside any lock: for stopping an oversized upload early. */
    public Uni<Long> bytesLeft(String owner, String imageId) {
        long limit = of(owner).imageBytes();
        if (limit < 0 || owner == null) {
            return Uni.createFrom().item(Long.MAX_VALUE);
        }
        return bytesHeld(owner, imageId).map(used -> Math.max(0, limit - used));
    }

    /**
     * Before {@code size} bytes become the data of {@code imageId}: 413 when the project's images would hold
     * more than its limit. Locks the project for the rest of the transaction.
     */
    public Uni<Void> checkBytes(String owner, String imageId, long size) {
        long limit = of(owner).imageBytes();
        if (limit < 0 || owner == null) {
            return Uni.createFrom().voidItem();
        }
        return lock(owner).chain(() -> bytesHeld(owner, imageId)).invoke(used -> {
            if (used + size > limit) {
                throw ApiException.tooLarge("The image data exceeds the project's storage quota: " + used
                        + " of " + limit + " bytes are in use, " + size + " more were sent (image_size_total).");
            }
        }).replaceWithVoid();
    }

    private Uni<Long> bytesHeld(String owner, String exceptImage) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select coalesce(sum(i.size), 0) from Image i where i.owner = ?1 and i.id <> ?2 "
                                + "and i.status in ?3", Long.class)
                .setParameter(1, owner).setParameter(2, exceptImage == null ? "" : exceptImage)
                .setParameter(3, HOLDING_DATA).getSingleResult());
    }

    /** For /v2/info/usage. */
    public Uni<long[]> usage(String owner) {
        return Image.count("owner = ?1 and status <> ?2", owner, ImageStatus.DELETED)
                .chain(count -> bytesHeld(owner, null).map(bytes -> new long[]{count, bytes}));
    }
}
