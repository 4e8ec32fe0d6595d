package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageTag;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Adding and removing single image tags; adding one twice is fine, removing a missing one is 404. */
@ApplicationScoped
public class Tags {

    @Inject
    ImageAccess access;

    @Inject
    Policy policy;

    @Inject
    ImageSettings settings;

    public Uni<Void> add(Caller caller, String imageId, String tag) {
        return access.findForUpdate(caller, imageId).chain(v -> {
            policy.requireOwner(caller, Policy.Rule.MODIFY_IMAGE, v);
            return ImageTag.count("imageId = ?1 and value = ?2", imageId, tag).chain(exists -> {
                if (exists > 0) {
                    return Uni.createFrom().voidItem();
                }
                return ImageTag.count("imageId", imageId).chain(count -> {
                    if (count >= settings.quota().imageTags()) {
                        throw ApiException.tooLarge("Maximum number of image tags exceeded ("
                                + settings.quota().imageTags() + ").");
                    }
                    return ImageTag.of(imageId, tag).persist().chain(() -> touch(imageId));
                });
            });
        });
    }

    public Uni<Void> remove(Caller caller, String imageId, String tag) {
        return access.findForUpdate(caller, imageId).chain(v -> {
            policy.requireOwner(caller, Policy.Rule.MODIFY_IMAGE, v);
            return ImageTag.delete("imageId = ?1 and value = ?2", imageId, tag).chain(n -> {
                if (n == 0) {
                    throw ApiException.notFound("Tag " + tag + " not found on image " + imageId + ".");
                }
                return touch(imageId);
            });
        });
    }

    private static Uni<Void> touch(String imageId) {
        return Image.update("updatedAt = ?1 where id = ?2", ImageTransitions.now(), imageId).replaceWithVoid();
    }
}
