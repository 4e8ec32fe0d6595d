package io.jstack.compute.api;

import io.jstack.common.api.RequestIds;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Nova also returns the request id as {@code x-compute-request-id} (clients and Tempest read it). */
public class ComputeRequestId {

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(RequestIds.PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle("x-compute-request-id", id);
        }
    }
}
