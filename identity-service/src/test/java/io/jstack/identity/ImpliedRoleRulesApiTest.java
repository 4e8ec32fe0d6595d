package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Implied roles: the answer's shape, and which roles may imply which. */
@QuarkusTest
class ImpliedRoleRulesApiTest {

    private String admin;

    @BeforeEach
    void login() {
        admin = Fixtures.adminToken();
    }

    private String role(String domainId) {
        Map<String, Object> role = new java.util.HashMap<>(Map.of("name", Fixtures.unique("role")));
        if (domainId != null) {
            role.put("domain_id", domainId);
        }
        return as(admin).body(Map.of("role", role)).when().post("/v3/roles")
                .then().statusCode(201).extract().path("role.id");
    }

    private String domain() {
        return as(admin).body(Map.of("domain", Map.of("name", Fixtures.unique("domain"))))
                .when().post("/v3/domains")
                .then().statusCode(201).extract().path("domain.id");
    }

    @Test
    void createCheckShowDelete() {
        String prior = role(null);
        String implied = role(null);
        String rule = "/v3/roles/" + prior + "/implies/" + implied;
        as(admin).when().put(rule).then().statusCode(201)
                .body("role_inference.prior_role.id", equalTo(prior))
                .body("role_inference.implies.id", equalTo(implied))
                .body("role_inference.implies.name", notNullValue())
                .body("role_inference.implies.links.self", notNullValue());
        as(admin).when().head(rule).then().statusCode(204);
        as(admin).when().get(rule).then().statusCode(200)
                .body("role_inference.prior_role.id", equalTo(prior))
                .body("role_inference.implies.id", equalTo(implied));
        as(admin).when().delete(rule).then().statusCode(204);
        as(admin).when().get(rule).then().statusCode(404);
        as(admin).when().head(rule).then().statusCode(404);
    }

    @Test
    void aDomainRoleMayImplyAnyRoleButAGlobalRoleOnlyGlobalOnes() {
        String domain = domain();
        String domainRole1 = role(domain);
        String domainRole2 = role(domain);
        String otherDomainRole = role(domain());
        String global = role(null);
        as(admin).when().put("/v3/roles/" + domainRole1 + "/implies/" + domainRole2).then().statusCode(201);
        as(admin).when().put("/v3/roles/" + domainRole1 + "/implies/" + otherDomainRole).then().statusCode(201);
        as(admin).when().put("/v3/roles/" + domainRole1 + "/implies/" + global).then().statusCode(201);
        as(admin).when().put("/v3/roles/" + global + "/implies/" + domainRole1).then().statusCode(403);
    }

    @Test
    void noRoleMayImplyAdminNorItself() {
        String role = role(null);
        String adminRole = Fixtures.roleId(admin, "admin");
        as(admin).when().put("/v3/roles/" + role + "/implies/" + adminRole).then().statusCode(403);
        as(admin).when().put("/v3/roles/" + role + "/implies/" + role).then().statusCode(400);
        as(admin).when().put("/v3/roles/" + role + "/implies/no-such-role").then().statusCode(404);
    }
}
