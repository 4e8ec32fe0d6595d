package io.jstack.image.api;

import io.jstack.common.api.FaultShape;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Glance's routes do not match with a trailing slash: {@code GET /v2/images/} is an image with an empty id (404),
 * not the image list. The REST layer here would treat both alike, so such paths are answered 404 up front.
 */
public class TrailingSlashes {

    @Inject
    FaultShape faults;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuse(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.length() > 4 && path.startsWith("/v2/") && path.endsWith("/")) {
            return Optional.of(faults.render(404, "The resource could not be found."));
        }
        return Optional.empty();
    }
}
