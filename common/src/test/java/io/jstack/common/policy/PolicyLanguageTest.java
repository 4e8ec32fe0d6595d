package io.jstack.common.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** oslo.policy's check-string language: parsing, precedence, and what each kind of check answers. */
class PolicyLanguageTest {

    private static final Credentials MEMBER = new Credentials("u1", "d1", "p1", "d1", null,
            Set.of("Member", "reader"), null, false, null, null);

    /** Evaluates a check string alone (rules it names come from {@code rules}). */
    private static boolean allows(String check, Credentials who, Target target, Map<String, String> rules) {
        Map<String, String> all = new java.util.HashMap<>(rules);
        all.put("under_test", check);
        Enforcer enforcer = new Enforcer(List.of(new RuleDefault("under_test", "!", "")), all);
        return enforcer.enforce("under_test", who, target);
    }

    private static boolean allows(String check, Credentials who, Target target) {
        return allows(check, who, target, Map.of());
    }

    private static boolean allows(String check) {
        return allows(check, MEMBER, Target.EMPTY);
    }

    @Test
    void alwaysNeverAndEmpty() {
        assertTrue(allows("@"));
        assertFalse(allows("!"));
        assertTrue(allows(""), "an empty rule lets everyone through, as oslo.policy");
        assertTrue(allows("  "));
    }

    @Test
    void rolesCompareWithoutCase() {
        assertTrue(allows("role:member"));
        assertTrue(allows("role:MEMBER"));
        assertTrue(allows("role:Reader"));
        assertFalse(allows("role:admin"));
    }

    @Test
    void roleNamedByTheTarget() {
        assertTrue(allows("role:%(wanted)s", MEMBER, Target.of("wanted", "member")));
        assertFalse(allows("role:%(wanted)s", MEMBER, Target.of("wanted", "admin")));
        assertFalse(allows("role:%(wanted)s", MEMBER, Target.EMPTY), "a missing target key answers no");
    }

    @Test
    void andBindsTighterThanOrAndNotTighterStill() {
        // role:admin or (role:member and role:reader)
        assertTrue(allows("role:admin or role:member and role:reader"));
        // (role:admin or role:member) and role:nope would be false; oslo reads it as admin or (member and nope)
        assertFalse(allows("role:admin or role:member and role:nope"));
        assertTrue(allows("role:member or role:admin and role:nope"));
        // not applies to the next check only
        assertTrue(allows("not role:admin and role:member"));
        assertFalse(allows("not role:member and role:member"));
        assertTrue(allows("not (role:member and role:admin)"));
        assertFalse(allows("not not role:admin"));
    }

    @Test
    void parenthesesGroupAndMayStickToChecks() {
        assertFalse(allows("(role:admin or role:member) and role:nope"));
        assertTrue(allows("((role:admin or role:member)) and (role:reader)"));
        assertTrue(allows("(project_id:%(project_id)s)", MEMBER, Target.of("project_id", "p1")),
                "the parenthesis of %(...)s belongs to the check; the one after it closes the group");
        assertTrue(allows("( role:member )"));
    }

    @Test
    void keywordsIgnoreCase() {
        assertTrue(allows("role:admin OR role:member"));
        assertFalse(allows("NOT role:member"));
    }

    @Test
    void genericChecksCompareCredentialsWithTheTarget() {
        assertTrue(allows("project_id:%(project_id)s", MEMBER, Target.of("project_id", "p1")));
        assertFalse(allows("project_id:%(project_id)s", MEMBER, Target.of("project_id", "p2")));
        assertFalse(allows("project_id:%(project_id)s", MEMBER, Target.EMPTY));
        assertTrue(allows("user_id:%(target.token.user_id)s", MEMBER, Target.of("target.token.user_id", "u1")));
        assertTrue(allows("domain_id:%(target.domain.id)s",
                new Credentials("u", "d1", null, null, "d7", Set.of("admin"), null, false, null, null),
                Target.of("target.domain.id", "d7")));
        assertTrue(allows("user_domain_id:d1"));
        assertTrue(allows("project_id:p1"), "a constant match");
    }

    @Test
    void aTargetValueOfNoneNeverMatchesTheCaller() {
        Credentials domainScoped = new Credentials("u", "d", null, null, "d", Set.of("member"), null, false, null,
                null);
        Target ownerless = Target.of("project_id", null);
        assertFalse(allows("role:member and project_id:%(project_id)s", domainScoped, ownerless),
                "no project on either side is no match");
        assertTrue(allows("None:%(project_id)s", domainScoped, ownerless), "a literal None asks for None");
        assertTrue(allows("project_id:None", domainScoped, Target.EMPTY), "a constant None matches no project");
        assertFalse(allows("not domain_id:None", MEMBER, Target.EMPTY));
    }

    @Test
    void valuesRenderAsPythonWould() {
        Credentials system = new Credentials("u", "d", null, null, null, Set.of("admin"), "all", false, null, null);
        assertTrue(allows("system_scope:all", system, Target.EMPTY));
        assertFalse(allows("system_scope:all"));
        assertTrue(allows("system_scope:None"), "a missing scope is None");
        Credentials adminProject = new Credentials("u", "d", "p", "d", null, Set.of("admin"), null, true, null, null);
        assertTrue(allows("is_admin_project:True", adminProject, Target.EMPTY));
        assertFalse(allows("is_admin_project:True"));
        assertTrue(allows("is_admin_project:False"));
        assertTrue(allows("roles:member"), "a list matches when any element does");
    }

    @Test
    void literalKinds() {
        Target role = Target.of("target.role.name", "member", "target.role.domain_id", null, "enabled", true,
                "count", 3);
        assertTrue(allows("'member':%(target.role.name)s", MEMBER, role));
        assertTrue(allows("\"member\":%(target.role.name)s", MEMBER, role));
        assertFalse(allows("'admin':%(target.role.name)s", MEMBER, role));
        assertTrue(allows("None:%(target.role.domain_id)s", MEMBER, role));
        assertFalse(allows("None:%(target.role.name)s", MEMBER, role));
        assertTrue(allows("True:%(enabled)s", MEMBER, role));
        assertFalse(allows("False:%(enabled)s", MEMBER, role));
        assertTrue(allows("3:%(count)s", MEMBER, role));
        assertFalse(allows("'member':%(missing)s", MEMBER, role));
    }

    @Test
    void rulesNameOtherRules() {
        Map<String, String> rules = Map.of("member_of", "role:member and project_id:%(project_id)s",
                "admin_required", "role:admin");
        assertTrue(allows("rule:admin_required or rule:member_of", MEMBER, Target.of("project_id", "p1"), rules));
        assertFalse(allows("rule:admin_required or rule:member_of", MEMBER, Target.of("project_id", "p9"), rules));
        assertFalse(allows("rule:nowhere"), "an undefined rule answers no");
        assertTrue(allows("not rule:nowhere"));
    }

    @Test
    void isAdminIsWhatContextIsAdminSays() {
        Map<String, String> rules = Map.of(BaseRules.CONTEXT_IS_ADMIN, "role:member");
        assertTrue(allows("is_admin:True", MEMBER, Target.EMPTY, rules));
        assertFalse(allows("is_admin:True", MEMBER, Target.EMPTY, Map.of(BaseRules.CONTEXT_IS_ADMIN, "role:admin")));
        assertTrue(allows("is_admin:False", MEMBER, Target.EMPTY, Map.of(BaseRules.CONTEXT_IS_ADMIN, "!")));
    }

    @Test
    void malformedChecksAreRefused() {
        for (String bad : List.of("role:admin or", "(role:admin", "role:admin)", "and role:admin", "admin",
                "role:admin role:member", "not", "()", "https:example.com/check")) {
            assertThrows(IllegalArgumentException.class, () -> CheckParser.parse(bad), bad);
        }
    }

    @Test
    void checksPrintBackInTheSameLanguage() {
        String text = "role:admin or (role:member and project_id:%(project_id)s) or not rule:x";
        Check check = CheckParser.parse(text);
        assertEquals(text, check.toString());
        assertEquals(check, CheckParser.parse(check.toString()));
    }

    @Test
    void substitutionHandlesPercentSigns() {
        assertEquals("50%", Target.EMPTY.substitute("50%%"));
        assertEquals("a-p1-b", Target.of("x", "p1").substitute("a-%(x)s-b"));
        assertEquals(null, Target.of("x", "p1").substitute("%(x"));
    }
}
