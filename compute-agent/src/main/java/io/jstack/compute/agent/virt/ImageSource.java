package io.jstack.compute.agent.virt;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of the instance's image, as the image service serves them, with the credentials of the request that
 * asked for the guest. A driver that caches images opens it only when its cache lacks the image.
 */
@FunctionalInterface
public interface ImageSource {

    InputStream open() throws IOException;

    /** For drivers and instances that need no image (a fake guest, a boot from volume). */
    static ImageSource none() {
        return () -> {
            throw new IOException("no image source was given for this guest");
        };
    }
}
