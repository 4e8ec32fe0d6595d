package io.jstack.identity.service;

import io.jstack.common.api.ApiException;
import io.jstack.common.auth.Token;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may do what, in one place. Three tiers, as Keystone's default roles:
 * <ul>
 *   <li>cloud admin: role {@code admin} on a project-scoped token: manages everything;</li>
 *   <li>domain admin: role {@code admin} on a domain-scoped token: manages users, groups, projects and role
 *       assignments inside that domain only;</li>
 *   <li>everyone else (member, reader): reads and changes only what is theirs: their own user, password,
 *       projects, groups, role assignments, credentials and tokens.</li>
 * </ul>
 * A {@code reader} role with admin scope does not confer writes: only {@code admin} does.
 */
@ApplicationScoped
public class Policy {

    public boolean isCloudAdmin(Token token) {
        return token.hasRole("admin") && token.project() != null;
    }

    public boolean isDomainAdmin(Token token, String domainId) {
        return token.hasRole("admin") && token.domain() != null && token.domain().id().equals(domainId);
    }

    /** Cloud admins only. */
    public void requireCloudAdmin(Token token, String action) {
        if (!isCloudAdmin(token)) {
            throw denied(action);
        }
    }

    /** Cloud admins, or admins of the domain the target lives in. */
    public void requireAdminOf(Token token, String domainId, String action) {
        if (!isCloudAdmin(token) && !isDomainAdmin(token, domainId)) {
            throw denied(action);
        }
    }

    /** Admins of the user's domain, or the user themself. */
    public void requireAdminOrSelf(Token token, String userId, String userDomainId, String action) {
        if (!token.user().id().equals(userId) && !isCloudAdmin(token) && !isDomainAdmin(token, userDomainId)) {
            throw denied(action);
        }
    }

    /** Cloud admins, or the user the thing belongs to (their own credentials, for example). */
    public void requireCloudAdminOrOwner(Token token, String ownerUserId, String action) {
        if (!isCloudAdmin(token) && !token.user().id().equals(ownerUserId)) {
            throw denied(action);
        }
    }

    /** For listings of per-user things: null when the caller sees everyone's, else their own user id. */
    public String ownerScope(Token token) {
        return isCloudAdmin(token) ? null : token.user().id();
    }

    /** For listings: null when the caller sees everything, else the domain they are limited to. */
    public String listScope(Token token, String action) {
        if (isCloudAdmin(token)) {
            return null;
        }
        if (token.hasRole("admin") && token.domain() != null) {
            return token.domain().id();
        }
        throw denied(action);
    }

    public static ApiException denied(String action) {
        return ApiException.forbidden("You are not authorized to perform the requested action: identity:"
                + action + ".");
    }
}
