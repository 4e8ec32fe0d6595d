package io.jstack.common.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * "Tokens matching this, issued at or before {@code issuedBefore}, are no longer valid", as Keystone's
 * revocation events. Every non-null field must match the token: an audit id (one token and the tokens rescoped
 * from it), a user (password change, user disabled or deleted), a project, a domain (the user's, the project's
 * or the scope), a role, or a user on a project (role unassigned).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevocationEvent(
        @JsonProperty("audit_id") String auditId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("role_id") String roleId,
        @JsonProperty("issued_before") Instant issuedBefore,
        @JsonProperty("revoked_at") Instant revokedAt) {

    public boolean matches(Token token) {
        if (token.issuedAt().isAfter(issuedBefore)) {
            return false;
        }
        if (auditId != null && !token.auditIds().contains(auditId)) {
            return false;
        }
        if (userId != null && !userId.equals(token.user().id())) {
            return false;
        }
        if (projectId != null && !projectId.equals(token.projectId())) {
            return false;
        }
        if (domainId != null && !domainMatches(token)) {
            return false;
        }
        if (roleId != null && token.roles().stream().noneMatch(r -> roleId.equals(r.id()))) {
            return false;
        }
        return true;
    }

    private boolean domainMatches(Token token) {
        return domainId.equals(token.domainScopeId())
                || (token.user().domain() != null && domainId.equals(token.user().domain().id()))
                || (token.project() != null && token.project().domain() != null
                && domainId.equals(token.project().domain().id()));
    }
}
