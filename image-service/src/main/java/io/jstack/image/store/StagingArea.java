package io.jstack.image.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where glance-direct keeps staged data until it is imported: a local directory (Glance's node_staging_uri),
 * written like the filesystem store, one file per image. Staged data is read back once and then removed.
 */
public final class StagingArea {

    private final FilesystemStore files;

    public StagingArea(Path directory) {
        this.files = new FilesystemStore("staging", directory);
    }

    /** The area as a store: for writing staged data and reading it back. */
    public FilesystemStore files() {
        return files;
    }

    public String location(String imageId) {
        return "file://" + files.directory().resolve(imageId);
    }

    public void delete(String imageId) throws IOException {
        files.delete(location(imageId));
    }
}
