package io.jstack.image.service;

import java.io.IOException;
import java.io.InputStream;

/** Where image bytes come from: a request body, a staged file, a remote URL. Read from one thread, blocking. */
public interface DataSource extends AutoCloseable {

    /** Reads up to {@code length} bytes; -1 at the end of the data. */
    int read(byte[] into, int offset, int length) throws IOException;

    @Override
    default void close() throws IOException {
    }

    static DataSource of(InputStream in) {
        return new DataSource() {
            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                return in.read(into, offset, length);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** The client went away or stopped sending: the image is not at fault and may be uploaded again. */
    class SourceFailedException extends IOException {
        public SourceFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
