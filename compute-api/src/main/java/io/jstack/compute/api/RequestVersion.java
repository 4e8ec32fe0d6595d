package io.jstack.compute.api;

import jakarta.enterprise.context.RequestScoped;

/** The microversion of the request being served (2.1 when the request carries none). */
@RequestScoped
public class RequestVersion {
    private ApiVersion version = ApiVersion.MIN;

    void set(ApiVersion version) {
        this.version = version;
    }

    public ApiVersion get() {
        return version;
    }

    public boolean atLeast(int minor) {
        return version.atLeast(minor);
    }
}
