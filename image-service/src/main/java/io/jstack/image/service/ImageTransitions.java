package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Image status changes, each one compare-and-swap: {@code UPDATE image SET status = :to WHERE id = :id AND
 * status = :from}. When no row changes, someone else moved the image first and the caller gets 409 (or false):
 * a transition is never applied on top of a state it did not see. Run inside a transaction.
 */
@ApplicationScoped
public class ImageTransitions {

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public Uni<Boolean> tryMove(String id, ImageStatus from, ImageStatus to) {
        Uni<Integer> rows = to == ImageStatus.QUEUED
                // back to queued: no data, so no size either (Glance resets it)
                ? Image.update("status = ?1, size = null, virtualSize = null, updatedAt = ?2 "
                        + "where id = ?3 and status = ?4", to, now(), id, from)
                : Image.update("status = ?1, updatedAt = ?2 where id = ?3 and status = ?4", to, now(), id, from);
        return rows.map(n -> n == 1);
    }

    public Uni<Void> move(String id, ImageStatus from, ImageStatus to) {
        return tryMove(id, from, to).invoke(moved -> {
            if (!moved) {
                throw conflict(id, from, to);
            }
        }).replaceWithVoid();
    }

    /** {@code from} to active, with the data just stored. */
    public Uni<Boolean> activate(String id, ImageStatus from, Ingest.Result data, String store) {
        return Image.update("status = ?1, size = ?2, checksum = ?3, osHashAlgo = ?4, osHashValue = ?5, "
                                + "store = ?6, location = ?7, updatedAt = ?8 where id = ?9 and status = ?10",
                        ImageStatus.ACTIVE, data.size(), data.checksum(), Ingest.HASH_ALGO, data.hashValue(), store,
                        data.location(), now(), id, from)
                .map(n -> n == 1);
    }

    /** The status in the database now, whatever the session has cached; null when there is no such image. */
    public Uni<ImageStatus> status(String id) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "select i.status from Image i where i.id = ?1", ImageStatus.class)
                .setParameter(1, id).getSingleResultOrNull());
    }

    /** Marks the image alive while its data is being received (see {@link Janitor}). */
    public Uni<Boolean> touch(String id, ImageStatus status) {
        return Image.update("updatedAt = ?1 where id = ?2 and status = ?3", now(), id, status).map(n -> n == 1);
    }

    public static ApiException conflict(String id, ImageStatus from, ImageStatus to) {
        return ApiException.conflict("Image " + id + " is no longer " + from.value() + ", so it cannot become "
                + to.value() + ": another request changed it first.");
    }
}
