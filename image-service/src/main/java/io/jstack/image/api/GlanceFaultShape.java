package io.jstack.image.api;

import io.jstack.common.api.FaultShape;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Glance's error body, as its WSGI layer renders an HTTP error for a JSON client:
 * {@code {"message": "...", "code": "404 Not Found", "title": "Not Found"}}.
 */
@ApplicationScoped
public class GlanceFaultShape implements FaultShape {
    @Override
    public Response render(int status, String message) {
        String title = FaultShape.title(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("code", status + " " + title);
        body.put("title", title);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
