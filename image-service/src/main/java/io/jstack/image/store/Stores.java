package io.jstack.image.store;

import io.jstack.image.service.ImageSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** Chooses the store from {@code jstack.image.store.type}, and places the staging area. */
public class Stores {

    @Produces
    @Singleton
    ImageStore store(ImageSettings settings) {
        return switch (settings.store().type()) {
            case "file" -> new FilesystemStore("file", Path.of(settings.store().directory()));
            default -> throw new IllegalStateException("unknown image store type '" + settings.store().type()
                    + "' (jstack.image.store.type); known: file");
        };
    }

    @Produces
    @Singleton
    StagingArea staging(ImageSettings settings) {
        return new StagingArea(settings.stagingDirectory().map(Path::of)
                .orElse(Path.of(settings.store().directory()).resolve(".staging")));
    }
}
