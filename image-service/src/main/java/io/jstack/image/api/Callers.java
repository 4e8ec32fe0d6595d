package io.jstack.image.api;

import io.jstack.common.auth.CurrentRequest;
import io.jstack.image.service.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The authenticated caller of the current request, in the image service's terms. */
@ApplicationScoped
public class Callers {

    @Inject
    CurrentRequest current;

    public Caller get() {
        return Caller.of(current.context());
    }
}
