package io.jstack.image;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Version documents, schemas, info endpoints, and the error shape. */
@QuarkusTest
class DiscoveryTest {

    private final Api member = Api.member(Api.newProject());

    @Test
    void versionsAtTheRootAndUnderV2() {
        RestAssured.given().get("/").then().statusCode(300)
                .body("versions.find { it.status == 'CURRENT' }.id", startsWith("v2."))
                .body("versions.links.flatten().href", everyItem(endsWith("/v2/")))
                .body("versions.id", hasItems("v2.0", "v2.12", "v2.16"));
        RestAssured.given().get("/v2").then().statusCode(200).body("versions.size()", equalTo(16));
        RestAssured.given().get("/versions").then().statusCode(300);
    }

    @Test
    void everyResponseCarriesARequestIdAndErrorsUseGlancesShape() {
        RestAssured.given().get("/v2/images").then().statusCode(401)
                .header("x-openstack-request-id", startsWith("req-"))
                .body("code", equalTo("401 Unauthorized")).body("title", equalTo("Unauthorized"))
                .body("message", notNullValue());
        member.given().get("/v2/nothing-here").then().statusCode(404).body("code", equalTo("404 Not Found"));
        member.given().delete("/v2/schemas/image").then().statusCode(405);
    }

    @Test
    void schemas() {
        member.given().get("/v2/schemas/image").then().statusCode(200)
                .body("name", equalTo("image"))
                .body("additionalProperties.type", equalTo("string"))
                .body("properties.disk_format.enum", hasItems("qcow2", "raw", "iso"))
                .body("properties.container_format.enum", hasItems("bare", "ovf"))
                .body("properties.status.readOnly", equalTo(true))
                .body("links.rel", hasItems("self", "enclosure", "describedby"));
        member.given().get("/v2/schemas/images").then().statusCode(200).body("name", equalTo("images"))
                .body("properties.images.items.name", equalTo("image"));
        for (var e : Map.of("member", "member", "members", "members", "task", "task", "tasks", "tasks",
                "metadefs/namespace", "namespace", "metadefs/namespaces", "namespaces",
                "metadefs/resource_type", "resource_type_association",
                "metadefs/resource_types", "resource_type_associations", "metadefs/object", "object",
                "metadefs/objects", "objects").entrySet()) {
            member.given().get("/v2/schemas/" + e.getKey()).then().statusCode(200).body("name", equalTo(e.getValue()));
        }
        for (String s : List.of("metadefs/property", "metadefs/properties", "metadefs/tag", "metadefs/tags")) {
            member.given().get("/v2/schemas/" + s).then().statusCode(200).body("name",
                    equalTo(s.substring("metadefs/".length())));
        }
        member.given().get("/v2/schemas/nope").then().statusCode(404);
    }

    @Test
    void info() {
        member.given().get("/v2/info/import").then().statusCode(200)
                .body("import-methods.value", hasItems("glance-direct", "web-download"));
        member.given().get("/v2/info/stores").then().statusCode(200)
                .body("stores.id", hasItem("file")).body("stores[0].default", equalTo("true"));
        member.given().get("/v2/info/stores/detail").then().statusCode(403);
        Api.admin().given().get("/v2/info/stores/detail").then().statusCode(200).body("stores[0].type",
                equalTo("file"));
        Api quota = Api.member("quota-project");
        quota.given().get("/v2/info/usage").then().statusCode(200)
                .body("usage.image_count_total.limit", equalTo(10));
    }
}
