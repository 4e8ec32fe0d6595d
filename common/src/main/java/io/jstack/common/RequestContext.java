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
 * @param isAdminProject what the token says of its project being the cloud's admin project (null: it does not
 *                  say); with {@code systemScope}, what the policy needs to tell a cloud admin
 * @param systemScope {@code all} for a system-scoped token, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestContext(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("roles") List<String> roles,
        @JsonProperty("auth_token") String authToken,
        @JsonProperty("user_domain_id") String userDomainId,
        @JsonProperty("project_domain_id") String projectDomainId,
        @JsonProperty("is_admin_project") Boolean isAdminProject,
        @JsonProperty("system_scope") String systemScope) {

    /** A context with no more than who, where and with which roles. */
    public RequestContext(String requestId, String userId, String projectId, String domainId, List<String> roles,
                          String authToken) {
        this(requestId, userId, projectId, domainId, roles, authToken, null, null, null, null);
    }

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

    /**
     * Whether the roles include {@code admin}. This says nothing of where: who is a cloud admin is the policy's
     * question ({@code io.jstack.common.policy}).
     */
    @JsonIgnore
    public boolean isAdmin() {
        return roles.contains("admin");
    }
}
