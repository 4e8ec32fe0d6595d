package io.jstack.identity;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Set-ups for API tests beyond {@link Keystone}'s admin token: users, projects, role grants and their tokens, all
 * made through the API itself.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** A name no other test (or earlier run) uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A project-scoped admin token: a cloud admin. */
    static String adminToken() {
        return Keystone.admin();
    }

    /** A token for a user by id; scoped to the project when one is given, else unscoped. */
    static String userToken(String userId, String password, String projectId) {
        return token(Map.of("id", userId, "password", password),
                projectId == null ? null : Map.of("project", Map.of("id", projectId)));
    }

    private static String token(Map<String, Object> user, Map<String, Object> scope) {
        Map<String, Object> auth = new java.util.LinkedHashMap<>();
        auth.put("identity", Map.of("methods", List.of("password"), "password", Map.of("user", user)));
        if (scope != null) {
            auth.put("scope", scope);
        }
        return given().contentType(ContentType.JSON).body(Map.of("auth", auth))
                .when().post("/v3/auth/tokens")
                .then().statusCode(201).extract().header("X-Subject-Token");
    }

    static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("X-Auth-Token", token);
    }

    static String createProject(String admin, String name) {
        return as(admin).body(Map.of("project", Map.of("name", name, "domain_id", "default")))
                .when().post("/v3/projects")
                .then().statusCode(201).extract().path("project.id");
    }

    static String createUser(String admin, String name, String password) {
        return as(admin).body(Map.of("user", Map.of("name", name, "domain_id", "default", "password", password)))
                .when().post("/v3/users")
                .then().statusCode(201).extract().path("user.id");
    }

    static String roleId(String admin, String name) {
        return as(admin).queryParam("name", name).when().get("/v3/roles")
                .then().statusCode(200).extract().path("roles[0].id");
    }

    static void grant(String admin, String projectId, String userId, String roleId) {
        as(admin).when().put("/v3/projects/" + projectId + "/users/" + userId + "/roles/" + roleId)
                .then().statusCode(204);
    }

    /** A member user with a project of their own, and a token scoped to it. */
    record Member(String userId, String password, String projectId, String token) {
    }

    static Member member(String admin) {
        String password = "pw-" + UUID.randomUUID();
        String userId = createUser(admin, unique("member"), password);
        String projectId = createProject(admin, unique("project"));
        grant(admin, projectId, userId, roleId(admin, "member"));
        return new Member(userId, password, projectId, userToken(userId, password, projectId));
    }
}
