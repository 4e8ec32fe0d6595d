package io.jstack.identity;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Small helpers for the identity service's tests: password authentication as in Keystone. */
final class Keystone {
    static final String ADMIN_PASSWORD = "secret";

    private Keystone() {
    }

    static Map<String, Object> passwordAuth(String user, String password, Map<String, Object> scope) {
        Map<String, Object> identity = Map.of("methods", new String[]{"password"}, "password",
                Map.of("user", Map.of("name", user, "password", password, "domain", Map.of("id", "default"))));
        return scope == null ? Map.of("auth", Map.of("identity", identity))
                : Map.of("auth", Map.of("identity", identity, "scope", scope));
    }

    static Map<String, Object> project(String name) {
        return Map.of("project", Map.of("name", name, "domain", Map.of("id", "default")));
    }

    static Response authenticate(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v3/auth/tokens");
    }

    static String token(String user, String password, String project) {
        return authenticate(passwordAuth(user, password, project(project))).then().statusCode(201)
                .extract().header("X-Subject-Token");
    }

    static String admin() {
        return token("admin", ADMIN_PASSWORD, "admin");
    }
}
