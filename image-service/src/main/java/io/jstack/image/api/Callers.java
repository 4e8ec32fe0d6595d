package io.jstack.image.api;

import io.jstack.common.auth.CurrentRequest;
import io.jstack.image.service.Caller;
import io.jstack.image.service.Policy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The authenticated caller of the current request, in the image service's terms. */
@ApplicationScoped
public class Callers {

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    public Caller get() {
        return policy.caller(current.context());
    }
}
