package io.jstack.identity.service;

import io.jstack.common.api.ApiException;
import io.jstack.common.auth.Token;
import io.jstack.common.policy.Credentials;
import io.jstack.common.policy.Enforcer;
import io.jstack.common.policy.RuleDefault;
import io.jstack.common.policy.Target;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The identity API's door to the shared policy engine: every decision is one of {@link IdentityRules}, evaluated
 * against the caller's token and a target in Keystone's shape ({@link PolicyTargets} builds the ones that need
 * the database), and a refusal names the rule, as Keystone does.
 */
@ApplicationScoped
public class Policy {

    @Inject
    Enforcer enforcer;

    /** Reads the rules (and the operator's file) at start: a malformed file stops the service there. */
    void load(@Observes StartupEvent event) {
        enforcer.rules();
    }

    /** Keystone's admin ({@code admin_required}): the cloud admin. */
    public boolean isCloudAdmin(Token token) {
        return allows(token, IdentityRules.ADMIN_REQUIRED, Target.EMPTY);
    }

    public boolean allows(Token token, RuleDefault rule, Target target) {
        return enforcer.enforce(rule.name(), Credentials.of(token), target);
    }

    public void authorize(Token token, RuleDefault rule, Target target) {
        if (!allows(token, rule, target)) {
            throw denied(rule);
        }
    }

    /** A rule whose target does not matter (the cloud admin's, the system reader's). */
    public void authorize(Token token, RuleDefault rule) {
        authorize(token, rule, Target.EMPTY);
    }

    /**
     * For lists: null when the rule lets the caller see everyone's ({@code key} set to nothing anyone owns), else
     * {@code own} when it lets them see what {@code own} names (their domain, their user id), else a refusal.
     */
    public String listScope(Token token, RuleDefault rule, String key, String own) {
        if (allows(token, rule, Target.of(key, ""))) {
            return null;
        }
        if (own != null && allows(token, rule, Target.of(key, own))) {
            return own;
        }
        throw denied(rule);
    }

    /** For lists of a domain's things: everything, or the domain the caller's token is scoped to. */
    public String domainScope(Token token, RuleDefault rule) {
        return listScope(token, rule, "target.domain_id", token.domainScopeId());
    }

    public static ApiException denied(RuleDefault rule) {
        return ApiException.forbidden("You are not authorized to perform the requested action: " + rule.name()
                + ".");
    }
}
