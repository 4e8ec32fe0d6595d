package io.jstack.image;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
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

    /**
     * The shapes Glance serves, which clients parse: openstacksdk reads additionalProperties as an object (absent
     * from the minimal member and task schemas), glanceclient validates against these.
     */
    @Test
    void schemasAreShapedAsGlanceServesThem() {
        member.given().get("/v2/schemas/member").then().statusCode(200)
                .body("$", not(hasKey("additionalProperties"))).body("$", not(hasKey("links")))
                .body("properties.keySet()", containsInAnyOrder("member_id", "image_id", "created_at", "updated_at",
                        "status", "schema"))
                .body("properties.status.enum", contains("pending", "accepted", "rejected"))
                .body("properties.schema.readOnly", equalTo(true));
        member.given().get("/v2/schemas/members").then().statusCode(200)
                .body("links.rel", contains("describedby")).body("properties.keySet()",
                        containsInAnyOrder("members", "schema"))
                .body("properties.members.items", not(hasKey("additionalProperties")));
        member.given().get("/v2/schemas/task").then().statusCode(200)
                .body("$", not(hasKey("additionalProperties"))).body("$", not(hasKey("links")))
                .body("properties.type.enum", contains("import", "api_image_import", "location_import"))
                .body("properties.owner.type", equalTo("string"))
                .body("properties.input.type", contains("null", "object"));
        member.given().get("/v2/schemas/tasks").then().statusCode(200)
                .body("links.rel", contains("describedby"))
                .body("properties.tasks.items.properties", not(hasKey("input")))
                .body("properties.tasks.items.properties", not(hasKey("message")))
                .body("properties.tasks.items.properties", hasKey("status"));
        member.given().get("/v2/schemas/image").then().statusCode(200)
                .body("properties.cinder_encryption_key_deletion_policy.enum",
                        contains("on_image_deletion", "do_not_delete"))
                .body("properties.cinder_encryption_key_id.is_base", equalTo(false))
                .body("properties.kernel_id.type", contains("null", "string"))
                .body("properties.locations.items.properties.validation_data.required",
                        contains("os_hash_algo", "os_hash_value"))
                .body("properties.container_format.enum[0]", equalTo(null))
                .body("$", not(hasKey("required")));
        member.given().get("/v2/schemas/images").then().statusCode(200)
                .body("links.rel", contains("first", "next", "describedby"))
                .body("properties.images.items.additionalProperties.type", equalTo("string"));
        member.given().get("/v2/schemas/metadefs/namespace").then().statusCode(200)
                .body("additionalProperties", equalTo(false)).body("required", contains("namespace"))
                .body("$", not(hasKey("links")))
                .body("definitions.keySet()", containsInAnyOrder("positiveInteger", "positiveIntegerDefault0",
                        "stringArray", "property"))
                .body("definitions.property.additionalProperties.required", contains("title", "type"))
                .body("properties.properties.$ref", equalTo("#/definitions/property"));
        member.given().get("/v2/schemas/metadefs/namespaces").then().statusCode(200)
                .body("definitions.keySet()", hasItem("property"))
                .body("properties.namespaces.items", not(hasKey("definitions")));
        member.given().get("/v2/schemas/metadefs/property").then().statusCode(200)
                .body("required", contains("title", "type", "name"))
                .body("definitions.stringArray.minItems", equalTo(1))
                .body("properties.type.enum", hasItem(nullValue()))
                .body("properties.maxLength.$ref", equalTo("#/definitions/positiveInteger"));
        member.given().get("/v2/schemas/metadefs/properties").then().statusCode(200)
                .body("properties.properties.type", equalTo("object"))
                .body("properties.properties.additionalProperties.required", contains("title", "type"));
        member.given().get("/v2/schemas/metadefs/object").then().statusCode(200)
                .body("required", contains("name")).body("properties.name.maxLength", equalTo(80))
                .body("properties.required.$ref", equalTo("#/definitions/stringArray"));
        member.given().get("/v2/schemas/metadefs/tag").then().statusCode(200)
                .body("required", contains("name")).body("properties.name.maxLength", equalTo(80));
        member.given().get("/v2/schemas/metadefs/resource_type").then().statusCode(200)
                .body("required", contains("name")).body("additionalProperties", equalTo(false));
        member.given().get("/v2/schemas/metadefs/resource_types").then().statusCode(200)
                .body("name", equalTo("resource_type_associations"))
                .body("$", not(hasKey("definitions")));
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
