package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who may download which image's data: anyone with member role who can see it, unless it is deactivated. */
@ApplicationScoped
public class Downloads {

    @Inject
    ImageAccess access;

    @Inject
    Policy policy;

    /** An image whose data may be sent; location is null when it has none (yet): 204. */
    public record Download(Image image, String location) {
    }

    public Uni<Download> authorize(Caller caller, String id) {
        return access.find(caller, id).map(v -> {
            Image image = v.image();
            if (image.status == ImageStatus.DEACTIVATED && !caller.isAdmin()) {
                throw ApiException.forbidden("The requested image has been deactivated. Image data download is "
                        + "forbidden.");
            }
            policy.require(caller, Policy.Rule.DOWNLOAD_IMAGE, Policy.target(image, v.membership()));
            return new Download(image, image.status.hasData() ? image.location : null);
        });
    }
}
