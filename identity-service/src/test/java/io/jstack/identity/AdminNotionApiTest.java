package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static io.jstack.identity.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * One cloud admin: the admin role on the admin project. A domain admin manages its domain, grants the admin role
 * on its projects (which makes project admins, not cloud admins), and cannot reach the admin project: no grant on
 * it or inherited into it, no change to the users and groups that hold roles on it.
 */
@QuarkusTest
class AdminNotionApiTest {

    private static String domainToken(String userId, String password, String domainId) {
        return given().contentType(ContentType.JSON).body(Map.of("auth", Map.of(
                        "identity", Map.of("methods", List.of("password"), "password",
                                Map.of("user", Map.of("id", userId, "password", password))),
                        "scope", Map.of("domain", Map.of("id", domainId)))))
                .post("/v3/auth/tokens").then().statusCode(201).extract().header("X-Subject-Token");
    }

    private static String userIn(String admin, String domainId, String password) {
        return as(admin).body(Map.of("user", Map.of("name", unique("u"), "domain_id", domainId, "password",
                password))).post("/v3/users").then().statusCode(201).extract().path("user.id");
    }

    private static String projectIn(String token, String domainId) {
        return as(token).body(Map.of("project", Map.of("name", unique("p"), "domain_id", domainId)))
                .post("/v3/projects").then().statusCode(201).extract().path("project.id");
    }

    @Test
    void tokensSayWhetherTheirProjectIsTheAdminProject() {
        String admin = Keystone.admin();
        as(admin).header("X-Subject-Token", admin).get("/v3/auth/tokens").then().statusCode(200)
                .body("token.is_admin_project", equalTo(true));
        Fixtures.Member member = Fixtures.member(admin);
        as(admin).header("X-Subject-Token", member.token()).get("/v3/auth/tokens").then().statusCode(200)
                .body("token.is_admin_project", equalTo(false));
    }

    @Test
    void aDomainAdminMakesProjectAdminsButNeverACloudAdmin() {
        String admin = Keystone.admin();
        String adminRole = Fixtures.roleId(admin, "admin");
        String domainId = as(admin).body(Map.of("domain", Map.of("name", unique("d")))).post("/v3/domains")
                .then().statusCode(201).extract().path("domain.id");
        String userId = userIn(admin, domainId, "pw");
        as(admin).put("/v3/domains/" + domainId + "/users/" + userId + "/roles/" + adminRole).then().statusCode(204);
        String domainAdmin = domainToken(userId, "pw", domainId);

        // within its domain: a project, and the admin role on it for itself
        String projectId = projectIn(domainAdmin, domainId);
        as(domainAdmin).put("/v3/projects/" + projectId + "/users/" + userId + "/roles/" + adminRole).then()
                .statusCode(204);
        String projectAdmin = Fixtures.userToken(userId, "pw", projectId);
        as(projectAdmin).header("X-Subject-Token", projectAdmin).get("/v3/auth/tokens").then().statusCode(200)
                .body("token.is_admin_project", equalTo(false));
        // ... which opens nothing cloud-wide
        as(projectAdmin).get("/v3/services").then().statusCode(403);
        as(projectAdmin).get("/v3/users").then().statusCode(403);
        as(projectAdmin).body(Map.of("domain", Map.of("name", unique("d")))).post("/v3/domains").then()
                .statusCode(403);
        as(domainAdmin).get("/v3/role_assignments").then().statusCode(403);

        // outside its domain: nothing
        String defaultProject = Fixtures.createProject(admin, unique("p"));
        as(domainAdmin).put("/v3/projects/" + defaultProject + "/users/" + userId + "/roles/" + adminRole).then()
                .statusCode(403);
        as(domainAdmin).put("/v3/system/users/" + userId + "/roles/" + adminRole).then().statusCode(403);
    }

    @Test
    void theAdminProjectsDomainAdminCannotReachTheAdminProject() {
        String admin = Keystone.admin();
        String adminRole = Fixtures.roleId(admin, "admin");
        String memberRole = Fixtures.roleId(admin, "member");
        String adminProject = as(admin).queryParam("name", "admin").get("/v3/projects").then().statusCode(200)
                .extract().path("projects[0].id");
        String adminUser = as(admin).queryParam("name", "admin").get("/v3/users").then().statusCode(200)
                .extract().path("users[0].id");
        String userId = userIn(admin, "default", "pw");
        as(admin).put("/v3/domains/default/users/" + userId + "/roles/" + adminRole).then().statusCode(204);
        String domainAdmin = domainToken(userId, "pw", "default");

        as(domainAdmin).put("/v3/projects/" + adminProject + "/users/" + userId + "/roles/" + adminRole).then()
                .statusCode(403).body("error.message", equalTo("You are not authorized to perform the requested "
                        + "action: identity:create_grant."));
        as(domainAdmin).put("/v3/projects/" + adminProject + "/users/" + userId + "/roles/" + memberRole).then()
                .statusCode(403);
        as(domainAdmin).put("/v3/OS-INHERIT/domains/default/users/" + userId + "/roles/" + adminRole
                + "/inherited_to_projects").then().statusCode(403);
        // the admin user's password, the admin project itself: the cloud admin's
        as(domainAdmin).body(Map.of("user", Map.of("password", "taken"))).patch("/v3/users/" + adminUser).then()
                .statusCode(403);
        as(domainAdmin).body(Map.of("project", Map.of("enabled", false))).patch("/v3/projects/" + adminProject)
                .then().statusCode(403);
        // a group of cloud admins is closed to it
        String group = as(admin).body(Map.of("group", Map.of("name", unique("g"), "domain_id", "default")))
                .post("/v3/groups").then().statusCode(201).extract().path("group.id");
        as(admin).put("/v3/projects/" + adminProject + "/groups/" + group + "/roles/" + adminRole).then()
                .statusCode(204);
        as(domainAdmin).put("/v3/groups/" + group + "/users/" + userId).then().statusCode(403);

        // the rest of its domain is its to manage
        String project = projectIn(domainAdmin, "default");
        as(domainAdmin).put("/v3/projects/" + project + "/users/" + userId + "/roles/" + adminRole).then()
                .statusCode(204);
        String other = userIn(admin, "default", "pw2");
        as(domainAdmin).body(Map.of("user", Map.of("description", "managed"))).patch("/v3/users/" + other).then()
                .statusCode(200);
        // and the cloud admin can do all of the above
        as(admin).put("/v3/projects/" + adminProject + "/users/" + other + "/roles/" + memberRole).then()
                .statusCode(204);
        as(admin).put("/v3/groups/" + group + "/users/" + other).then().statusCode(204);
    }
}
