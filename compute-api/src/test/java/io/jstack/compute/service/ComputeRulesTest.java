package io.jstack.compute.service;

import io.jstack.common.policy.Credentials;
import io.jstack.common.policy.Enforcer;
import io.jstack.common.policy.RuleDefault;
import io.jstack.common.policy.Target;
import io.jstack.common.testing.Personas;
import io.jstack.common.testing.Personas.Persona;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static io.jstack.common.testing.Personas.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compute API's rules against the shared personas: admin APIs only for cloud admins (never a project's or a
 * domain's admin), a project's things for its members (writes) or readers (reads) and cloud admins, key pairs for
 * their user.
 */
class ComputeRulesTest {

    private final Enforcer enforcer = new Enforcer(Enforcer.registeredDefaults(), Map.of());
    private final Target project = Target.of("project_id", PROJECT, "user_id", "someone");

    private List<RuleDefault> rulesWith(String check) {
        return new ComputeRules().rules().stream().filter(r -> r.name().contains(":") && r.check().equals(check))
                .toList();
    }

    private void expect(List<RuleDefault> rules, Target target, Predicate<Persona> allowed) {
        assertFalse(rules.isEmpty());
        for (RuleDefault rule : rules) {
            for (Persona who : Personas.ALL) {
                assertEquals(allowed.test(who), enforcer.enforce(rule.name(), who.credentials(), target),
                        rule.name() + " for " + who);
            }
        }
    }

    @Test
    void adminApisAreForCloudAdminsOnly() {
        expect(rulesWith("rule:context_is_admin"), project, Persona::cloudAdmin);
        assertTrue(rulesWith("rule:context_is_admin").contains(ComputeRules.HYPERVISORS_LIST));
        assertTrue(rulesWith("rule:context_is_admin").contains(ComputeRules.SERVERS_INDEX_ALL_TENANTS));
        assertTrue(rulesWith("rule:context_is_admin").contains(ComputeRules.FLAVOR_CREATE));
        assertTrue(rulesWith("rule:context_is_admin").contains(ComputeRules.QUOTA_SETS_UPDATE));
    }

    @Test
    void aProjectsThingsAreChangedByItsMembers() {
        Set<Persona> members = Set.of(CLOUD_ADMIN, SYSTEM_ADMIN, PROJECT_ADMIN, MEMBER);
        expect(rulesWith("rule:project_member_or_admin"), project, members::contains);
        assertTrue(rulesWith("rule:project_member_or_admin").contains(ComputeRules.SERVERS_DELETE));
    }

    @Test
    void aProjectsThingsAreReadByItsReaders() {
        Set<Persona> readers = Set.of(CLOUD_ADMIN, SYSTEM_ADMIN, PROJECT_ADMIN, MEMBER, READER);
        expect(rulesWith("rule:project_reader_or_admin"), project, readers::contains);
        assertTrue(rulesWith("rule:project_reader_or_admin").contains(ComputeRules.SERVERS_SHOW));
    }

    @Test
    void keyPairsBelongToTheirUser() {
        Target mine = Target.of("user_id", MEMBER.credentials().userId());
        expect(rulesWith("(rule:context_is_admin) or user_id:%(user_id)s"), mine,
                who -> who.cloudAdmin() || who == MEMBER);
    }

    @Test
    void externalEventsAreForServicesAndCloudAdmins() {
        Credentials service = new Credentials("nova", "default", "service", "default", null, Set.of("service"),
                null, false, null, null);
        assertTrue(enforcer.enforce(ComputeRules.SERVER_EXTERNAL_EVENTS.name(), service, project));
        expect(List.of(ComputeRules.SERVER_EXTERNAL_EVENTS), project, Persona::cloudAdmin);
    }

    @Test
    void everyRuleIsNamedAsNovaNamesIt() {
        for (RuleDefault rule : new ComputeRules().rules()) {
            if (rule.name().contains(":")) {
                assertTrue(rule.name().startsWith("os_compute_api:") || rule.name().startsWith("compute:"),
                        rule.name());
            }
        }
    }
}
