package io.jstack.identity;

import io.jstack.common.auth.Revocations;
import io.jstack.common.auth.TokenCodec;
import io.jstack.identity.service.RevocationService;
import io.jstack.identity.service.SigningKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token issue, validation and revocation against the real PostgreSQL and RabbitMQ. */
@QuarkusTest
class TokenApiTest {

    @Inject
    RevocationService revocationService;

    @Inject
    SigningKeys signingKeys;

    @Test
    void versionDocuments() {
        given().get("/").then().statusCode(300).body("versions.values[0].id", equalTo("v3.14"))
                .body("versions.values[0].media-types[0].type", equalTo("application/vnd.openstack.identity-v3+json"));
        given().get("/v3").then().statusCode(200).body("version.status", equalTo("stable"))
                .header("x-openstack-request-id", notNullValue());
    }

    @Test
    void projectScopedTokenCarriesUserProjectRolesAndCatalog() {
        given().contentType(ContentType.JSON).body(Keystone.passwordAuth("admin", "secret", Keystone.project("admin")))
                .post("/v3/auth/tokens").then().statusCode(201)
                .header("X-Subject-Token", notNullValue())
                .body("token.user.name", equalTo("admin"))
                .body("token.user.domain.id", equalTo("default"))
                .body("token.project.name", equalTo("admin"))
                .body("token.roles.name", hasItems("admin", "member", "reader"))
                .body("token.methods", equalTo(List.of("password")))
                .body("token.audit_ids.size()", equalTo(1))
                .body("token.catalog.type", hasItems("identity", "compute", "image", "volumev3", "block-storage",
                        "object-store"))
                .body("token.expires_at", notNullValue());
    }

    @Test
    void domainScopedAndUnscopedTokens() {
        String admin = Keystone.admin();
        String adminId = given().header("X-Auth-Token", admin).get("/v3/users?name=admin").then().statusCode(200)
                .extract().path("users[0].id");
        String roleId = given().header("X-Auth-Token", admin).get("/v3/roles?name=admin").then().statusCode(200)
                .extract().path("roles[0].id");
        given().header("X-Auth-Token", admin).put("/v3/domains/default/users/" + adminId + "/roles/" + roleId)
                .then().statusCode(204);
        Keystone.authenticate(Keystone.passwordAuth("admin", "secret", Map.of("domain", Map.of("name", "Default"))))
                .then().statusCode(201).body("token.domain.id", equalTo("default")).body("token.project", nullValue());
        // no scope: the admin's default project
        Keystone.authenticate(Keystone.passwordAuth("admin", "secret", null))
                .then().statusCode(201).body("token.project.name", equalTo("admin"));
    }

    @Test
    void badCredentialsAre401AndBadBodies400() {
        Keystone.authenticate(Keystone.passwordAuth("admin", "wrong", Keystone.project("admin"))).then()
                .statusCode(401).body("error.code", equalTo(401)).body("error.title", equalTo("Unauthorized"));
        Keystone.authenticate(Keystone.passwordAuth("nobody", "secret", Keystone.project("admin"))).then()
                .statusCode(401);
        Keystone.authenticate(Keystone.passwordAuth("admin", "secret", Keystone.project("no-such-project"))).then()
                .statusCode(401);
        given().contentType(ContentType.JSON).body("{\"auth\": ").post("/v3/auth/tokens").then().statusCode(400)
                .body("error.code", equalTo(400));
        given().contentType(ContentType.JSON).body("{}").post("/v3/auth/tokens").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"auth\":{\"identity\":{\"methods\":\"password\"}}}")
                .post("/v3/auth/tokens").then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{\"auth\":{\"identity\":{\"methods\":[\"kerberos\"]}}}").post("/v3/auth/tokens")
                .then().statusCode(401);
    }

    @Test
    void missingOrGarbageTokensAre401() {
        given().get("/v3/projects").then().statusCode(401).body("error.code", equalTo(401));
        given().header("X-Auth-Token", "garbage").get("/v3/projects").then().statusCode(401);
        given().header("X-Auth-Token", "a.b.c").get("/v3/projects").then().statusCode(401);
    }

    @Test
    void validateCheckAndRevoke() {
        String admin = Keystone.admin();
        String subject = Keystone.admin();
        given().header("X-Auth-Token", admin).header("X-Subject-Token", subject).get("/v3/auth/tokens")
                .then().statusCode(200).header("X-Subject-Token", equalTo(subject))
                .body("token.project.name", equalTo("admin"));
        given().header("X-Auth-Token", admin).header("X-Subject-Token", subject).head("/v3/auth/tokens")
                .then().statusCode(200);
        given().header("X-Auth-Token", admin).header("X-Subject-Token", subject).delete("/v3/auth/tokens")
                .then().statusCode(204);
        given().header("X-Auth-Token", admin).header("X-Subject-Token", subject).get("/v3/auth/tokens")
                .then().statusCode(404);
        given().header("X-Auth-Token", subject).get("/v3/projects").then().statusCode(401)
                .body("error.message", equalTo("The token has been revoked"));
        given().header("X-Auth-Token", admin).header("X-Subject-Token", "nonsense").get("/v3/auth/tokens")
                .then().statusCode(404);
    }

    @Test
    void revocationsAreStoredSoAFreshVerifierKnowsThem() throws Throwable {
        String admin = Keystone.admin();
        String subject = Keystone.admin();
        given().header("X-Auth-Token", admin).header("X-Subject-Token", subject).delete("/v3/auth/tokens")
                .then().statusCode(204);
        // what a restarted replica would load
        var stored = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> revocationService.since(null)));
        Revocations fresh = new Revocations();
        fresh.addAll(stored);
        var token = new TokenCodec().verifySignature(subject, signingKeys::find);
        assertTrue(fresh.isRevoked(token), "the revocation is not in the database");
    }

    @Test
    void rescopingKeepsTheAuditChainAndExpiry() {
        String unscoped = Keystone.authenticate(Keystone.passwordAuth("demo-rescope-" + 0, "x", null))
                .then().extract().header("X-Subject-Token");
        assertEquals(null, unscoped, "unknown users get no token");
        String original = Keystone.admin();
        var first = given().header("X-Auth-Token", original).header("X-Subject-Token", original)
                .get("/v3/auth/tokens?nocatalog").then().statusCode(200).extract().jsonPath();
        var rescoped = given().contentType(ContentType.JSON).body(Map.of("auth", Map.of(
                        "identity", Map.of("methods", List.of("token"), "token", Map.of("id", original)),
                        "scope", Map.of("project", Map.of("name", "service", "domain", Map.of("id", "default"))))))
                .post("/v3/auth/tokens").then().extract();
        // admin holds no role on the service project
        assertEquals(401, rescoped.statusCode());
        var same = given().contentType(ContentType.JSON).body(Map.of("auth", Map.of(
                        "identity", Map.of("methods", List.of("token"), "token", Map.of("id", original)),
                        "scope", Map.of("project", Map.of("name", "admin", "domain", Map.of("id", "default"))))))
                .post("/v3/auth/tokens").then().statusCode(201).extract().jsonPath();
        assertEquals(first.getString("token.expires_at"), same.getString("token.expires_at"));
        assertEquals(first.getList("token.audit_ids").get(0), same.getList("token.audit_ids").get(1));
    }

    @Test
    void publishedKeysVerifyIssuedTokens() {
        String token = Keystone.admin();
        var keys = given().get("/v3/auth/jwks").then().statusCode(200).body("keys[0].kty", equalTo("EC"))
                .body("keys[0].crv", equalTo("P-256")).extract().jsonPath().getList("keys", Map.class);
        var jwks = keys.stream().map(k -> new io.jstack.common.auth.Jwk((String) k.get("kty"), (String) k.get("crv"),
                (String) k.get("kid"), (String) k.get("use"), (String) k.get("alg"), (String) k.get("x"),
                (String) k.get("y"))).toList();
        var verified = new TokenCodec().verifySignature(token, kid -> jwks.stream()
                .filter(j -> j.kid().equals(kid)).findFirst().map(io.jstack.common.auth.Jwk::toPublicKey).orElse(null));
        assertEquals("admin", verified.user().name());
        assertThrows(io.jstack.common.auth.InvalidTokenException.class,
                () -> new TokenCodec().verifySignature(token, kid -> null));
    }

    @Test
    void authProjectsListsWhatTheUserCanScopeTo() {
        given().header("X-Auth-Token", Keystone.admin()).get("/v3/auth/projects").then().statusCode(200)
                .body("projects.name", hasItem("admin")).body("projects.name", not(hasItem("service")));
        given().header("X-Auth-Token", Keystone.admin()).get("/v3/auth/catalog").then().statusCode(200)
                .body("catalog.type", hasItem("identity"));
    }
}
