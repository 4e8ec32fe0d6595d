package io.jstack.compute.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;

/** Version documents answer with and without a trailing slash ("/v2/" is what the version list links to). */
public class TrailingSlash {

    @ServerRequestFilter(preMatching = true)
    public void normalise(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (path.equals("/v2/") || path.equals("/v2.1/")) {
            URI uri = request.getUriInfo().getRequestUri();
            request.setRequestUri(URI.create(uri.toString().replaceFirst(
                    java.util.regex.Pattern.quote(path) + "(?=\\?|$)", path.substring(0, path.length() - 1))));
        }
    }
}
