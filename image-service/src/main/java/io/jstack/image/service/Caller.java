package io.jstack.image.service;

import io.jstack.common.policy.Credentials;

import java.util.List;

/**
 * Who is asking: the caller's credentials as the policy sees them (user, the project their token is scoped to,
 * roles), and whether the policy counts them as the cloud admin ({@code context_is_admin}), which decides what
 * they see beyond their own project.
 *
 * @param token the caller's token, for calls made on their behalf (glance-download); null in tests of logic
 */
public record Caller(Credentials credentials, boolean isAdmin, String requestId, String token) {

    public String userId() {
        return credentials.userId();
    }

    public String projectId() {
        return credentials.projectId();
    }

    public List<String> roles() {
        return List.copyOf(credentials.roles());
    }

    public boolean hasRole(String role) {
        return credentials.hasRole(role);
    }

    public boolean owns(String owner) {
        return projectId() != null && projectId().equals(owner);
    }
}
