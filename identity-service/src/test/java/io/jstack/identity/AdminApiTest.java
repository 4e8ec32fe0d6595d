package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Admin APIs: CRUD, bad input in Keystone's fault shape, and who may do what. */
@QuarkusTest
class AdminApiTest {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    @Test
    void projectLifecycleAndItsErrors() {
        String admin = Keystone.admin();
        String name = unique("p");
        String id = as(admin).body(Map.of("project", Map.of("name", name, "description", "d")))
                .post("/v3/projects").then().statusCode(201).body("project.name", equalTo(name))
                .body("project.domain_id", equalTo("default")).body("project.parent_id", equalTo("default"))
                .body("project.enabled", equalTo(true)).extract().path("project.id");
        as(admin).body(Map.of("project", Map.of("name", name))).post("/v3/projects").then().statusCode(409)
                .body("error.code", equalTo(409));
        as(admin).body(Map.of("project", Map.of("name", "x".repeat(65)))).post("/v3/projects").then().statusCode(400);
        as(admin).body(Map.of("project", Map.of("name", ""))).post("/v3/projects").then().statusCode(400);
        as(admin).body(Map.of("project", Map.of("name", unique("p"), "enabled", "True"))).post("/v3/projects")
                .then().statusCode(400).body("error.message", containsString("enabled"));
        as(admin).body(Map.of("project", Map.of("name", unique("p"), "domain_id", "nope"))).post("/v3/projects")
                .then().statusCode(404);
        as(admin).body("[]").post("/v3/projects").then().statusCode(400);
        as(admin).body("{not json").post("/v3/projects").then().statusCode(400).body("error.title",
                equalTo("Bad Request"));
        as(admin).body(Map.of("project", Map.of("enabled", false))).patch("/v3/projects/" + id).then().statusCode(200)
                .body("project.enabled", equalTo(false));
        as(admin).get("/v3/projects?name=" + name).then().statusCode(200).body("projects.size()", equalTo(1));
        as(admin).delete("/v3/projects/" + id).then().statusCode(204);
        as(admin).get("/v3/projects/" + id).then().statusCode(404).body("error.code", equalTo(404));
        as(admin).delete("/v3/projects/" + id).then().statusCode(404);
    }

    @Test
    void oversizedBodiesAreRefused() {
        String admin = Keystone.admin();
        as(admin).body("{\"project\":{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}").post("/v3/projects")
                .then().statusCode(413);
    }

    @Test
    void unknownPathsAndMethodsUseTheFaultShape() {
        String admin = Keystone.admin();
        as(admin).get("/v3/no-such-thing").then().statusCode(404).body("error.code", equalTo(404));
        as(admin).put("/v3/projects").then().statusCode(405);
    }

    @Test
    void memberSeesOnlyWhatIsTheirs() {
        String admin = Keystone.admin();
        String project = unique("mp");
        String user = unique("mu");
        String projectId = as(admin).body(Map.of("project", Map.of("name", project))).post("/v3/projects").then()
                .statusCode(201).extract().path("project.id");
        String userId = as(admin).body(Map.of("user", Map.of("name", user, "password", "pw1")))
                .post("/v3/users").then().statusCode(201).body("user", not(hasItem("password")))
                .extract().path("user.id");
        String member = as(admin).get("/v3/roles?name=member").then().extract().path("roles[0].id");
        as(admin).put("/v3/projects/" + projectId + "/users/" + userId + "/roles/" + member).then().statusCode(204);
        as(admin).head("/v3/projects/" + projectId + "/users/" + userId + "/roles/" + member).then().statusCode(204);

        String token = Keystone.token(user, "pw1", project);
        as(token).get("/v3/users").then().statusCode(403).body("error.code", equalTo(403));
        as(token).get("/v3/users/" + userId).then().statusCode(200).body("user.name", equalTo(user));
        String adminId = as(admin).get("/v3/users?name=admin").then().extract().path("users[0].id");
        as(token).get("/v3/users/" + adminId).then().statusCode(403);
        as(token).body(Map.of("project", Map.of("name", unique("x")))).post("/v3/projects").then().statusCode(403);
        as(token).get("/v3/users/" + userId + "/projects").then().statusCode(200)
                .body("projects.name", hasItem(project));
        as(token).get("/v3/projects/" + projectId).then().statusCode(200);

        // the user changes their own password; the old token dies with it
        as(token).body(Map.of("user", Map.of("original_password", "wrong", "password", "pw2")))
                .post("/v3/users/" + userId + "/password").then().statusCode(401);
        as(token).body(Map.of("user", Map.of("original_password", "pw1", "password", "pw2")))
                .post("/v3/users/" + userId + "/password").then().statusCode(204);
        as(token).get("/v3/users/" + userId).then().statusCode(401);
        String fresh = Keystone.token(user, "pw2", project);

        // losing the role ends project access for tokens already issued
        as(admin).delete("/v3/projects/" + projectId + "/users/" + userId + "/roles/" + member).then().statusCode(204);
        as(fresh).get("/v3/projects/" + projectId).then().statusCode(401);
        Keystone.authenticate(Keystone.passwordAuth(user, "pw2", Keystone.project(project))).then().statusCode(401);
    }

    @Test
    void disabledUsersCannotAuthenticate() {
        String admin = Keystone.admin();
        String user = unique("du");
        String userId = as(admin).body(Map.of("user", Map.of("name", user, "password", "pw", "enabled", false)))
                .post("/v3/users").then().statusCode(201).extract().path("user.id");
        Keystone.authenticate(Keystone.passwordAuth(user, "pw", null)).then().statusCode(401);
        as(admin).body(Map.of("user", Map.of("enabled", true))).patch("/v3/users/" + userId).then().statusCode(200);
        Keystone.authenticate(Keystone.passwordAuth(user, "pw", null)).then().statusCode(201);
        as(admin).body(Map.of("user", Map.of("name", user))).post("/v3/users").then().statusCode(409);
        as(admin).body(Map.of("user", Map.of("name", unique("u"), "domain_id", "missing"))).post("/v3/users")
                .then().statusCode(404);
    }

    @Test
    void domainsMustBeDisabledBeforeDeletionAndTakeTheirContents() {
        String admin = Keystone.admin();
        String domainId = as(admin).body(Map.of("domain", Map.of("name", unique("d")))).post("/v3/domains").then()
                .statusCode(201).extract().path("domain.id");
        String projectId = as(admin).body(Map.of("project", Map.of("name", "inside", "domain_id", domainId)))
                .post("/v3/projects").then().statusCode(201).extract().path("project.id");
        as(admin).delete("/v3/domains/" + domainId).then().statusCode(403);
        as(admin).body(Map.of("domain", Map.of("enabled", false))).patch("/v3/domains/" + domainId).then()
                .statusCode(200);
        as(admin).delete("/v3/domains/" + domainId).then().statusCode(204);
        as(admin).get("/v3/projects/" + projectId).then().statusCode(404);
    }

    @Test
    void catalogAdministration() {
        String admin = Keystone.admin();
        String serviceId = as(admin).body(Map.of("service", Map.of("type", unique("t"), "name", "svc")))
                .post("/v3/services").then().statusCode(201).extract().path("service.id");
        as(admin).body(Map.of("endpoint", Map.of("service_id", serviceId, "interface", "public",
                "url", "http://example.test:1/", "region_id", "RegionTwo"))).post("/v3/endpoints").then()
                .statusCode(201).body("endpoint.region_id", equalTo("RegionTwo"));
        as(admin).body(Map.of("endpoint", Map.of("service_id", serviceId, "interface", "sideways",
                "url", "http://example.test:1/"))).post("/v3/endpoints").then().statusCode(400);
        as(admin).body(Map.of("endpoint", Map.of("service_id", serviceId, "interface", "public",
                "url", "http://example.test:1/", "enabled", "False"))).post("/v3/endpoints").then().statusCode(400);
        as(admin).get("/v3/regions/RegionTwo").then().statusCode(200);
        as(admin).delete("/v3/services/" + serviceId).then().statusCode(204);
        as(admin).get("/v3/endpoints?service_id=" + serviceId).then().statusCode(200).body("endpoints.size()",
                equalTo(0));
    }
}
