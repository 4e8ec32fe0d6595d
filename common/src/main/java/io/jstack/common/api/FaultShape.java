package io.jstack.common.api;

import jakarta.ws.rs.core.Response;

/**
 * How a service writes an error body. OpenStack services differ: Keystone writes
 * {@code {"error": {"code", "title", "message"}}}, Nova and Cinder {@code {"itemNotFound": {"code", "message"}}}.
 * Each service provides its bean; Keystone's is the default.
 */
public interface FaultShape {
    Response render(int status, String message);

    /** The reason phrase of a status, as the faults' titles use it. */
    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Requested Range Not Satisfiable";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
