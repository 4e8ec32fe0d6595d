package io.jstack.common.policy;

import java.util.List;

/**
 * The rules every service shares, so that one token gets one answer everywhere: who is a cloud admin. As
 * Keystone's admin project (and its old {@code cloud_admin} sample rule): the {@code admin} role on a token
 * scoped to the cloud's admin project (the token says {@code is_admin_project}), or on a system-scoped token. An
 * {@code admin} on any other project administers only what upstream lets a project admin administer, and a
 * domain-scoped {@code admin} only its domain's identity objects.
 */
public final class BaseRules implements PolicyDefaults {

    public static final String CLOUD_ADMIN = "cloud_admin";
    public static final String CONTEXT_IS_ADMIN = "context_is_admin";
    public static final String SERVICE_ROLE = "service_role";

    public static final List<RuleDefault> RULES = List.of(
            new RuleDefault(CLOUD_ADMIN, "(role:admin and is_admin_project:True) or (role:admin and system_scope:all)",
                    "The cloud's administrators: the admin role on the admin project, or on the system scope."),
            new RuleDefault(CONTEXT_IS_ADMIN, "rule:" + CLOUD_ADMIN,
                    "What is_admin:True means, and what every service's admin rules rest on."),
            new RuleDefault(SERVICE_ROLE, "role:service",
                    "The service users that call each other on behalf of users."));

    @Override
    public List<RuleDefault> rules() {
        return RULES;
    }
}
