package io.jstack.identity.service;

import io.jstack.common.api.ApiException;
import io.jstack.common.auth.Token;
import io.jstack.identity.model.Trust;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may manage application credentials, access rules and trusts, as Keystone's defaults have it. It builds on
 * {@link Policy}'s notion of a cloud admin, and adds the delegation rules: a token obtained through a trust never
 * manages application credentials, a restricted application credential's token never manages more of them, and
 * no application credential's token manages trusts.
 */
@ApplicationScoped
public class DelegationPolicy {

    private static final String ACTION = "You are not authorized to perform the requested action: ";

    @Inject
    Policy policy;

    // ---- application credentials and access rules ----

    /** Creating one: only for oneself (identity:create_application_credential is rule:owner). */
    public void requireCreateApplicationCredential(Token token, String userId) {
        if (!token.user().id().equals(userId)) {
            throw Policy.denied("create_application_credential");
        }
        requireNotTrustScoped(token);
        requireUnrestricted(token);
    }

    /** Reading one or a user's list: the cloud admin, or the owner. */
    public void requireReadApplicationCredentials(Token token, String ownerUserId, String action) {
        policy.requireCloudAdminOrOwner(token, ownerUserId, action);
        requireNotTrustScoped(token);
    }

    /** Deleting one: the cloud admin, or the owner with a token that is not a restricted credential's. */
    public void requireDeleteApplicationCredential(Token token, String ownerUserId) {
        policy.requireCloudAdminOrOwner(token, ownerUserId, "delete_application_credential");
        requireNotTrustScoped(token);
        requireUnrestricted(token);
    }

    /** Access rules: the cloud admin (Keystone's system reader and admin), or their owner. */
    public void requireAccessRules(Token token, String ownerUserId, String action) {
        policy.requireCloudAdminOrOwner(token, ownerUserId, action);
        requireNotTrustScoped(token);
    }

    private static void requireNotTrustScoped(Token token) {
        if (token.trust() != null) {
            // Keystone's plain Forbidden: the reason is not shown
            throw ApiException.forbidden("You are not authorized to perform the requested action.");
        }
    }

    private static void requireUnrestricted(Token token) {
        if (token.applicationCredential() != null && token.applicationCredential().restricted()) {
            throw ApiException.forbidden(ACTION + "Using method 'application_credential' is not allowed for "
                    + "managing additional application credentials.");
        }
    }

    // ---- trusts ----

    /** No application credential's token manages or reads trusts, restricted or not (Keystone since 2026.1). */
    public void requireNotApplicationCredential(Token token) {
        if (token.applicationCredential() != null) {
            throw ApiException.forbidden(ACTION + "Using method 'application_credential' is not allowed for "
                    + "managing trusts.");
        }
    }

    /** Creating a trust: the authenticated user is its trustor. */
    public void requireTrustor(Token token, String trustorUserId) {
        if (!token.user().id().equals(trustorUserId)) {
            throw Policy.denied("create_trust");
        }
        requireNotApplicationCredential(token);
    }

    /** Reading a trust or its roles: the cloud admin, its trustor or its trustee. */
    public void requireTrustParty(Token token, Trust trust, String action) {
        String me = token.user().id();
        if (!policy.isCloudAdmin(token) && !me.equals(trust.trustorUserId) && !me.equals(trust.trusteeUserId)) {
            throw Policy.denied(action);
        }
        requireNotApplicationCredential(token);
    }

    /** Deleting a trust: the cloud admin or its trustor. */
    public void requireTrustDelete(Token token, Trust trust) {
        if (!policy.isCloudAdmin(token) && !token.user().id().equals(trust.trustorUserId)) {
            throw Policy.denied("delete_trust");
        }
        requireNotApplicationCredential(token);
    }

    /**
     * Listing trusts: everyone's for the cloud admin; a trustor's or a trustee's own, filtered by
     * trustor_user_id or trustee_user_id, for that user.
     */
    public void requireTrustList(Token token, String trustorUserId, String trusteeUserId) {
        boolean admin = policy.isCloudAdmin(token);
        if (trustorUserId != null) {
            if (!admin && !token.user().id().equals(trustorUserId)) {
                throw Policy.denied("list_trusts_for_trustor");
            }
        } else if (trusteeUserId != null) {
            if (!admin && !token.user().id().equals(trusteeUserId)) {
                throw Policy.denied("list_trusts_for_trustee");
            }
        } else if (!admin) {
            throw Policy.denied("list_trusts");
        }
        requireNotApplicationCredential(token);
    }
}
