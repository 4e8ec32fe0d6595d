package io.jstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity service through the real CLI: the issue's end-to-end scenario. */
class IdentityCliTest {

    private static final Cli ADMIN = Cli.admin();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String[]> CLEANUP = new ArrayList<>();

    @BeforeAll
    static void cloudIsUp() {
        ADMIN.ok("token", "issue");
    }

    @AfterAll
    static void cleanUp() {
        for (int i = CLEANUP.size() - 1; i >= 0; i--) {
            ADMIN.run(CLEANUP.get(i));
        }
    }

    @Test
    void tokenIssueGivesAProjectScopedToken() {
        JsonNode token = ADMIN.json("token", "issue");
        assertFalse(token.path("id").asText().isEmpty());
        assertEquals(32, token.path("project_id").asText().length());
        assertFalse(token.path("user_id").asText().isEmpty());
        assertTrue(token.path("expires").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"));
    }

    @Test
    void catalogListsEveryService() {
        JsonNode catalog = ADMIN.json("catalog", "list");
        List<String> types = new ArrayList<>();
        catalog.forEach(entry -> types.add(entry.path("Type").asText()));
        // what the launcher runs; volume and object storage join the catalog with their services
        for (String type : List.of("identity", "compute", "image")) {
            assertTrue(types.contains(type), "catalog lacks " + type + ": " + types);
        }
    }

    @Test
    void newUserWithARoleGetsAWorkingTokenAndARevokedOneStopsWorking() {
        String project = "e2e-project-" + SUFFIX;
        String user = "e2e-user-" + SUFFIX;
        String password = "pw-" + UUID.randomUUID();

        JsonNode created = ADMIN.json("project", "create", "--domain", "Default", "--description", "e2e", project);
        CLEANUP.add(new String[]{"project", "delete", created.path("id").asText()});
        assertEquals(project, created.path("name").asText());

        JsonNode newUser = ADMIN.json("user", "create", "--domain", "Default", "--password", password,
                "--project", project, user);
        CLEANUP.add(new String[]{"user", "delete", newUser.path("id").asText()});
        assertEquals(user, newUser.path("name").asText());

        ADMIN.ok("role", "add", "--project", project, "--user", user, "member");
        JsonNode assignments = ADMIN.json("role", "assignment", "list", "--user", user, "--project", project,
                "--names");
        assertEquals(1, assignments.size());
        assertTrue(assignments.get(0).path("Role").asText().equals("member"));

        Cli asUser = Cli.user(user, password, project);
        JsonNode token = asUser.json("token", "issue");
        assertEquals(created.path("id").asText(), token.path("project_id").asText());
        String tokenId = token.path("id").asText();

        // the token works on its own...
        assertEquals(project, Cli.token(tokenId).json("project", "show", created.path("id").asText())
                .path("name").asText());

        // ...until it is revoked
        ADMIN.ok("token", "revoke", tokenId);
        Cli.Result after = Cli.token(tokenId).run("token", "issue");
        assertFalse(after.ok(), "a revoked token still authenticates");
        assertTrue(after.stderr().contains("401") || after.stderr().toLowerCase().contains("authenticat"),
                after.stderr());

        // and a wrong password never works
        assertFalse(Cli.user(user, "wrong-" + password, project).run("token", "issue").ok());
    }

    @Test
    void memberCannotCreateProjects() {
        Cli.Result denied = Cli.member().run("project", "create", "not-allowed-" + SUFFIX);
        assertFalse(denied.ok());
        assertTrue(denied.stderr().contains("403"), denied.stderr());
    }
}
