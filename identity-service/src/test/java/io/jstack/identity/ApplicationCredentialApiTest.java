package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Application credentials against the real PostgreSQL and RabbitMQ: create, list, show and delete; tokens from
 * them (by id and secret, or by name and user), with the credential's project and roles only; what their tokens
 * may not do; and every way they stop working.
 */
@QuarkusTest
class ApplicationCredentialApiTest {

    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private static String path(String userId) {
        return "/v3/users/" + userId + "/application_credentials";
    }

    private static Response authenticate(Map<String, Object> credential) {
        return given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("identity", Map.of(
                "methods", List.of("application_credential"), "application_credential", credential))))
                .post("/v3/auth/tokens");
    }

    private static String tokenFrom(String id, String secret) {
        return authenticate(Map.of("id", id, "secret", secret)).then().statusCode(201)
                .extract().header("X-Subject-Token");
    }

    /** A member who also holds reader on their project. */
    private static Fixtures.Member memberWithReader(String admin) {
        Fixtures.Member m = Fixtures.member(admin);
        Fixtures.grant(admin, m.projectId(), m.userId(), Fixtures.roleId(admin, "reader"));
        return new Fixtures.Member(m.userId(), m.password(), m.projectId(),
                Fixtures.userToken(m.userId(), m.password(), m.projectId()));
    }

    @Test
    void createShowsTheSecretOnceAndItsTokensCarryTheCredentialAndOnlyItsRoles() {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = memberWithReader(admin);
        String readerId = Fixtures.roleId(admin, "reader");
        Instant expires = Instant.now().plus(1, ChronoUnit.HOURS);
        Response created = as(m.token()).body(Map.of("application_credential", Map.of("name", "monitoring",
                        "description", "for monitoring", "roles", List.of(Map.of("name", "reader")),
                        "expires_at", NAIVE.format(expires))))
                .post(path(m.userId()));
        created.then().statusCode(201)
                .body("application_credential.name", equalTo("monitoring"))
                .body("application_credential.project_id", equalTo(m.projectId()))
                .body("application_credential.user_id", equalTo(m.userId()))
                .body("application_credential.unrestricted", equalTo(false))
                .body("application_credential.expires_at", equalTo(NAIVE.format(expires)))
                .body("application_credential.roles.id", equalTo(List.of(readerId)))
                .body("application_credential.secret", notNullValue())
                .body("application_credential.links.self", containsString("/application_credentials/"));
        String id = created.path("application_credential.id");
        String secret = created.path("application_credential.secret");
        assertTrue(secret.length() >= 64, secret);

        as(m.token()).get(path(m.userId()) + "/" + id).then().statusCode(200)
                .body("application_credential", not(hasKey("secret")))
                .body("application_credential.description", equalTo("for monitoring"));
        as(m.token()).get(path(m.userId())).then().statusCode(200)
                .body("application_credentials.id", hasItem(id));

        Response token = authenticate(Map.of("id", id, "secret", secret));
        token.then().statusCode(201)
                .body("token.methods", equalTo(List.of("application_credential")))
                .body("token.user.id", equalTo(m.userId()))
                .body("token.project.id", equalTo(m.projectId()))
                .body("token.roles.name", equalTo(List.of("reader")))
                .body("token.application_credential.id", equalTo(id))
                .body("token.application_credential.name", equalTo("monitoring"))
                .body("token.application_credential.restricted", equalTo(true));
        // the token does not outlive the credential
        Instant tokenExpiry = Instant.parse(token.path("token.expires_at"));
        assertTrue(!tokenExpiry.isAfter(expires.plusSeconds(1)), tokenExpiry + " after " + expires);

        // by name, with the user by name and domain
        String userName = as(admin).get("/v3/users/" + m.userId()).then().extract().path("user.name");
        authenticate(Map.of("name", "monitoring", "secret", secret, "user", Map.of("name", userName,
                "domain", Map.of("id", "default")))).then().statusCode(201)
                .body("token.application_credential.id", equalTo(id));
        // a user given beside an id is ignored: the credential names its owner
        authenticate(Map.of("id", id, "secret", secret, "user", Map.of("id", "someone-else"))).then()
                .statusCode(201).body("token.user.id", equalTo(m.userId()));
    }

    @Test
    void aRoleGrantedAfterTheTokenWasIssuedCanBeDelegated() {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = Fixtures.member(admin);
        String role = as(admin).body(Map.of("role", Map.of("name", Fixtures.unique("late")))).post("/v3/roles")
                .then().statusCode(201).extract().path("role.id");
        Fixtures.grant(admin, m.projectId(), m.userId(), role);
        // m.token() was issued before the grant: what counts is what the user holds now
        as(m.token()).body(Map.of("application_credential", Map.of("name", "late", "roles",
                        List.of(Map.of("id", role))))).post(path(m.userId())).then().statusCode(201)
                .body("application_credential.roles.id", equalTo(List.of(role)));
    }

    @Test
    void wrongSecretsScopesAndUnknownCredentialsAreRefused() {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = Fixtures.member(admin);
        Response created = as(m.token()).body(Map.of("application_credential", Map.of("name", "ci",
                "secret", "chosen-secret"))).post(path(m.userId()));
        created.then().statusCode(201).body("application_credential.secret", equalTo("chosen-secret"));
        String id = created.path("application_credential.id");
        authenticate(Map.of("id", id, "secret", "wrong")).then().statusCode(401)
                .body("error.message", equalTo("The request you have made requires authentication."));
        authenticate(Map.of("id", "0123456789abcdef0123456789abcdef", "secret", "x")).then().statusCode(404)
                .body("error.message", containsString("Could not find Application Credential"));
        authenticate(Map.of("name", "ci", "secret", "chosen-secret", "user", Map.of("id", "nobody"))).then()
                .statusCode(401);
        authenticate(Map.of("secret", "chosen-secret")).then().statusCode(400);
        authenticate(Map.of("id", id)).then().statusCode(400);
        // a credential brings its own scope
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("identity", Map.of(
                        "methods", List.of("application_credential"), "application_credential",
                        Map.of("id", id, "secret", "chosen-secret")),
                        "scope", Map.of("project", Map.of("id", m.projectId())))))
                .post("/v3/auth/tokens").then().statusCode(401)
                .body("error.message", containsString("Application credentials cannot request a scope"));
        // its token is exchanged only for one of the same credential, never for a scoped one
        String token = tokenFrom(id, "chosen-secret");
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("identity", Map.of("methods",
                        List.of("token"), "token", Map.of("id", token)),
                        "scope", Map.of("project", Map.of("id", m.projectId())))))
                .post("/v3/auth/tokens").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("identity", Map.of("methods",
                        List.of("token"), "token", Map.of("id", token)))))
                .post("/v3/auth/tokens").then().statusCode(201)
                .body("token.application_credential.id", equalTo(id))
                .body("token.project.id", equalTo(m.projectId()));
    }

    @Test
    void badInputGetsKeystonesErrorShape() {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = Fixtures.member(admin);
        String p = path(m.userId());
        as(m.token()).body(Map.of("application_credential", Map.of())).post(p).then().statusCode(400)
                .body("error.code", equalTo(400)).body("error.title", equalTo("Bad Request"))
                .body("error.message", containsString("name"));
        as(m.token()).body(Map.of("application_credential", Map.of("name", "x", "bogus", 1))).post(p).then()
                .statusCode(400).body("error.message", containsString("bogus"));
        as(m.token()).body(Map.of("application_credential", Map.of("name", "x", "expires_at", "bad.123Z")))
                .post(p).then().statusCode(400).body("error.message", containsString("Timestamp"));
        as(m.token()).body(Map.of("application_credential", Map.of("name", "x", "expires_at",
                "2001-01-01T00:00:00Z"))).post(p).then().statusCode(400)
                .body("error.message", containsString("must not be before now"));
        as(m.token()).body(Map.of("application_credential", Map.of("name", "x", "unrestricted", "yes")))
                .post(p).then().statusCode(400);
        as(m.token()).body(Map.of("application_credential", Map.of("name", "x", "roles",
                List.of(Map.of("id", "a", "name", "b"))))).post(p).then().statusCode(400);
        as(m.token()).body(Map.of("application_credential", Map.of("name", "x", "roles",
                List.of(Map.of("name", "admin"))))).post(p).then().statusCode(400)
                .body("error.message", containsString("unassigned role"));
        as(m.token()).body(Map.of("application_credential", Map.of("name", "x", "roles",
                List.of(Map.of("name", "no-such-role"))))).post(p).then().statusCode(404);
        as(m.token()).body(Map.of("application_credential", Map.of("name", "x", "access_rules",
                List.of(Map.of("service", "compute", "method", "FETCH", "path", "/v2.1/servers")))))
                .post(p).then().statusCode(400);
        as(m.token()).body(Map.of("application_credential", Map.of("name", "x", "access_rules",
                List.of(Map.of("service", "compute", "method", "GET", "path", "no-slash")))))
                .post(p).then().statusCode(400);
        as(m.token()).body("{\"application_credential\": [] }").post(p).then().statusCode(400);
        as(m.token()).body(Map.of("application_credential", Map.of("name", "dup"))).post(p).then().statusCode(201);
        as(m.token()).body(Map.of("application_credential", Map.of("name", "dup"))).post(p).then().statusCode(409)
                .body("error.code", equalTo(409));
        as(m.token()).get(p + "/0123456789abcdef0123456789abcdef").then().statusCode(404);
        as(m.token()).delete(p + "/0123456789abcdef0123456789abcdef").then().statusCode(404);
        // for someone else: refused, as is reading someone else's
        Fixtures.Member other = Fixtures.member(admin);
        as(m.token()).body(Map.of("application_credential", Map.of("name", "x"))).post(path(other.userId()))
                .then().statusCode(403).body("error.code", equalTo(403));
        as(m.token()).get(path(other.userId())).then().statusCode(403);
    }

    @Test
    void nameFilterAndListingOnlyOwnCredentials() {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = Fixtures.member(admin);
        for (String name : List.of("alpha-1", "alpha-2", "beta")) {
            as(m.token()).body(Map.of("application_credential", Map.of("name", name))).post(path(m.userId()))
                    .then().statusCode(201);
        }
        as(m.token()).get(path(m.userId()) + "?name=beta").then().statusCode(200)
                .body("application_credentials.name", equalTo(List.of("beta")));
        as(m.token()).get(path(m.userId()) + "?name__startswith=alpha").then().statusCode(200)
                .body("application_credentials.name", equalTo(List.of("alpha-1", "alpha-2")));
        as(m.token()).get(path(m.userId()) + "?name__icontains=ALPHA").then().statusCode(200)
                .body("application_credentials.size()", equalTo(2));
        // the cloud admin sees them too
        as(admin).get(path(m.userId())).then().statusCode(200).body("application_credentials.size()", equalTo(3));
    }

    @Test
    void restrictedCredentialsCannotMakeMoreButUnrestrictedOnesCanAndNeitherManagesTrusts() {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = Fixtures.member(admin);
        Response restricted = as(m.token()).body(Map.of("application_credential", Map.of("name", "r")))
                .post(path(m.userId()));
        String restrictedToken = tokenFrom(restricted.path("application_credential.id"),
                restricted.path("application_credential.secret"));
        as(restrictedToken).body(Map.of("application_credential", Map.of("name", "more"))).post(path(m.userId()))
                .then().statusCode(403).body("error.message", containsString("application_credential"));
        as(restrictedToken).delete(path(m.userId()) + "/" + restricted.path("application_credential.id"))
                .then().statusCode(403);

        Response unrestricted = as(m.token()).body(Map.of("application_credential", Map.of("name", "u",
                "unrestricted", true))).post(path(m.userId()));
        unrestricted.then().statusCode(201).body("application_credential.unrestricted", equalTo(true));
        String unrestrictedToken = tokenFrom(unrestricted.path("application_credential.id"),
                unrestricted.path("application_credential.secret"));
        as(unrestrictedToken).body(Map.of("application_credential", Map.of("name", "more")))
                .post(path(m.userId())).then().statusCode(201);
        // trusts are never managed with an application credential's token
        Fixtures.Member trustee = Fixtures.member(admin);
        as(unrestrictedToken).body(Map.of("trust", Map.of("trustor_user_id", m.userId(), "trustee_user_id",
                        trustee.userId(), "impersonation", false, "project_id", m.projectId(),
                        "roles", List.of(Map.of("name", "member")))))
                .post("/v3/OS-TRUST/trusts").then().statusCode(403);
    }

    @Test
    void deletingTheCredentialRevokesItsTokens() {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = Fixtures.member(admin);
        Response created = as(m.token()).body(Map.of("application_credential", Map.of("name", "gone")))
                .post(path(m.userId()));
        String id = created.path("application_credential.id");
        String token = tokenFrom(id, created.path("application_credential.secret"));
        as(token).get("/v3/projects/" + m.projectId()).then().statusCode(200);
        as(m.token()).delete(path(m.userId()) + "/" + id).then().statusCode(204);
        as(token).get("/v3/projects/" + m.projectId()).then().statusCode(401);
        as(admin).header("X-Subject-Token", token).get("/v3/auth/tokens").then().statusCode(404);
        authenticate(Map.of("id", id, "secret", created.path("application_credential.secret"))).then()
                .statusCode(404);
        // other tokens of the user are untouched
        as(m.token()).get("/v3/projects/" + m.projectId()).then().statusCode(200);
    }

    @Test
    void losingTheRoleOrBeingDisabledEndsTheCredentialsTokens() {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = Fixtures.member(admin);
        Response created = as(m.token()).body(Map.of("application_credential", Map.of("name", "role")))
                .post(path(m.userId()));
        String id = created.path("application_credential.id");
        String secret = created.path("application_credential.secret");
        String token = tokenFrom(id, secret);
        String member = Fixtures.roleId(admin, "member");
        as(admin).delete("/v3/projects/" + m.projectId() + "/users/" + m.userId() + "/roles/" + member)
                .then().statusCode(204);
        as(token).get("/v3/projects/" + m.projectId()).then().statusCode(401);
        // the credential itself gives nothing more: its roles are no longer held
        authenticate(Map.of("id", id, "secret", secret)).then().statusCode(401);
        // back with the role, it works again
        Fixtures.grant(admin, m.projectId(), m.userId(), member);
        String again = tokenFrom(id, secret);

        as(admin).body(Map.of("user", Map.of("enabled", false))).patch("/v3/users/" + m.userId())
                .then().statusCode(200);
        as(again).get("/v3/projects/" + m.projectId()).then().statusCode(401);
        // a disabled user's credentials are deleted, as in Keystone
        as(admin).get(path(m.userId())).then().statusCode(200).body("application_credentials.size()", equalTo(0));
    }

    @Test
    void anExpiredCredentialCannotAuthenticate() throws Exception {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = Fixtures.member(admin);
        Instant soon = Instant.now().plusSeconds(2);
        Response created = as(m.token()).body(Map.of("application_credential", Map.of("name", "short",
                "expires_at", NAIVE.format(soon)))).post(path(m.userId()));
        created.then().statusCode(201);
        String id = created.path("application_credential.id");
        String secret = created.path("application_credential.secret");
        Response token = authenticate(Map.of("id", id, "secret", secret));
        token.then().statusCode(201);
        assertEquals(soon.truncatedTo(ChronoUnit.MICROS), Instant.parse(token.path("token.expires_at")));
        Thread.sleep(Math.max(0, soon.toEpochMilli() - System.currentTimeMillis()) + 200);
        authenticate(Map.of("id", id, "secret", secret)).then().statusCode(401);
        as(token.header("X-Subject-Token")).get("/v3/projects/" + m.projectId()).then().statusCode(401);
    }

    @Test
    void accessRulesAreSharedListedAndLimitWhatTheTokenMayDo() {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = Fixtures.member(admin);
        Map<String, Object> rule = Map.of("service", "identity", "method", "GET", "path", "/v3/projects/*");
        Response created = as(m.token()).body(Map.of("application_credential", Map.of("name", "limited",
                "access_rules", List.of(rule)))).post(path(m.userId()));
        created.then().statusCode(201).body("application_credential.access_rules[0].path",
                equalTo("/v3/projects/*"));
        String ruleId = created.path("application_credential.access_rules[0].id");
        // a second credential naming the same rule shares it
        Response second = as(m.token()).body(Map.of("application_credential", Map.of("name", "limited-2",
                "access_rules", List.of(Map.of("id", ruleId))))).post(path(m.userId()));
        second.then().statusCode(201).body("application_credential.access_rules[0].id", equalTo(ruleId));
        String rules = "/v3/users/" + m.userId() + "/access_rules";
        as(m.token()).get(rules).then().statusCode(200).body("access_rules.size()", equalTo(1))
                .body("access_rules[0].id", equalTo(ruleId));
        as(m.token()).get(rules + "?service=compute").then().statusCode(200).body("access_rules.size()", equalTo(0));
        as(m.token()).get(rules + "/" + ruleId).then().statusCode(200).body("access_rule.method", equalTo("GET"));

        String token = tokenFrom(created.path("application_credential.id"),
                created.path("application_credential.secret"));
        as(admin).header("X-Subject-Token", token).get("/v3/auth/tokens").then().statusCode(404);
        as(admin).header("X-Subject-Token", token).header("OpenStack-Identity-Access-Rules", "1.0")
                .get("/v3/auth/tokens").then().statusCode(200)
                .body("token.application_credential.access_rules[0].id", equalTo(ruleId));
        as(token).get("/v3/projects/" + m.projectId()).then().statusCode(200);
        as(token).get("/v3/users/" + m.userId()).then().statusCode(401);
        as(token).body(Map.of("project", Map.of("name", "nope"))).patch("/v3/projects/" + m.projectId())
                .then().statusCode(401);

        // in use, a rule stays; once its credentials are gone it can be deleted
        as(m.token()).delete(rules + "/" + ruleId).then().statusCode(403);
        as(m.token()).delete(path(m.userId()) + "/" + created.path("application_credential.id")).then()
                .statusCode(204);
        as(m.token()).delete(path(m.userId()) + "/" + second.path("application_credential.id")).then()
                .statusCode(204);
        as(m.token()).delete(rules + "/" + ruleId).then().statusCode(204);
        as(m.token()).get(rules + "/" + ruleId).then().statusCode(404);
    }

    @Test
    void trustScopedTokensCannotManageCredentials() {
        String admin = Fixtures.adminToken();
        Fixtures.Member trustor = Fixtures.member(admin);
        Fixtures.Member trustee = Fixtures.member(admin);
        String trustId = as(trustor.token()).body(Map.of("trust", Map.of("trustor_user_id", trustor.userId(),
                        "trustee_user_id", trustee.userId(), "impersonation", true, "project_id",
                        trustor.projectId(), "roles", List.of(Map.of("name", "member")))))
                .post("/v3/OS-TRUST/trusts").then().statusCode(201).extract().path("trust.id");
        String trustToken = TrustApiTest.trustToken(trustee, trustId);
        as(trustToken).body(Map.of("application_credential", Map.of("name", "x"))).post(path(trustor.userId()))
                .then().statusCode(403);
        as(trustToken).get(path(trustor.userId())).then().statusCode(403);
        assertNotEquals(trustor.userId(), trustee.userId());
        as(trustor.token()).get(path(trustor.userId())).then().statusCode(200)
                .body("application_credentials", not(nullValue()));
    }
}
