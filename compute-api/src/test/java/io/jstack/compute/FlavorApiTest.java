package io.jstack.compute;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class FlavorApiTest {

    static String name() {
        return "f-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void versionDocuments() {
        given().get("/").then().statusCode(200).body("versions[0].id", equalTo("v2.0"))
                .body("versions[1].id", equalTo("v2.1")).body("versions[1].min_version", equalTo("2.1"));
        given().get("/v2.1").then().statusCode(200).body("version.version", equalTo("2.96"))
                .header("OpenStack-API-Version", "compute 2.1");
        given().get("/v2.1/").then().statusCode(200).body("version.id", equalTo("v2.1"));
        given().get("/v2/").then().statusCode(200).body("version.id", equalTo("v2.0"));
    }

    @Test
    void createShowListDelete() {
        String n = name();
        String id = Nova.admin().body(Map.of("flavor", Map.of("name", n, "ram", 256, "vcpus", 1, "disk", 1)))
                .post("/v2.1/flavors").then().statusCode(200).body("flavor.name", equalTo(n))
                .body("flavor.swap", equalTo("")).extract().path("flavor.id");
        Nova.member().get("/v2.1/flavors/" + id).then().statusCode(200).body("flavor.ram", equalTo(256));
        Nova.member("2.75").get("/v2.1/flavors/" + id).then().statusCode(200).body("flavor.swap", equalTo(0))
                .body("flavor.extra_specs", notNullValue());
        Nova.member().get("/v2.1/flavors/detail").then().statusCode(200).body("flavors.id", hasItem(id));
        Nova.member().get("/v2.1/flavors/" + n).then().statusCode(404)
                .body("itemNotFound.code", equalTo(404));
        Nova.member().delete("/v2.1/flavors/" + id).then().statusCode(403).body("forbidden.code", equalTo(403));
        Nova.admin().delete("/v2.1/flavors/" + id).then().statusCode(202);
        Nova.member().get("/v2.1/flavors").then().statusCode(200).body("flavors.id", not(hasItem(id)));
    }
}
