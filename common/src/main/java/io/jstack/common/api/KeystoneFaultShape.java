package io.jstack.common.api;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keystone's fault shape: {@code {"error": {"code": 404, "title": "Not Found", "message": "..."}}}. */
@DefaultBean
@ApplicationScoped
public class KeystoneFaultShape implements FaultShape {
    @Override
    public Response render(int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status);
        error.put("title", FaultShape.title(status));
        error.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", error)).build();
    }
}
