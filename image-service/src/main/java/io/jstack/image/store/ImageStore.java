package io.jstack.image.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where image data lives. A store writes new data invisibly ({@link Upload}) and publishes it in one step
 * ({@link Upload#commit()}), so no reader ever sees half an image; committed data never changes. The filesystem
 * store is the default; an object-service (Swift) or S3 store implements the same three operations.
 */
public interface ImageStore {

    /** The store's identifier, as images' {@code stores} and {@code /v2/info/stores} show it. */
    String id();

    /** A description for {@code /v2/info/stores} that does not reveal the store's type. */
    String description();

    /** Begins writing the data of an image. The caller writes sequentially from one thread at a time. */
    Upload begin(String imageId) throws IOException;

    /** Opens committed data for reading from {@code offset}, {@code length} bytes. */
    Data open(String location, long offset, long length) throws IOException;

    /** Removes committed data; removing what is not there is not an error. */
    void delete(String location) throws IOException;

    /** Data being written. Exactly one of {@link #commit()} or {@link #abort()} ends it. */
    interface Upload extends AutoCloseable {
        void write(ByteBuffer data) throws IOException;

        /** Makes the data durable and visible under the location returned. */
        String commit() throws IOException;

        /** Forgets everything written; safe to call after a failed commit and more than once. */
        void abort();

        @Override
        default void close() {
            abort();
        }
    }

    /** A range of committed data. */
    interface Data extends AutoCloseable {
        long length();

        /** The local file holding the data, when there is one: the server then sends it without copying. */
        Optional<Path> file();

        /** Where in {@link #file()} the range starts. */
        long offset();

        /** The range as a channel, for stores without local files. */
        ReadableByteChannel channel() throws IOException;

        @Override
        void close() throws IOException;
    }
}
