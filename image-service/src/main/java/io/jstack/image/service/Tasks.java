package io.jstack.image.service;

import io.jstack.image.model.ImageTask;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The tasks (imports) of an image, for whoever may see the image. */
@ApplicationScoped
public class Tasks {

    @Inject
    ImageAccess access;

    @Inject
    Policy policy;

    public Uni<List<ImageTask>> ofImage(Caller caller, String imageId) {
        return access.find(caller, imageId).chain(v -> {
            policy.require(caller, Policy.Rule.GET_TASKS);
            return ImageTask.<ImageTask>list("imageId = ?1 order by createdAt", imageId);
        });
    }
}
