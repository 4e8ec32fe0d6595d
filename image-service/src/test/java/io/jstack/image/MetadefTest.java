package io.jstack.image;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** The metadata definitions catalog: namespaces and what is in them. */
@QuarkusTest
class MetadefTest {

    private final Api admin = Api.admin();
    private final Api member = Api.member(Api.newProject());

    private String namespace(Map<String, Object> extra) {
        String name = "OS::Test::" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("namespace", name, "display_name", "Test",
                "visibility", "public"));
        body.putAll(extra);
        admin.given().contentType(ContentType.JSON).body(body).post("/v2/metadefs/namespaces").then().statusCode(201)
                .body("namespace", equalTo(name)).body("schema", equalTo("/v2/schemas/metadefs/namespace"));
        return name;
    }

    @Test
    void namespacesWithNestedDefinitions() {
        String ns = namespace(Map.of("protected", true,
                "resource_type_associations", List.of(Map.of("name", "OS::Glance::Image", "prefix", "hw_")),
                "properties", Map.of("cpu", Map.of("title", "CPU", "type", "integer", "minimum", 1)),
                "objects", List.of(Map.of("name", "Limits", "properties",
                        Map.of("max", Map.of("title", "Max", "type", "integer")))),
                "tags", List.of(Map.of("name", "fast"))));
        admin.given().get("/v2/metadefs/namespaces/" + ns).then().statusCode(200)
                .body("protected", equalTo(true)).body("properties.cpu.type", equalTo("integer"))
                .body("objects[0].name", equalTo("Limits")).body("tags[0].name", equalTo("fast"))
                .body("resource_type_associations[0].prefix", equalTo("hw_"));
        member.given().get("/v2/metadefs/namespaces").then().statusCode(200)
                .body("namespaces.namespace", hasItem(ns)).body("schema", equalTo("/v2/schemas/metadefs/namespaces"));
        member.given().get("/v2/metadefs/namespaces?resource_types=OS::Glance::Image").then()
                .body("namespaces.namespace", hasItem(ns));
        admin.given().delete("/v2/metadefs/namespaces/" + ns).then().statusCode(403);
        admin.given().contentType(ContentType.JSON).body(Map.of("namespace", ns, "protected", false))
                .put("/v2/metadefs/namespaces/" + ns).then().statusCode(200).body("protected", equalTo(false));
        admin.given().delete("/v2/metadefs/namespaces/" + ns).then().statusCode(204);
        admin.given().get("/v2/metadefs/namespaces/" + ns).then().statusCode(404);
    }

    @Test
    void membersReadPublicNamespacesOnlyAndChangeNothing() {
        String pub = namespace(Map.of());
        String priv = namespace(Map.of("visibility", "private"));
        member.given().get("/v2/metadefs/namespaces/" + pub).then().statusCode(200);
        member.given().get("/v2/metadefs/namespaces/" + priv).then().statusCode(404);
        member.given().get("/v2/metadefs/namespaces").then().body("namespaces.namespace", not(hasItem(priv)));
        member.given().contentType(ContentType.JSON).body(Map.of("namespace", "mine")).post("/v2/metadefs/namespaces")
                .then().statusCode(403);
        member.given().contentType(ContentType.JSON).body(Map.of("name", "t")).post("/v2/metadefs/namespaces/"
                + pub + "/objects").then().statusCode(403);
        admin.given().contentType(ContentType.JSON).body(Map.of("namespace", pub)).post("/v2/metadefs/namespaces")
                .then().statusCode(409);
        admin.given().contentType(ContentType.JSON).body(Map.of("display_name", "no name"))
                .post("/v2/metadefs/namespaces").then().statusCode(400);
    }

    @Test
    void objectsPropertiesAndTags() {
        String ns = namespace(Map.of());
        String base = "/v2/metadefs/namespaces/" + ns;
        admin.given().contentType(ContentType.JSON).body(Map.of("name", "obj", "description", "d"))
                .post(base + "/objects").then().statusCode(201).body("name", equalTo("obj"))
                .body("self", equalTo(base + "/objects/obj"));
        admin.given().contentType(ContentType.JSON).body(Map.of("name", "obj")).post(base + "/objects").then()
                .statusCode(409);
        admin.given().contentType(ContentType.JSON).body(Map.of("name", "obj2")).put(base + "/objects/obj").then()
                .statusCode(200).body("name", equalTo("obj2"));
        admin.given().get(base + "/objects").then().body("objects.name", equalTo(List.of("obj2")));
        admin.given().delete(base + "/objects/obj2").then().statusCode(204);
        admin.given().get(base + "/objects/obj2").then().statusCode(404);

        admin.given().contentType(ContentType.JSON).body(Map.of("name", "OS::Glance::Image", "title", "T",
                "type", "string", "enum", List.of("a", "b"))).post(base + "/properties").then().statusCode(201)
                .body("title", equalTo("T"));
        admin.given().get(base + "/properties/OS::Glance::Image").then().statusCode(200)
                .body("name", equalTo("OS::Glance::Image")).body("enum", equalTo(List.of("a", "b")));
        admin.given().contentType(ContentType.JSON).body(Map.of("name", "p", "type", "colour", "title", "x"))
                .post(base + "/properties").then().statusCode(400);
        admin.given().contentType(ContentType.JSON).body(Map.of("name", "OS::Glance::Image", "title", "U",
                "type", "string")).put(base + "/properties/OS::Glance::Image").then().statusCode(200)
                .body("title", equalTo("U"));
        admin.given().delete(base + "/properties/OS::Glance::Image").then().statusCode(204);
        admin.given().get(base + "/properties").then().body("properties.size()", equalTo(0));

        admin.given().contentType(ContentType.JSON).body(Map.of("tags", List.of(Map.of("name", "a"),
                Map.of("name", "b")))).post(base + "/tags").then().statusCode(201).body("tags.name", hasItems("a", "b"));
        admin.given().post(base + "/tags/c").then().statusCode(201).body("name", equalTo("c"));
        admin.given().post(base + "/tags/c").then().statusCode(409);
        admin.given().contentType(ContentType.JSON).body(Map.of("name", "d")).put(base + "/tags/c").then()
                .statusCode(200).body("name", equalTo("d"));
        admin.given().get(base + "/tags").then().body("tags.name", hasItems("a", "b", "d"));
        admin.given().delete(base + "/tags/d").then().statusCode(204);
        admin.given().delete(base + "/tags").then().statusCode(204);
        admin.given().get(base + "/tags").then().body("tags.size()", equalTo(0));
    }

    @Test
    void resourceTypes() {
        member.given().get("/v2/metadefs/resource_types").then().statusCode(200)
                .body("resource_types.name", hasItems("OS::Glance::Image", "OS::Nova::Flavor", "OS::Cinder::Volume"));
        String ns = namespace(Map.of());
        String base = "/v2/metadefs/namespaces/" + ns + "/resource_types";
        admin.given().contentType(ContentType.JSON).body(Map.of("name", "OS::Nova::Flavor", "prefix", "hw:"))
                .post(base).then().statusCode(201).body("name", equalTo("OS::Nova::Flavor"))
                .body("prefix", equalTo("hw:"));
        admin.given().contentType(ContentType.JSON).body(Map.of("name", "OS::Nova::Flavor")).post(base).then()
                .statusCode(409);
        admin.given().get(base).then().body("resource_type_associations.name", hasItem("OS::Nova::Flavor"));
        admin.given().delete(base + "/OS::Nova::Flavor").then().statusCode(204);
        admin.given().get(base).then().body("resource_type_associations.size()", equalTo(0));
        admin.given().delete(base + "/OS::Nova::Flavor").then().statusCode(404);
    }
}
