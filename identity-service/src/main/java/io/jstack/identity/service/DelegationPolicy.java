package io.jstack.identity.service;

import io.jstack.common.api.ApiException;
import io.jstack.common.auth.Token;
import io.jstack.common.policy.RuleDefault;
import io.jstack.common.policy.Target;
import io.jstack.identity.model.Trust;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may manage application credentials, access rules and trusts: the rules ({@link IdentityRules}, Keystone's
 * defaults: the owner, the trustor or trustee, the cloud admin) go through the policy engine; what kind of token
 * may manage them at all stays in code, as in Keystone: a token obtained through a trust never manages
 * application credentials, a restricted application credential's token never manages more of them, and no
 * application credential's token manages trusts.
 */
@ApplicationScoped
public class DelegationPolicy {

    private static final String ACTION = "You are not authorized to perform the requested action: ";

    @Inject
    Policy policy;

    // ---- application credentials and access rules ----

    /** Creating one: only for oneself (identity:create_application_credential is rule:owner). */
    public void requireCreateApplicationCredential(Token token, String userId) {
        policy.authorize(token, IdentityRules.CREATE_APPLICATION_CREDENTIAL, Target.of("user_id", userId));
        requireNotTrustScoped(token);
        requireUnrestricted(token);
    }

    /** Reading one or a user's list: the cloud admin (or a system reader), or the owner. */
    public void requireReadApplicationCredentials(Token token, String ownerUserId, RuleDefault rule) {
        policy.authorize(token, rule, Target.of("user_id", ownerUserId));
        requireNotTrustScoped(token);
    }

    /** Deleting one: the cloud admin, or the owner with a token that is not a restricted credential's. */
    public void requireDeleteApplicationCredential(Token token, String ownerUserId) {
        policy.authorize(token, IdentityRules.DELETE_APPLICATION_CREDENTIAL, Target.of("user_id", ownerUserId));
        requireNotTrustScoped(token);
        requireUnrestricted(token);
    }

    /** Access rules: the cloud admin (Keystone's system reader and admin), or their owner. */
    public void requireAccessRules(Token token, String ownerUserId, RuleDefault rule) {
        policy.authorize(token, rule, Target.of("target.user.id", ownerUserId));
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
        policy.authorize(token, IdentityRules.CREATE_TRUST, Target.of("target.trust.trustor_user_id", trustorUserId));
        requireNotApplicationCredential(token);
    }

    /** Reading a trust or its roles: the cloud admin, its trustor or its trustee. */
    public void requireTrustParty(Token token, Trust trust, RuleDefault rule) {
        policy.authorize(token, rule, of(trust));
        requireNotApplicationCredential(token);
    }

    /** Deleting a trust: the cloud admin or its trustor. */
    public void requireTrustDelete(Token token, Trust trust) {
        policy.authorize(token, IdentityRules.DELETE_TRUST, of(trust));
        requireNotApplicationCredential(token);
    }

    /**
     * Listing trusts: everyone's for the cloud admin; a trustor's or a trustee's own, filtered by
     * trustor_user_id or trustee_user_id, for that user.
     */
    public void requireTrustList(Token token, String trustorUserId, String trusteeUserId) {
        if (trustorUserId != null) {
            policy.authorize(token, IdentityRules.LIST_TRUSTS_FOR_TRUSTOR,
                    Target.of("target.trust.trustor_user_id", trustorUserId));
        } else if (trusteeUserId != null) {
            policy.authorize(token, IdentityRules.LIST_TRUSTS_FOR_TRUSTEE,
                    Target.of("target.trust.trustee_user_id", trusteeUserId));
        } else {
            policy.authorize(token, IdentityRules.LIST_TRUSTS);
        }
        requireNotApplicationCredential(token);
    }

    private static Target of(Trust trust) {
        return Target.of("target.trust.trustor_user_id", trust.trustorUserId, "target.trust.trustee_user_id",
                trust.trusteeUserId);
    }
}
