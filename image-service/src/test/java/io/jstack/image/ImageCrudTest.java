package io.jstack.image;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.jstack.image.Api.op;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creating, showing, patching and deleting image records, with Glance's answers to bad requests. */
@QuarkusTest
class ImageCrudTest {

    private final String project = Api.newProject();
    private final Api member = Api.member(project);

    @Test
    void createTakesGlancesDefaultsAndCustomPropertiesAtTheTopLevel() {
        member.given().contentType(ContentType.JSON).body(Map.of("name", "cirros", "k", "v",
                        "owner_specified.openstack.md5", ""))
                .post("/v2/images").then().statusCode(201)
                .header("Location", containsString("/v2/images/"))
                .header("OpenStack-image-import-methods", containsString("glance-direct"))
                .header("OpenStack-image-store-ids", equalTo("file"))
                .body("name", equalTo("cirros")).body("status", equalTo("queued"))
                .body("visibility", equalTo("shared")).body("protected", equalTo(false))
                .body("os_hidden", equalTo(false)).body("min_ram", equalTo(0)).body("min_disk", equalTo(0))
                .body("owner", equalTo(project)).body("size", nullValue()).body("checksum", nullValue())
                .body("disk_format", nullValue()).body("tags.size()", equalTo(0))
                .body("k", equalTo("v")).body("'owner_specified.openstack.md5'", equalTo(""))
                .body("schema", equalTo("/v2/schemas/image"))
                .body("created_at", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    }

    @Test
    void aGivenIdIsUsedOnceEvenAfterDeletion() {
        String id = UUID.randomUUID().toString();
        String created = member.create(Map.of("id", id, "tags", List.of("a", "b", "a")));
        assertTrue(created.equals(id));
        member.show(id).then().statusCode(200).body("tags", equalTo(List.of("a", "b")));
        member.given().contentType(ContentType.JSON).body(Map.of("id", id)).post("/v2/images").then().statusCode(409);
        member.given().delete("/v2/images/" + id).then().statusCode(204);
        member.show(id).then().statusCode(404);
        member.given().delete("/v2/images/" + id).then().statusCode(404);
        member.given().contentType(ContentType.JSON).body(Map.of("id", id)).post("/v2/images").then().statusCode(409);
        member.given().contentType(ContentType.JSON).body(Map.of("id", "not-a-uuid")).post("/v2/images").then()
                .statusCode(400);
    }

    @Test
    void badValuesAre400AndComputedOrReservedAttributesAre403() {
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("disk_format", "wrong"),
                Map.<String, Object>of("container_format", "wrong"), Map.<String, Object>of("visibility", "everyone"),
                Map.<String, Object>of("min_ram", -1), Map.<String, Object>of("min_disk", "1"),
                Map.<String, Object>of("protected", "yes"), Map.<String, Object>of("name", "x".repeat(256)),
                Map.<String, Object>of("custom", 5), Map.<String, Object>of("tags", "a"),
                Map.<String, Object>of("kernel_id", "not-a-uuid"))) {
            member.given().contentType(ContentType.JSON).body(bad).post("/v2/images").then().statusCode(400)
                    .body("message", containsString(bad.keySet().iterator().next()));
        }
        for (String readOnly : List.of("status", "checksum", "size", "self", "file", "schema", "os_hash_value",
                "created_at", "location", "deleted", "os_glance_foo")) {
            member.given().contentType(ContentType.JSON).body(Map.of(readOnly, "x")).post("/v2/images").then()
                    .statusCode(403);
        }
        member.given().contentType(ContentType.JSON).body("{not json").post("/v2/images").then().statusCode(400);
        member.given().contentType(ContentType.JSON).body("[]").post("/v2/images").then().statusCode(400);
    }

    @Test
    void unknownIdsAndNamesAre404() {
        member.show(UUID.randomUUID().toString()).then().statusCode(404).body("code", equalTo("404 Not Found"));
        member.show("cirros").then().statusCode(404);
        member.given().get("/v2/images/").then().statusCode(404);
        member.given().delete("/v2/images/").then().statusCode(404);
        member.patch(UUID.randomUUID().toString(), List.of(op("replace", "/name", "x"))).then().statusCode(404);
    }

    @Test
    void jsonPatchOnBaseAndCustomProperties() {
        String id = member.create(Map.of("a", "1", "b", "2"));
        member.patch(id, List.of(op("replace", "/name", "renamed"), op("add", "/c", "3"), op("replace", "/a", "one"),
                        op("remove", "/b"), op("add", "/min_ram", 512), op("add", "/tags", List.of("x", "y")),
                        op("replace", "/protected", true), op("add", "/os_hidden", true)))
                .then().statusCode(200)
                .body("name", equalTo("renamed")).body("a", equalTo("one")).body("c", equalTo("3"))
                .body("$", not(hasKey("b"))).body("min_ram", equalTo(512)).body("tags", equalTo(List.of("x", "y")))
                .body("protected", equalTo(true)).body("os_hidden", equalTo(true));
        member.show(id).then().body("name", equalTo("renamed")).body("c", equalTo("3")).body("$", not(hasKey("b")));

        // add on an existing property replaces with 2.1, conflicts with the 2.0 media type
        member.patch(id, List.of(op("add", "/c", "4"))).then().statusCode(200).body("c", equalTo("4"));
        member.given().contentType("application/openstack-images-v2.0-json-patch")
                .body(List.of(Map.of("add", "/c", "value", "5"))).patch("/v2/images/" + id).then().statusCode(409);
        member.given().contentType("application/openstack-images-v2.0-json-patch")
                .body(List.of(Map.of("add", "/d", "value", "5"))).patch("/v2/images/" + id).then().statusCode(200)
                .body("d", equalTo("5"));
        member.patch(id, List.of(op("replace", "/missing", "x"))).then().statusCode(409);
        member.patch(id, List.of(op("remove", "/missing", null))).then().statusCode(409);
        member.patch(id, List.of(op("remove", "/name", null))).then().statusCode(403);
        member.given().delete("/v2/images/" + id).then().statusCode(403);
        member.patch(id, List.of(op("replace", "/protected", false))).then().statusCode(200);
        member.given().delete("/v2/images/" + id).then().statusCode(204);
    }

    @Test
    void badPatchesAre400ReadOnlyTargets403AndOtherMediaTypes415() {
        String id = member.create();
        member.given().contentType(ContentType.JSON).body(List.of(op("replace", "/name", "x")))
                .patch("/v2/images/" + id).then().statusCode(415)
                .header("Accept-Patch", containsString("application/openstack-images-v2.1-json-patch"));
        for (Object bad : List.of(Map.of("op", "replace", "path", "/name", "value", "x"), List.of("x"),
                List.of(Map.of("path", "/name", "value", "x")), List.of(Map.of("op", "move", "path", "/name")),
                List.of(Map.of("op", "add", "path", "/name")), List.of(Map.of("op", "add", "path", "name", "value", "x")),
                List.of(Map.of("op", "add", "path", "/a/b", "value", "x")),
                List.of(op("replace", "/min_ram", "lots")), List.of(op("add", "/custom", 1)),
                List.of(op("replace", "/visibility", "everyone")), List.of(op("replace", "/disk_format", "floppy")))) {
            member.given().contentType(Api.PATCH).body(bad).patch("/v2/images/" + id).then().statusCode(400);
        }
        member.given().contentType(Api.PATCH).body("{broken").patch("/v2/images/" + id).then().statusCode(400);
        for (String path : List.of("/status", "/checksum", "/size", "/id", "/created_at", "/os_hash_value",
                "/os_glance_foo", "/deleted")) {
            member.patch(id, List.of(op("replace", path, "x"))).then().statusCode(403);
        }
        member.patch(id, List.of(op("add", "/locations/-", Map.of("url", "http://x", "metadata", Map.of()))))
                .then().statusCode(403);
        member.show(id).then().body("status", equalTo("queued"));
    }

    @Test
    void formatsChangeOnlyWhileQueuedAndOnlyAdminsChangeOwners() {
        String id = member.active(Api.bytes(100), Map.of());
        member.patch(id, List.of(op("replace", "/disk_format", "qcow2"))).then().statusCode(403);
        member.patch(id, List.of(op("replace", "/owner", "someone-else"))).then().statusCode(403);
        Api.admin().patch(id, List.of(op("replace", "/owner", "someone-else"))).then().statusCode(200)
                .body("owner", equalTo("someone-else"));
        member.show(id).then().statusCode(404);
    }

    @Test
    void othersNeitherSeeNorChangeWhatIsNotTheirs() {
        String id = member.create(Map.of("visibility", "private"));
        Api other = Api.member(Api.newProject());
        other.show(id).then().statusCode(404);
        other.patch(id, List.of(op("replace", "/name", "x"))).then().statusCode(404);
        other.given().delete("/v2/images/" + id).then().statusCode(404);

        String community = member.create(Map.of("visibility", "community"));
        other.show(community).then().statusCode(200);
        other.patch(community, List.of(op("replace", "/name", "x"))).then().statusCode(403);
        other.given().delete("/v2/images/" + community).then().statusCode(403);
        Api.admin().show(id).then().statusCode(200);
    }

    @Test
    void publicizingNeedsAdmin() {
        member.given().contentType(ContentType.JSON).body(Map.of("visibility", "public")).post("/v2/images").then()
                .statusCode(403);
        String id = member.create();
        member.patch(id, List.of(op("replace", "/visibility", "public"))).then().statusCode(403);
        // an admin of another project, or of a domain, is no image admin: only the admin project's is
        new Api("padmin", Api.newProject(), new String[]{"admin", "member", "reader"}).patch(id,
                List.of(op("replace", "/visibility", "public"))).then().statusCode(404);
        io.restassured.RestAssured.given().header("X-Auth-Token", io.jstack.common.testing.TestTokens.domainToken(
                        "dadmin", "default", "admin", "member", "reader")).get("/v2/images/" + id).then()
                .statusCode(404);
        Api.admin().patch(id, List.of(op("replace", "/visibility", "public"))).then().statusCode(200)
                .body("visibility", equalTo("public"));
        member.patch(id, List.of(op("replace", "/visibility", "community"))).then().statusCode(200);
    }

    @Test
    void readersReadButDoNotWriteAndMembersCreateOnlyForTheirProject() {
        String id = member.create();
        Api reader = Api.reader(project);
        reader.show(id).then().statusCode(200);
        reader.given().get("/v2/images").then().statusCode(200);
        reader.given().contentType(ContentType.JSON).body(Map.of()).post("/v2/images").then().statusCode(403);
        reader.patch(id, List.of(op("replace", "/name", "x"))).then().statusCode(403);
        reader.given().delete("/v2/images/" + id).then().statusCode(403);
        member.given().contentType(ContentType.JSON).body(Map.of("owner", "another-project")).post("/v2/images")
                .then().statusCode(403);
        Api.admin().given().contentType(ContentType.JSON).body(Map.of("owner", "another-project")).post("/v2/images")
                .then().statusCode(201).body("owner", equalTo("another-project"));
        new Api("nobody", project, new String[]{}).show(id).then().statusCode(404);
    }

    @Test
    void deletingRemovesTheData() {
        String id = member.active(Api.bytes(5000), Map.of());
        Path file = Path.of("target/test-images").resolve(id);
        assertTrue(Files.exists(file));
        member.given().delete("/v2/images/" + id).then().statusCode(204);
        assertFalse(Files.exists(file));
        member.given().get("/v2/images/" + id + "/file").then().statusCode(404);
    }

    @Test
    void jsonBodiesAreHeldToTheirLimit() {
        String big = "{\"name\": \"" + "x".repeat(200_000) + "\"}";
        member.given().contentType(ContentType.JSON).body(big).post("/v2/images").then().statusCode(413);
        // chunked: no Content-Length to refuse it by
        member.given().contentType(ContentType.JSON)
                .body(new java.io.ByteArrayInputStream(big.getBytes())).post("/v2/images").then().statusCode(413);
    }
}
