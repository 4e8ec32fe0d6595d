package io.jstack.image.service;

import io.jstack.common.RequestContext;

import java.util.List;
import java.util.Locale;

/**
 * Who is asking: the user, the project their token is scoped to (Glance's "owner" of the context), roles.
 *
 * @param token the caller's token, for calls made on their behalf (glance-download); null in tests of logic
 */
public record Caller(String userId, String projectId, List<String> roles, String requestId, String token) {

    public Caller(String userId, String projectId, List<String> roles, String requestId) {
        this(userId, projectId, roles, requestId, null);
    }

    public static Caller of(RequestContext context) {
        return new Caller(context.userId(), context.projectId(),
                context.roles().stream().map(r -> r.toLowerCase(Locale.ROOT)).toList(), context.requestId(),
                context.authToken());
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }

    public boolean hasRole(String role) {
        return roles.contains(role.toLowerCase(Locale.ROOT));
    }

    public boolean owns(String owner) {
        return projectId != null && projectId.equals(owner);
    }
}
