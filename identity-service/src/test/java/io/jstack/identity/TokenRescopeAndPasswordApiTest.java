package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** Unscoped and rescoped tokens as Keystone shapes them; who may change a password. */
@QuarkusTest
class TokenRescopeAndPasswordApiTest {

    private String admin;

    @BeforeEach
    void login() {
        admin = Fixtures.adminToken();
    }

    @Test
    void anUnscopedTokenHasNoCatalogAndARescopedOneNamesBothMethods() {
        Fixtures.Member m = Fixtures.member(admin);
        var unscoped = given().contentType("application/json")
                .body(Map.of("auth", Map.of("identity", Map.of("methods", List.of("password"),
                        "password", Map.of("user", Map.of("id", m.userId(), "password", m.password()))))))
                .when().post("/v3/auth/tokens")
                .then().statusCode(201)
                .body("token", not(hasKey("catalog")))
                .body("token", not(hasKey("project")))
                .body("token", not(hasKey("roles")))
                .body("token.methods", equalTo(List.of("password")))
                .extract();
        String unscopedId = unscoped.header("X-Subject-Token");
        String expires = unscoped.path("token.expires_at");

        given().contentType("application/json")
                .body(Map.of("auth", Map.of(
                        "identity", Map.of("methods", List.of("token"), "token", Map.of("id", unscopedId)),
                        "scope", Map.of("project", Map.of("id", m.projectId())))))
                .when().post("/v3/auth/tokens")
                .then().statusCode(201)
                .body("token.methods", containsInAnyOrder("password", "token"))
                .body("token.expires_at", equalTo(expires))
                .body("token.project.id", equalTo(m.projectId()))
                .body("token", hasKey("catalog"));
    }

    @Test
    void anAdminMayChangeAPasswordGivenTheOldOneButNotAnotherUser() {
        Fixtures.Member m = Fixtures.member(admin);
        Fixtures.Member other = Fixtures.member(admin);
        String path = "/v3/users/" + m.userId() + "/password";

        as(other.token()).body(Map.of("user", Map.of("original_password", m.password(), "password", "x-1")))
                .when().post(path).then().statusCode(403);
        as(admin).body(Map.of("user", Map.of("original_password", "wrong", "password", "x-1")))
                .when().post(path).then().statusCode(401);
        as(admin).body(Map.of("user", Map.of("original_password", m.password())))
                .when().post(path).then().statusCode(400);
        as(admin).body(Map.of("user", Map.of("original_password", m.password(), "password", "new-password-1")))
                .when().post(path).then().statusCode(204);
        Fixtures.userToken(m.userId(), "new-password-1", null);
    }
}
