package io.jstack.identity.service;

import io.jstack.common.policy.Credentials;
import io.jstack.common.policy.Enforcer;
import io.jstack.common.policy.RuleDefault;
import io.jstack.common.policy.Target;
import io.jstack.common.testing.Personas;
import io.jstack.common.testing.Personas.Persona;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.jstack.common.testing.Personas.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity API's rules against the shared personas: cloud-wide things for cloud admins only, a domain's
 * users, groups, projects and grants for its managers, and nothing a domain manager does reaches the admin
 * project.
 */
class IdentityRulesTest {

    private final Enforcer enforcer = new Enforcer(Enforcer.registeredDefaults(), Map.of());

    private boolean allows(RuleDefault rule, Persona who, Target target) {
        return enforcer.enforce(rule.name(), who.credentials(), target);
    }

    @Test
    void cloudWideRulesAreForCloudAdminsOnly() {
        for (RuleDefault rule : new IdentityRules().rules()) {
            if (!rule.check().equals("rule:admin_required")) {
                continue;
            }
            for (Persona who : Personas.ALL) {
                assertEquals(who.cloudAdmin(), allows(rule, who, Target.EMPTY), rule.name() + " for " + who);
            }
        }
        assertTrue(allows(IdentityRules.CREATE_DOMAIN, CLOUD_ADMIN, Target.EMPTY));
        assertFalse(allows(IdentityRules.CREATE_ROLE, PROJECT_ADMIN, Target.EMPTY));
        assertFalse(allows(IdentityRules.CREATE_SYSTEM_GRANT, DOMAIN_ADMIN, Target.EMPTY));
    }

    private static Target projectGrant(String userDomain, String projectDomain, String role, boolean adminProject) {
        return Target.of("target.user.id", "u", "target.user.domain_id", userDomain, "target.project.id", "p",
                "target.project.domain_id", projectDomain, "target.role.name", role, "target.role.domain_id", null,
                "target.reaches_admin_project", adminProject);
    }

    @Test
    void aDomainAdminGrantsWithinItsDomainOnly() {
        assertTrue(allows(IdentityRules.CREATE_GRANT, DOMAIN_ADMIN, projectGrant(DOMAIN, DOMAIN, "admin", false)),
                "the admin role on a project of its domain makes a project admin, not a cloud admin");
        assertFalse(allows(IdentityRules.CREATE_GRANT, DOMAIN_ADMIN, projectGrant(DOMAIN, "other", "member", false)),
                "a project of another domain");
        assertFalse(allows(IdentityRules.CREATE_GRANT, DOMAIN_ADMIN, projectGrant("other", DOMAIN, "member", false)),
                "a user of another domain");
        assertFalse(allows(IdentityRules.CREATE_GRANT, DOMAIN_ADMIN, projectGrant(DOMAIN, DOMAIN, "admin", true)),
                "a grant that reaches the admin project");
        assertFalse(allows(IdentityRules.CREATE_GRANT, DOMAIN_ADMIN, projectGrant(DOMAIN, DOMAIN, "member", true)));
        assertTrue(allows(IdentityRules.CREATE_GRANT, CLOUD_ADMIN, projectGrant("any", "where", "admin", true)));
        Target onDomain = Target.of("target.user.domain_id", DOMAIN, "target.domain.id", DOMAIN,
                "target.role.name", "admin", "target.role.domain_id", null, "target.reaches_admin_project", false);
        assertTrue(allows(IdentityRules.CREATE_GRANT, DOMAIN_ADMIN, onDomain));
        assertFalse(allows(IdentityRules.CREATE_GRANT, DOMAIN_ADMIN, onDomain.with("target.reaches_admin_project",
                true)), "an inherited grant on the admin project's domain");
        Target otherDomainsRole = projectGrant(DOMAIN, DOMAIN, "x", false).with("target.role.domain_id", "other");
        assertFalse(allows(IdentityRules.CREATE_GRANT, DOMAIN_ADMIN, otherDomainsRole));
    }

    @Test
    void noOneElseGrants() {
        for (Persona who : Set.of(PROJECT_ADMIN, OTHER_PROJECT_ADMIN, MEMBER, READER, ADMIN_PROJECT_MEMBER,
                ANONYMOUS)) {
            assertFalse(allows(IdentityRules.CREATE_GRANT, who, projectGrant("default", "default", "member", false)),
                    who.name());
            assertFalse(allows(IdentityRules.CREATE_GRANT, who, projectGrant(DOMAIN, DOMAIN, "member", false)),
                    who.name());
        }
    }

    @Test
    void aDomainManagerGrantsOnlyRolesBelowAdmin() {
        Persona manager = new Persona("domain manager", new Credentials("m", DOMAIN, null, null, DOMAIN,
                Set.of("manager", "member", "reader"), null, false, null, null), false);
        assertTrue(allows(IdentityRules.CREATE_GRANT, manager, projectGrant(DOMAIN, DOMAIN, "member", false)));
        assertFalse(allows(IdentityRules.CREATE_GRANT, manager, projectGrant(DOMAIN, DOMAIN, "admin", false)));
    }

    @Test
    void aDomainManagerCannotTouchWhatReachesTheAdminProject() {
        Target user = Target.of("target.user.id", "u", "target.user.domain_id", DOMAIN);
        assertTrue(allows(IdentityRules.UPDATE_USER, DOMAIN_ADMIN, user.with("target.user.has_admin_project_role",
                false)));
        assertFalse(allows(IdentityRules.UPDATE_USER, DOMAIN_ADMIN, user.with("target.user.has_admin_project_role",
                true)), "resetting the password of a user who is a cloud admin");
        assertFalse(allows(IdentityRules.DELETE_USER, DOMAIN_ADMIN, user.with("target.user.has_admin_project_role",
                true)));
        assertTrue(allows(IdentityRules.UPDATE_USER, CLOUD_ADMIN, user.with("target.user.has_admin_project_role",
                true)));
        Target membership = Target.of("target.user.domain_id", DOMAIN, "target.group.domain_id", DOMAIN);
        assertTrue(allows(IdentityRules.ADD_USER_TO_GROUP, DOMAIN_ADMIN,
                membership.with("target.group.has_admin_project_role", false)));
        assertFalse(allows(IdentityRules.ADD_USER_TO_GROUP, DOMAIN_ADMIN,
                membership.with("target.group.has_admin_project_role", true)), "joining a group of cloud admins");
        Target project = Target.of("target.project.id", "p", "target.project.domain_id", DOMAIN);
        assertTrue(allows(IdentityRules.DELETE_PROJECT, DOMAIN_ADMIN, project.with("target.project.is_admin_project",
                false)));
        assertFalse(allows(IdentityRules.DELETE_PROJECT, DOMAIN_ADMIN, project.with("target.project.is_admin_project",
                true)));
        assertFalse(allows(IdentityRules.UPDATE_USER, DOMAIN_ADMIN, Target.of("target.user.domain_id", "other",
                "target.user.has_admin_project_role", false)), "a user of another domain");
    }

    @Test
    void projectAdminsAreNotDomainOrCloudAdmins() {
        Target user = Target.of("target.user.id", "u", "target.user.domain_id", "default",
                "target.user.has_admin_project_role", false);
        assertFalse(allows(IdentityRules.UPDATE_USER, PROJECT_ADMIN, user));
        assertFalse(allows(IdentityRules.LIST_USERS, PROJECT_ADMIN, Target.of("target.domain_id", "default")));
        assertFalse(allows(IdentityRules.LIST_PROJECTS, PROJECT_ADMIN, Target.of("target.domain_id", "")));
        assertTrue(allows(IdentityRules.LIST_PROJECTS, DOMAIN_ADMIN, Target.of("target.domain_id", DOMAIN)));
        assertFalse(allows(IdentityRules.LIST_PROJECTS, DOMAIN_ADMIN, Target.of("target.domain_id", "")));
    }

    @Test
    void usersManageWhatIsTheirs() {
        Target mine = Target.of("target.user.id", MEMBER.credentials().userId(), "target.user.domain_id",
                "default");
        assertTrue(allows(IdentityRules.GET_USER, MEMBER, mine));
        assertTrue(allows(IdentityRules.CHANGE_PASSWORD, MEMBER, mine));
        assertFalse(allows(IdentityRules.GET_USER, OTHER_MEMBER, mine));
        assertTrue(allows(IdentityRules.CREATE_APPLICATION_CREDENTIAL, MEMBER,
                Target.of("user_id", MEMBER.credentials().userId())));
        assertFalse(allows(IdentityRules.CREATE_APPLICATION_CREDENTIAL, CLOUD_ADMIN,
                Target.of("user_id", MEMBER.credentials().userId())), "only for oneself, even for an admin");
        Target trust = Target.of("target.trust.trustor_user_id", MEMBER.credentials().userId(),
                "target.trust.trustee_user_id", "someone");
        assertTrue(allows(IdentityRules.DELETE_TRUST, MEMBER, trust));
        assertFalse(allows(IdentityRules.DELETE_TRUST, OTHER_MEMBER, trust));
        assertTrue(allows(IdentityRules.DELETE_TRUST, CLOUD_ADMIN, trust));
        assertFalse(allows(IdentityRules.DELETE_TRUST, PROJECT_ADMIN, trust));
    }

    @Test
    void servicesReadRevocationEventsAndValidateTokens() {
        Persona service = new Persona("service user", new Credentials("nova", "default", "service", "default",
                null, Set.of("service"), null, false, null, null), false);
        assertTrue(allows(IdentityRules.LIST_REVOKE_EVENTS, service, Target.EMPTY));
        assertTrue(allows(IdentityRules.VALIDATE_TOKEN, service, Target.of("target.token.user_id", "x")));
        assertFalse(allows(IdentityRules.LIST_REVOKE_EVENTS, PROJECT_ADMIN, Target.EMPTY));
        assertTrue(allows(IdentityRules.VALIDATE_TOKEN, MEMBER, Target.of("target.token.user_id",
                MEMBER.credentials().userId())));
        assertFalse(allows(IdentityRules.VALIDATE_TOKEN, MEMBER, Target.of("target.token.user_id", "x")));
    }
}
