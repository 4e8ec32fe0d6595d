package io.jstack.compute.api;

import io.jstack.common.api.FaultShape;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Nova's fault shape: {@code {"itemNotFound": {"code": 404, "message": "..."}}}, named by status. */
@ApplicationScoped
public class NovaFaultShape implements FaultShape {

    static String name(int status) {
        return switch (status) {
            case 400 -> "badRequest";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "itemNotFound";
            case 405 -> "badMethod";
            case 409 -> "conflictingRequest";
            case 413, 429 -> "overLimit";
            case 415 -> "badMediaType";
            case 501 -> "notImplemented";
            case 503 -> "serviceUnavailable";
            default -> "computeFault";
        };
    }

    @Override
    public Response render(int status, String message) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("code", status);
        fault.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of(name(status), fault)).build();
    }
}
