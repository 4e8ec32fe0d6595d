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

/** {@code /v3/policies}: opaque policy blobs, cloud admins only. */
@QuarkusTest
class PolicyApiTest {

    private String admin;

    @BeforeEach
    void login() {
        admin = Fixtures.adminToken();
    }

    @Test
    void createShowUpdateListDelete() {
        String type = Fixtures.unique("application/json");
        String id = as(admin).body(Map.of("policy", Map.of("blob", "{\"rule\": \"@\"}", "type", type, "team", "x")))
                .when().post("/v3/policies")
                .then().statusCode(201)
                .body("policy.blob", equalTo("{\"rule\": \"@\"}"))
                .body("policy.type", equalTo(type))
                .body("policy.team", equalTo("x"))
                .body("policy.links.self", containsString("/v3/policies/"))
                .extract().path("policy.id");

        as(admin).body(Map.of("policy", Map.of("type", type + "-2"))).when().patch("/v3/policies/" + id)
                .then().statusCode(200)
                .body("policy.type", equalTo(type + "-2"))
                .body("policy.blob", equalTo("{\"rule\": \"@\"}"));
        as(admin).when().get("/v3/policies/" + id).then().statusCode(200).body("policy.type", equalTo(type + "-2"));
        as(admin).when().get("/v3/policies").then().statusCode(200).body("policies.id", hasItem(id));
        as(admin).queryParam("type", type + "-2").when().get("/v3/policies")
                .then().statusCode(200).body("policies.id", hasItem(id));
        as(admin).queryParam("type", "other").when().get("/v3/policies")
                .then().statusCode(200).body("policies.id", not(hasItem(id)));

        as(admin).when().delete("/v3/policies/" + id).then().statusCode(204);
        as(admin).when().get("/v3/policies/" + id).then().statusCode(404).body("error.code", equalTo(404));
        as(admin).when().delete("/v3/policies/" + id).then().statusCode(404);
    }

    @Test
    void badInputIsA400NamingTheField() {
        as(admin).body(Map.of("policy", Map.of("type", "t"))).when().post("/v3/policies")
                .then().statusCode(400).body("error.message", containsString("'blob'"));
        as(admin).body(Map.of("policy", Map.of("blob", "b"))).when().post("/v3/policies")
                .then().statusCode(400).body("error.message", containsString("'type'"));
        as(admin).body(Map.of("policy", Map.of("blob", Map.of("a", 1), "type", "t"))).when().post("/v3/policies")
                .then().statusCode(400).body("error.message", containsString("'blob'"));
        as(admin).body(Map.of("policy", Map.of("blob", "b", "type", "t".repeat(256)))).when().post("/v3/policies")
                .then().statusCode(400).body("error.message", containsString("'type'"));
        as(admin).body(Map.of("other", Map.of())).when().post("/v3/policies")
                .then().statusCode(400).body("error.message", containsString("'policy'"));
    }

    @Test
    void onlyCloudAdminsManagePolicies() {
        Fixtures.Member m = Fixtures.member(admin);
        as(m.token()).when().get("/v3/policies").then().statusCode(403);
        as(m.token()).body(Map.of("policy", Map.of("blob", "b", "type", "t"))).when().post("/v3/policies")
                .then().statusCode(403);
    }
}
