package io.jstack.image.api;

import io.jstack.common.api.ApiException;

/** One byte range of a {@code Range: bytes=...} header, resolved against the data size. */
record ByteRange(long start, long length) {

    /** null when there is no Range header (the whole data); 416 when the range cannot be served. */
    static ByteRange parse(String header, long size) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.contains(",")) {
            throw unsatisfiable(header, size);
        }
        String spec = h.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw unsatisfiable(header, size);
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                // the last N bytes
                long n = Long.parseLong(last);
                if (n <= 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                n = Math.min(n, size);
                return new ByteRange(size - n, n);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (start >= size || end < start) {
                throw unsatisfiable(header, size);
            }
            return new ByteRange(start, end - start + 1);
        } catch (NumberFormatException e) {
            throw unsatisfiable(header, size);
        }
    }

    private static ApiException unsatisfiable(String header, long size) {
        return new ApiException(416, "Requested range " + header + " is not satisfiable for " + size
                + " bytes of image data.");
    }
}
