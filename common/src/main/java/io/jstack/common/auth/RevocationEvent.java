package io.jstack.common.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * "Tokens matching this, issued at or before {@code issuedBefore}, are no longer valid", as Keystone's
 * revocation events. Every non-null field must match the token: an audit id (one token and the tokens rescoped
 * from it), a user (password change, user disabled or deleted), a project, a domain (the user's, the project's
 * or the scope), a role, or a user on a project (role unassigned); a trust ({@code OS-TRUST:trust_id}: deleted),
 * or an application credential (deleted). As in Keystone, a user event also matches tokens in which that user is
 * a trust's trustor or trustee.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevocationEvent(
        @JsonProperty("audit_id") String auditId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("role_id") String roleId,
        @JsonProperty("issued_before") Instant issuedBefore,
        @JsonProperty("revoked_at") Instant revokedAt,
        @JsonProperty("OS-TRUST:trust_id") String trustId,
        @JsonProperty("application_credential_id") String applicationCredentialId) {

    public RevocationEvent(String auditId, String userId, String projectId, String domainId, String roleId,
                           Instant issuedBefore, Instant revokedAt) {
        this(auditId, userId, projectId, domainId, roleId, issuedBefore, revokedAt, null, null);
    }

    /** Tokens issued through the trust until now. */
    public static RevocationEvent trust(String trustId, Instant issuedBefore) {
        return new RevocationEvent(null, null, null, null, null, issuedBefore, null, trustId, null);
    }

    /** Tokens issued from the application credential until now. */
    public static RevocationEvent applicationCredential(String id, Instant issuedBefore) {
        return new RevocationEvent(null, null, null, null, null, issuedBefore, null, null, id);
    }

    /** The same event, stamped with the time it was revoked. */
    public RevocationEvent revokedAt(Instant when) {
        return new RevocationEvent(auditId, userId, projectId, domainId, roleId, issuedBefore, when, trustId,
                applicationCredentialId);
    }

    public boolean matches(Token token) {
        if (token.issuedAt().isAfter(issuedBefore)) {
            return false;
        }
        if (auditId != null && !token.auditIds().contains(auditId)) {
            return false;
        }
        if (userId != null && !userMatches(token)) {
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
        if (trustId != null && !trustId.equals(token.trustId())) {
            return false;
        }
        if (applicationCredentialId != null && !applicationCredentialId.equals(token.applicationCredentialId())) {
            return false;
        }
        return true;
    }

    private boolean userMatches(Token token) {
        Token.Trust trust = token.trust();
        return userId.equals(token.user().id())
                || (trust != null && (userId.equals(trust.trustor().id()) || userId.equals(trust.trustee().id())));
    }

    private boolean domainMatches(Token token) {
        return domainId.equals(token.domainScopeId())
                || (token.user().domain() != null && domainId.equals(token.user().domain().id()))
                || (token.project() != null && token.project().domain() != null
                && domainId.equals(token.project().domain().id()));
    }
}
