package io.jstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Application credentials, trusts and project tags through the real CLI: a credential's token and a trust-scoped
 * token work at the image and compute services, and stop working there within seconds of the credential or the
 * trust being deleted (revocation events reach every service, which verifies tokens offline).
 */
class DelegationCliTest {

    private static final Cli ADMIN = Cli.admin();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String[]> CLEANUP = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration REVOCATION_DEADLINE = Duration.ofSeconds(10);

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

    /** A user with the member role on a project of their own. */
    private record Member(String userId, String name, String password, String projectId) {
        Cli cli() {
            return Cli.user(name, password, "e2e-deleg-" + name);
        }
    }

    private static Member member(String label) {
        String name = "e2e-" + label + "-" + SUFFIX;
        String password = "pw-" + UUID.randomUUID();
        String projectId = ADMIN.json("project", "create", "--domain", "Default", "e2e-deleg-" + name)
                .path("id").asText();
        CLEANUP.add(new String[]{"project", "delete", projectId});
        String userId = ADMIN.json("user", "create", "--domain", "Default", "--password", password, name)
                .path("id").asText();
        CLEANUP.add(new String[]{"user", "delete", userId});
        ADMIN.ok("role", "add", "--project", projectId, "--user", userId, "member");
        return new Member(userId, name, password, projectId);
    }

    private static int status(int basePort, String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(Cli.url(basePort, path)))
                        .header("X-Auth-Token", token).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int images(String token) throws Exception {
        return status(9292, "/v2/images?limit=1", token);
    }

    private static int servers(String token) throws Exception {
        return status(8774, "/v2.1/servers", token);
    }

    /** Seconds until both the image and the compute service refuse the token; fails past the deadline. */
    private static double secondsUntilRefused(String token, long since) throws Exception {
        boolean imageRefused = false;
        boolean computeRefused = false;
        while (!(imageRefused && computeRefused) && System.nanoTime() - since < REVOCATION_DEADLINE.toNanos()) {
            imageRefused = imageRefused || images(token) == 401;
            computeRefused = computeRefused || servers(token) == 401;
            if (!(imageRefused && computeRefused)) {
                Thread.sleep(100);
            }
        }
        double seconds = (System.nanoTime() - since) / 1e9;
        assertTrue(imageRefused, "the image service still accepts the token after " + seconds + " s");
        assertTrue(computeRefused, "the compute service still accepts the token after " + seconds + " s");
        return seconds;
    }

    @Test
    void anApplicationCredentialsTokenWorksEverywhereUntilTheCredentialIsDeleted() throws Exception {
        Member m = member("ac");
        Cli user = m.cli();
        String name = "e2e-ac-" + SUFFIX;
        JsonNode created = user.json("application", "credential", "create", "--description", "e2e",
                "--role", "member", name);
        String id = created.path("id").asText();
        String secret = created.path("secret").asText();
        assertEquals(m.projectId(), created.path("project_id").asText());
        assertTrue(secret.length() >= 64, secret);

        JsonNode listed = user.json("application", "credential", "list");
        assertTrue(listed.toString().contains(id), listed.toString());
        JsonNode shown = user.json("application", "credential", "show", name);
        assertEquals(id, shown.path("id").asText());
        assertTrue(shown.path("secret").isMissingNode(), "the secret is shown again: " + shown);

        // duplicate names are refused with Keystone's 409
        Cli.Result duplicate = user.run("application", "credential", "create", name);
        assertFalse(duplicate.ok());
        assertTrue(duplicate.stderr().contains("409"), duplicate.stderr());

        Cli application = Cli.applicationCredential(id, secret);
        JsonNode token = application.json("token", "issue");
        assertEquals(m.projectId(), token.path("project_id").asText());
        assertEquals(m.userId(), token.path("user_id").asText());
        String tokenId = token.path("id").asText();
        application.ok("image", "list");
        application.ok("server", "list");
        assertEquals(200, images(tokenId));
        assertEquals(200, servers(tokenId));
        // a restricted credential's token makes no more credentials
        Cli.Result more = application.run("application", "credential", "create", name + "-more");
        assertFalse(more.ok());
        assertTrue(more.stderr().contains("403"), more.stderr());

        user.ok("application", "credential", "delete", name);
        double seconds = secondsUntilRefused(tokenId, System.nanoTime());
        System.out.printf("application credential deleted: its token refused by image and compute in %.2f s%n",
                seconds);
        assertFalse(application.run("token", "issue").ok(), "a deleted credential still authenticates");
        assertFalse(user.run("application", "credential", "show", name).ok());
    }

    @Test
    void aTrustScopedTokenWorksUntilTheTrustIsDeleted() throws Exception {
        Member trustor = member("trustor");
        Member trustee = member("trustee");
        // members may not list roles, so, as with Keystone, the trustor names the role by id
        String memberRole = ADMIN.json("role", "show", "member").path("id").asText();
        Cli asTrustor = trustor.cli();
        JsonNode trust = asTrustor.json("trust", "create", "--project", trustor.projectId(), "--role", memberRole,
                trustor.userId(), trustee.userId());
        String trustId = trust.path("id").asText();
        assertEquals(trustor.projectId(), trust.path("project_id").asText());
        assertEquals("member", trust.path("roles").asText());
        assertEquals(trustId, asTrustor.json("trust", "show", trustId).path("id").asText());
        assertTrue(ADMIN.json("trust", "list").toString().contains(trustId));

        Cli asTrustee = Cli.trustee(trustee.name(), trustee.password(), trustId);
        JsonNode token = asTrustee.json("token", "issue");
        assertEquals(trustor.projectId(), token.path("project_id").asText());
        assertEquals(trustee.userId(), token.path("user_id").asText());
        String tokenId = token.path("id").asText();
        asTrustee.ok("image", "list");
        asTrustee.ok("server", "list");
        assertEquals(200, images(tokenId));
        assertEquals(200, servers(tokenId));

        // only the trustor (or an admin) deletes it
        Cli.Result byTrustee = trustee.cli().run("trust", "delete", trustId);
        assertFalse(byTrustee.ok());
        assertTrue(byTrustee.stderr().contains("403"), byTrustee.stderr());

        asTrustor.ok("trust", "delete", trustId);
        double seconds = secondsUntilRefused(tokenId, System.nanoTime());
        System.out.printf("trust deleted: its token refused by image and compute in %.2f s%n", seconds);
        assertFalse(asTrustee.run("token", "issue").ok(), "a deleted trust still scopes tokens");
        // (a member's CLI, not finding it by id, falls back to listing trusts, which only admins may)
        Cli.Result gone = ADMIN.run("trust", "show", trustId);
        assertFalse(gone.ok());
        assertTrue(gone.stderr().contains("No trust with a name or ID"), gone.stderr());
    }

    @Test
    void aTrustDelegatesOnlyRolesTheTrustorHolds() {
        Member trustor = member("holds");
        Member trustee = member("gets");
        String adminRole = ADMIN.json("role", "show", "admin").path("id").asText();
        Cli.Result refused = trustor.cli().run("trust", "create", "--project", trustor.projectId(), "--role",
                adminRole, trustor.userId(), trustee.userId());
        assertFalse(refused.ok());
        assertTrue(refused.stderr().contains("404"), refused.stderr());
    }

    @Test
    void projectsAreListedByTags() {
        String tag = "e2e-" + SUFFIX;
        String both = ADMIN.json("project", "create", "--domain", "Default", "--tag", tag + "-a", "--tag",
                tag + "-b", "e2e-tags-both-" + SUFFIX).path("id").asText();
        CLEANUP.add(new String[]{"project", "delete", both});
        String one = ADMIN.json("project", "create", "--domain", "Default", "--tag", tag + "-a",
                "e2e-tags-one-" + SUFFIX).path("id").asText();
        CLEANUP.add(new String[]{"project", "delete", one});

        assertEquals(List.of(both), ids(ADMIN.json("project", "list", "--tags", tag + "-a," + tag + "-b")));
        assertEquals(List.of(both, one).stream().sorted().toList(),
                ids(ADMIN.json("project", "list", "--tags-any", tag + "-a," + tag + "-b")).stream().sorted()
                        .toList());
        List<String> notB = ids(ADMIN.json("project", "list", "--not-tags", tag + "-b"));
        assertTrue(notB.contains(one) && !notB.contains(both), notB.toString());
        List<String> neither = ids(ADMIN.json("project", "list", "--not-tags-any", tag + "-a"));
        assertFalse(neither.contains(one) || neither.contains(both), neither.toString());
        assertTrue(ADMIN.json("project", "show", both).toString().contains(tag + "-b"));
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(p -> out.add(p.path("ID").asText()));
        return out;
    }
}
