package io.jstack.image.service.webdownload;

import java.io.IOException;

/** A web-download target the import filtering refuses: the import fails without connecting to it. */
public final class Refused extends IOException {
    public Refused(String message) {
        super(message);
    }
}
