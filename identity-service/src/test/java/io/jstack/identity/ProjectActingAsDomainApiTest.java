package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** {@code is_domain}: a project acting as a domain is a domain, shown by the projects API as a project. */
@QuarkusTest
class ProjectActingAsDomainApiTest {

    private String admin;

    @BeforeEach
    void login() {
        admin = Fixtures.adminToken();
    }

    @Test
    void createListUpdateAndDeleteThroughTheProjectsApi() {
        String name = Fixtures.unique("dom");
        Map<String, Object> project = new java.util.HashMap<>(Map.of("name", name, "is_domain", true,
                "description", "a domain"));
        project.put("domain_id", null);
        String id = as(admin).body(Map.of("project", project))
                .when().post("/v3/projects")
                .then().statusCode(201)
                .body("project.is_domain", equalTo(true))
                .body("project.domain_id", nullValue())
                .body("project.parent_id", nullValue())
                .body("project.name", equalTo(name))
                .extract().path("project.id");

        as(admin).queryParam("is_domain", "true").when().get("/v3/projects").then().statusCode(200)
                .body("projects.id", hasItem(id));
        as(admin).when().get("/v3/projects").then().statusCode(200).body("projects.id", not(hasItem(id)));
        as(admin).when().get("/v3/domains").then().statusCode(200).body("domains.id", hasItem(id));
        as(admin).when().get("/v3/domains/" + id).then().statusCode(200).body("domain.name", equalTo(name));
        as(admin).when().get("/v3/projects/" + id).then().statusCode(200).body("project.is_domain", equalTo(true));

        // projects can live in it
        as(admin).body(Map.of("project", Map.of("name", "inside", "domain_id", id))).when().post("/v3/projects")
                .then().statusCode(201).body("project.domain_id", equalTo(id));

        // as any domain, it must be disabled before it goes
        as(admin).when().delete("/v3/projects/" + id).then().statusCode(403);
        as(admin).body(Map.of("project", Map.of("enabled", false))).when().patch("/v3/projects/" + id)
                .then().statusCode(200).body("project.enabled", equalTo(false))
                .body("project.is_domain", equalTo(true));
        as(admin).when().get("/v3/domains/" + id).then().statusCode(200).body("domain.enabled", equalTo(false));
        as(admin).when().delete("/v3/projects/" + id).then().statusCode(204);
        as(admin).when().get("/v3/domains/" + id).then().statusCode(404);
        as(admin).when().get("/v3/projects/" + id).then().statusCode(404);
    }

    @Test
    void aProjectActingAsADomainHasNoDomainOrParentAndATakenNameConflicts() {
        as(admin).body(Map.of("project", Map.of("name", Fixtures.unique("dom"), "is_domain", true,
                        "domain_id", "default")))
                .when().post("/v3/projects")
                .then().statusCode(400).body("error.message", containsString("'domain_id'"));
        as(admin).body(Map.of("project", Map.of("name", Fixtures.unique("dom"), "is_domain", true,
                        "parent_id", "default")))
                .when().post("/v3/projects")
                .then().statusCode(400).body("error.message", containsString("'parent_id'"));
        as(admin).body(Map.of("project", Map.of("name", "x", "is_domain", "true")))
                .when().post("/v3/projects")
                .then().statusCode(400).body("error.message", containsString("'is_domain'"));
        as(admin).body(Map.of("project", Map.of("name", "Default", "is_domain", true)))
                .when().post("/v3/projects")
                .then().statusCode(409);
        as(admin).body(Map.of("project", Map.of("is_domain", false))).when().patch("/v3/projects/default")
                .then().statusCode(400);
    }

    @Test
    void onlyCloudAdminsCreateThem() {
        Fixtures.Member m = Fixtures.member(admin);
        as(m.token()).body(Map.of("project", Map.of("name", Fixtures.unique("dom"), "is_domain", true)))
                .when().post("/v3/projects")
                .then().statusCode(403);
    }
}
