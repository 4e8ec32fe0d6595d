package io.jstack.common.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Defaults in code, the operator's file over them, the listing, and the shared notion of a cloud admin. */
class EnforcerTest {

    private static final List<RuleDefault> DEFAULTS = List.of(
            new RuleDefault("admin_api", "rule:context_is_admin", "admins only"),
            new RuleDefault("thing:show", "rule:context_is_admin or project_id:%(project_id)s", "show a thing"));

    private static List<RuleDefault> defaults() {
        List<RuleDefault> all = new java.util.ArrayList<>(BaseRules.RULES);
        all.addAll(DEFAULTS);
        return all;
    }

    private static Credentials project(String project, boolean adminProject, String... roles) {
        return new Credentials("u", "default", project, "default", null, Set.of(roles), null, adminProject, null,
                null);
    }

    @Test
    void cloudAdminIsTheAdminRoleOnTheAdminProjectOrTheSystem() {
        Enforcer enforcer = new Enforcer(defaults(), Map.of());
        assertTrue(enforcer.enforce("admin_api", project("admin", true, "admin"), Target.EMPTY));
        assertFalse(enforcer.enforce("admin_api", project("other", false, "admin"), Target.EMPTY),
                "admin of another project");
        assertFalse(enforcer.enforce("admin_api", project("admin", true, "member"), Target.EMPTY),
                "a member of the admin project");
        Credentials domainAdmin = new Credentials("u", "d1", null, null, "d1", Set.of("admin"), null, false, null,
                null);
        assertFalse(enforcer.enforce("admin_api", domainAdmin, Target.EMPTY), "a domain admin");
        Credentials system = new Credentials("u", "default", null, null, null, Set.of("admin"), "all", false, null,
                null);
        assertTrue(enforcer.enforce("admin_api", system, Target.EMPTY));
        Credentials systemReader = new Credentials("u", "default", null, null, null, Set.of("reader"), "all", false,
                null, null);
        assertFalse(enforcer.enforce("admin_api", systemReader, Target.EMPTY));
        assertFalse(enforcer.enforce("admin_api", Credentials.ANONYMOUS, Target.EMPTY));
    }

    @Test
    void aProjectTokenThatDoesNotSayCountsAsTheAdminProject() {
        assertTrue(Credentials.isAdminProject("p", null), "keystonemiddleware's default");
        assertFalse(Credentials.isAdminProject("p", false));
        assertFalse(Credentials.isAdminProject(null, null), "only project-scoped tokens");
        assertFalse(Credentials.isAdminProject(null, true));
    }

    @Test
    void overridesReplaceDefaultsAndAddHelpers() {
        Enforcer enforcer = new Enforcer(defaults(), Map.of("thing:show", "rule:auditor", "auditor", "role:auditor"));
        assertTrue(enforcer.enforce("thing:show", project("x", false, "auditor"), Target.of("project_id", "y")));
        assertFalse(enforcer.enforce("thing:show", project("y", false, "member"), Target.of("project_id", "y")));
        assertEquals(List.of("auditor"), enforcer.unregisteredOverrides());
        assertEquals(2, enforcer.overriddenCount());
        assertThrows(IllegalStateException.class,
                () -> enforcer.enforce("auditor", Credentials.ANONYMOUS, Target.EMPTY),
                "code enforces only registered rules");
    }

    @Test
    void overridingTheBaseRuleMovesEveryAdminRule() {
        Enforcer enforcer = new Enforcer(defaults(), Map.of(BaseRules.CLOUD_ADMIN, "role:admin"));
        assertTrue(enforcer.enforce("admin_api", project("other", false, "admin"), Target.EMPTY));
    }

    @Test
    void unknownRulesAndBadFilesAreErrors() {
        Enforcer enforcer = new Enforcer(defaults(), Map.of());
        assertThrows(IllegalStateException.class, () -> enforcer.enforce("nope", Credentials.ANONYMOUS, null));
        IllegalStateException bad = assertThrows(IllegalStateException.class,
                () -> new Enforcer(defaults(), Map.of("thing:show", "role:admin or")));
        assertTrue(bad.getMessage().contains("thing:show"), "the error names the rule: " + bad.getMessage());
        assertThrows(IllegalStateException.class, () -> new Enforcer(defaults(), Map.of("thing:show", "(role:x")));
        IllegalStateException cycle = assertThrows(IllegalStateException.class, () -> new Enforcer(defaults(),
                Map.of("a", "rule:b", "b", "role:x or rule:a", "thing:show", "rule:a")));
        assertTrue(cycle.getMessage().contains("cycle"), cycle.getMessage());
        List<RuleDefault> twice = new java.util.ArrayList<>(defaults());
        twice.add(new RuleDefault("admin_api", "@", ""));
        assertThrows(IllegalStateException.class, () -> new Enforcer(twice, Map.of()));
    }

    @Test
    void filesAreYamlOrJsonAndAbsentMeansDefaults(@TempDir Path dir) throws IOException {
        assertEquals(Map.of(), PolicyFile.read(dir.resolve("none.yaml")));
        Path yaml = dir.resolve("policy.yaml");
        Files.writeString(yaml, """
                # the operator's overrides
                "thing:show": "role:auditor or rule:admin_api"
                admin_api: 'role:admin'
                """);
        assertEquals(Map.of("thing:show", "role:auditor or rule:admin_api", "admin_api", "role:admin"),
                PolicyFile.read(yaml));
        Path json = dir.resolve("policy.json");
        Files.writeString(json, "{\"thing:show\": \"!\"}");
        assertEquals(Map.of("thing:show", "!"), PolicyFile.read(json));
        Files.writeString(json, "");
        assertEquals(Map.of(), PolicyFile.read(json));
        Files.writeString(json, "[\"role:admin\"]");
        assertThrows(IOException.class, () -> PolicyFile.read(json));
        Files.writeString(json, "{\"thing:show\": [\"role:admin\"]}");
        assertThrows(IOException.class, () -> PolicyFile.read(json));
        Files.writeString(yaml, "thing:show: [unclosed");
        assertThrows(IOException.class, () -> PolicyFile.read(yaml));
    }

    @Test
    void theListingShowsEveryRuleAndWhatTheFileSet() {
        Enforcer enforcer = new Enforcer(defaults(), Map.of("thing:show", "role:auditor"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PolicyRules.print(enforcer, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\"thing:show\": \"role:auditor\""), out);
        assertTrue(out.contains("# (set by the policy file)"), out);
        assertTrue(out.contains("\"cloud_admin\": \"(role:admin and is_admin_project:True) or (role:admin and "
                + "system_scope:all)\""), out);
        // what it prints reads back as a policy file with the same rules
        Map<String, String> back;
        try {
            back = PolicyFile.parse(out, "listing");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(enforcer.rules().size(), back.size());
    }

    @Test
    void theClassPathRegistersTheBaseRules() {
        assertTrue(Enforcer.registeredDefaults().stream().anyMatch(r -> r.name().equals(BaseRules.CLOUD_ADMIN)));
    }
}
