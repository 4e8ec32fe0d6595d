package io.jstack.common.api;

import io.jstack.common.RequestContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request an OpenStack request id ({@code req-<uuid>}), puts it in the log context, and returns it
 * as {@code x-openstack-request-id} on every response, errors included.
 */
public class RequestIds {

    /** The request property the id is kept in. */
    public static final String PROPERTY = "jstack.request-id";
    public static final String HEADER = "x-openstack-request-id";

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public void assign(ContainerRequestContext request) {
        String id = RequestContext.newRequestId();
        request.setProperty(PROPERTY, id);
        MDC.put("request_id", id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id != null ? id.toString() : RequestContext.newRequestId();
    }
}
