package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Domain-specific roles, as Keystone grants them: on any domain, on projects of their own domain only, and never
 * on the system.
 */
@QuarkusTest
class DomainRoleGrantApiTest {

    @Test
    void aDomainSpecificRoleIsGrantedOnDomainsAndOnlyOnItsOwnDomainsProjects() {
        String admin = Fixtures.adminToken();
        String domain = as(admin).body(Map.of("domain", Map.of("name", Fixtures.unique("d")))).post("/v3/domains")
                .then().statusCode(201).extract().path("domain.id");
        String role = as(admin).body(Map.of("role", Map.of("name", Fixtures.unique("dr"), "domain_id", domain)))
                .post("/v3/roles").then().statusCode(201).extract().path("role.id");
        String user = Fixtures.createUser(admin, Fixtures.unique("u"), "pw");
        // on its own domain and on another domain alike
        as(admin).put("/v3/domains/" + domain + "/users/" + user + "/roles/" + role).then().statusCode(204);
        as(admin).put("/v3/domains/default/users/" + user + "/roles/" + role).then().statusCode(204);
        as(admin).head("/v3/domains/default/users/" + user + "/roles/" + role).then().statusCode(204);
        // on a project of another domain: refused with Keystone's message
        String project = Fixtures.createProject(admin, Fixtures.unique("p"));
        as(admin).put("/v3/projects/" + project + "/users/" + user + "/roles/" + role).then().statusCode(403)
                .body("error.message", equalTo("Project " + project + " must be in the same domain as the role "
                        + role + " being assigned."));
        // on a project of its domain: fine
        String own = as(admin).body(Map.of("project", Map.of("name", Fixtures.unique("p"), "domain_id", domain)))
                .post("/v3/projects").then().statusCode(201).extract().path("project.id");
        as(admin).put("/v3/projects/" + own + "/users/" + user + "/roles/" + role).then().statusCode(204);
        // never on the system
        as(admin).put("/v3/system/users/" + user + "/roles/" + role).then().statusCode(400)
                .body("error.message", containsString("domain-specific role"));
    }
}
