package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageMember;
import io.jstack.image.model.ImageStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.regex.Pattern;

/**
 * Finds the image a request names, as the caller may see it: their project's images, public and community
 * ones, and shared ones their project is a member of (in any member status, as Glance). Anything else, deleted
 * images included, does not exist for the caller (404).
 */
@ApplicationScoped
public class ImageAccess {

    public static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /** An image the caller can see, with the caller's own membership of it (null when none). */
    public record Visible(Image image, ImageMember membership) {
    }

    @Inject
    Policy policy;

    public Uni<Visible> find(Caller caller, String id) {
        return load(caller, id, false);
    }

    /** The same, with the image row locked for the rest of the transaction: updates never get lost. */
    public Uni<Visible> findForUpdate(Caller caller, String id) {
        return load(caller, id, true);
    }

    private Uni<Visible> load(Caller caller, String id, boolean lock) {
        if (id == null || !UUID.matcher(id).matches()) {
            return Uni.createFrom().failure(notFound(id));
        }
        Uni<Image> image = lock ? Image.<Image>findById(id, LockModeType.PESSIMISTIC_WRITE) : Image.findById(id);
        return image.chain(i -> {
            if (i == null || i.status == ImageStatus.DELETED) {
                return Uni.createFrom().failure(notFound(id));
            }
            if (caller.projectId() == null) {
                return visible(caller, i, null);
            }
            return ImageMember.<ImageMember>find("imageId = ?1 and member = ?2", i.id, caller.projectId())
                    .firstResult().chain(m -> visible(caller, i, m));
        }).invoke(v -> {
            // Glance answers a get_image refusal as if the image did not exist
            if (!policy.allows(caller, Policy.Rule.GET_IMAGE, Policy.target(v.image(), v.membership()))) {
                throw notFound(id);
            }
        });
    }

    private static Uni<Visible> visible(Caller caller, Image image, ImageMember membership) {
        if (!canSee(caller, image, membership)) {
            return Uni.createFrom().failure(notFound(image.id));
        }
        return Uni.createFrom().item(new Visible(image, membership));
    }

    public static boolean canSee(Caller caller, Image image, ImageMember membership) {
        return caller.isAdmin() || image.owner == null || caller.owns(image.owner)
                || "public".equals(image.visibility) || "community".equals(image.visibility)
                || ("shared".equals(image.visibility) && membership != null);
    }

    public static ApiException notFound(String id) {
        return ApiException.notFound("No image found with ID " + id);
    }
}
