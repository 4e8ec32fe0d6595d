package io.jstack.compute.service;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.policy.BaseRules;
import io.jstack.common.policy.Credentials;
import io.jstack.common.policy.Enforcer;
import io.jstack.common.policy.RuleDefault;
import io.jstack.common.policy.Target;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The compute API's door to the shared policy engine: every decision is one of {@link ComputeRules}, evaluated
 * against the caller's credentials and a target (the project, and for key pairs the user, the action is on), and
 * a refusal says which rule failed, as Nova does.
 */
@ApplicationScoped
public class Policy {

    @Inject
    Enforcer enforcer;

    /** Reads the rules (and the operator's file) at start: a malformed file stops the service there. */
    void load(@Observes StartupEvent event) {
        enforcer.rules();
    }

    /** The cloud admin ({@code context_is_admin}): sees and manages every project's things. */
    public boolean isAdmin(RequestContext ctx) {
        return enforcer.enforce(BaseRules.CONTEXT_IS_ADMIN, Credentials.of(ctx), Target.EMPTY);
    }

    public boolean allows(RequestContext ctx, RuleDefault rule, Target target) {
        return enforcer.enforce(rule.name(), Credentials.of(ctx), target);
    }

    /** The rule, on the caller's own project and user (Nova's default target): creating, listing. */
    public void authorize(RequestContext ctx, RuleDefault rule) {
        authorize(ctx, rule, Target.of("project_id", ctx.projectId(), "user_id", ctx.userId()));
    }

    /** The rule, on things of {@code projectId} (a server, a project's quotas). */
    public void authorize(RequestContext ctx, RuleDefault rule, String projectId) {
        authorize(ctx, rule, Target.of("project_id", projectId));
    }

    public void authorize(RequestContext ctx, RuleDefault rule, Target target) {
        if (!allows(ctx, rule, target)) {
            throw denied(rule);
        }
    }

    public static ApiException denied(RuleDefault rule) {
        return ApiException.forbidden("Policy doesn't allow " + rule.name() + " to be performed.");
    }
}
