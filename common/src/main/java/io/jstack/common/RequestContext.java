package io.jstack.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/**
 * Who asks, for which project, under which request id. Built by the token filter for HTTP requests and carried
 * inside every RPC envelope, so a handler three hops away still knows the caller and logs the same request id.
 *
 * @param authToken the caller's token, forwarded on service-to-service HTTP calls made on the caller's behalf;
 *                  null for internal work (periodic tasks, agents)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestContext(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("roles") List<String> roles,
        @JsonProperty("auth_token") String authToken) {

    public RequestContext {
        roles = roles == null ? List.of() : List.copyOf(roles);
        if (requestId == null) {
            requestId = newRequestId();
        }
    }

    /** A context for work the system does on its own behalf (no user). */
    public static RequestContext internal() {
        return new RequestContext(newRequestId(), null, null, null, List.of("admin"), null);
    }

    public static String newRequestId() {
        return "req-" + UUID.randomUUID();
    }

    @JsonIgnore
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    @JsonIgnore
    public boolean isAdmin() {
        return roles.contains("admin");
    }
}
