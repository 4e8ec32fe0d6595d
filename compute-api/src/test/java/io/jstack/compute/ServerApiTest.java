package io.jstack.compute;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(FakeImages.class)
class ServerApiTest {

    @Test
    void createBuildsAndShowsAnActiveServer() {
        String name = Fixtures.uniqueName("vm");
        Map<String, Object> server = Fixtures.serverBody(name);
        server.put("metadata", Map.of("role", "web"));
        Response created = Nova.member().body(Map.of("server", server)).post("/v2.1/servers");
        created.then().statusCode(202).body("server.adminPass", notNullValue())
                .body("server.links[0].rel", equalTo("self"))
                .body("server.'OS-DCF:diskConfig'", equalTo("MANUAL"))
                .body("server.security_groups[0].name", equalTo("default"));
        String id = created.path("server.id");
        Fixtures.waitFor(Nova.member(), id, "ACTIVE").then()
                .body("server.name", equalTo(name))
                .body("server.metadata.role", equalTo("web"))
                .body("server.tenant_id", equalTo(Nova.PROJECT))
                .body("server.user_id", equalTo(Nova.USER))
                .body("server.image.id", equalTo(FakeImages.ACTIVE))
                .body("server.flavor.id", equalTo(Fixtures.tinyFlavor()))
                .body("server.addresses.size()", equalTo(0))
                .body("server.'OS-EXT-STS:vm_state'", equalTo("active"))
                .body("server.'OS-EXT-STS:power_state'", equalTo(1))
                .body("server.hostId", not(equalTo("")))
                .body("$", not(hasKey("server.'OS-EXT-SRV-ATTR:host'")))
                .body("server", not(hasKey("locked")));
        // microversions add fields: locked (2.9), description (2.19), tags (2.26), embedded flavor (2.47)
        Nova.member("2.47").get("/v2.1/servers/" + id).then().statusCode(200)
                .body("server.locked", equalTo(false)).body("server.description", equalTo(name))
                .body("server.tags", hasSize(0)).body("server.flavor.original_name", notNullValue())
                .body("server.flavor.vcpus", equalTo(1)).body("server.flavor", not(hasKey("id")));
        Nova.member("2.96").get("/v2.1/servers/" + id).then().statusCode(200)
                .body("server.server_groups", hasSize(0)).body("server.locked_reason", nullValue())
                .body("server", hasKey("pinned_availability_zone"))
                .body("server.'OS-EXT-SRV-ATTR:hostname'", equalTo(name.toLowerCase()));
        // admins see the host attributes
        Nova.admin("2.3").get("/v2.1/servers/" + id).then().statusCode(200)
                .body("server.'OS-EXT-SRV-ATTR:host'", equalTo(FakeCloud.HOST))
                .body("server.'OS-EXT-SRV-ATTR:instance_name'", containsString("instance-"))
                .body("server.'OS-EXT-SRV-ATTR:launch_index'", equalTo(0));
        // another project does not see it
        Nova.other().get("/v2.1/servers/" + id).then().statusCode(404).body("itemNotFound.code", equalTo(404));
        Nova.member().get("/v2.1/servers/" + name).then().statusCode(404);
    }

    @Test
    void badRequestsAre4xxNever500() {
        String flavor = Fixtures.tinyFlavor();
        Map<String, Object> base = Fixtures.serverBody("bad");
        List<Map<String, Object>> bodies = List.of(
                with(base, "flavorRef", "no-such-flavor"),
                with(base, "imageRef", "not-a-uuid"),
                with(base, "imageRef", "8d2c1c3a-0000-4000-8000-000000000000"),
                with(base, "imageRef", FakeImages.QUEUED),
                with(base, "imageRef", FakeImages.BIG_RAM),
                with(base, "name", "x".repeat(256)),
                with(base, "name", ""),
                with(base, "name", " leading"),
                with(base, "metadata", Map.of("k", 1)),
                with(base, "metadata", "not-an-object"),
                with(base, "key_name", "no-such-key"),
                with(base, "min_count", 0),
                with(base, "min_count", 3, "max_count", 2),
                with(base, "availability_zone", "no-such-zone"),
                with(base, "user_data", "%%% not base64"),
                with(base, "unknown_field", 1),
                with(base, "networks", List.of(Map.of("uuid", "8d2c1c3a-0000-4000-8000-000000000000"))),
                with(base, "OS-DCF:diskConfig", "SOMETIMES"));
        for (Map<String, Object> body : bodies) {
            int status = Nova.member().body(Map.of("server", body)).post("/v2.1/servers").then()
                    .body("badRequest.code", equalTo(400)).extract().statusCode();
            assertEquals(400, status, "for " + body);
        }
        Nova.member().body(Map.of("server", Map.of("flavorRef", flavor))).post("/v2.1/servers").then()
                .statusCode(400);
        Nova.member().body("{not json").post("/v2.1/servers").then().statusCode(400);
        Nova.member().body(Map.of("nothing", 1)).post("/v2.1/servers").then().statusCode(400);
        Nova.member().body(Map.of("server", Map.of("name", "x"))).put("/v2.1/servers/not-a-uuid").then()
                .statusCode(404);
        Nova.member().get("/v2.1/servers/detail?limit=-1").then().statusCode(400);
        Nova.member().get("/v2.1/servers/detail?marker=8d2c1c3a-0000-4000-8000-000000000000").then()
                .statusCode(400);
        Nova.member("2.38").get("/v2.1/servers?status=NOPE").then().statusCode(400);
        Nova.member().get("/v2.1/servers?status=NOPE").then().statusCode(200).body("servers", hasSize(0));
        Nova.member().get("/v2.1/servers?name=[").then().statusCode(400);
        // a reader may look but not create
        Nova.reader().body(Map.of("server", base)).post("/v2.1/servers").then().statusCode(403);
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void serverThatNoHostTakesIsErrorWithFault() {
        String id = Fixtures.create(Nova.member(), Fixtures.uniqueName("novalidhost"));
        Fixtures.waitFor(Nova.member(), id, "ERROR").then()
                .body("server.fault.code", equalTo(500))
                .body("server.fault.message", containsString("No valid host"))
                .body("server.fault", not(hasKey("details")));
        Nova.admin().get("/v2.1/servers/" + id).then().body("server.fault.details", equalTo("fake scheduler"));
        // it can be deleted without any host
        Nova.member().delete("/v2.1/servers/" + id).then().statusCode(204);
        Nova.member().get("/v2.1/servers/" + id).then().statusCode(404);
    }

    @Test
    void listFiltersSortsAndPages() {
        String prefix = Fixtures.uniqueName("list");
        List<String> ids = new java.util.ArrayList<>();
        for (int n = 0; n < 3; n++) {
            ids.add(Fixtures.active(Nova.member(), prefix + "-" + n));
        }
        Nova.member().get("/v2.1/servers?name=" + prefix).then().statusCode(200).body("servers", hasSize(3))
                .body("servers[0]", hasKey("links")).body("servers[0]", not(hasKey("status")));
        Nova.member().get("/v2.1/servers/detail?name=" + prefix + "&sort_key=display_name&sort_dir=asc")
                .then().statusCode(200).body("servers.name", equalTo(List.of(prefix + "-0", prefix + "-1",
                        prefix + "-2")));
        Response page = Nova.member().get("/v2.1/servers/detail?name=" + prefix
                + "&sort_key=display_name&sort_dir=asc&limit=2");
        page.then().statusCode(200).body("servers", hasSize(2)).body("servers_links[0].rel", equalTo("next"));
        String marker = page.path("servers[1].id");
        Nova.member().get("/v2.1/servers/detail?name=" + prefix + "&sort_key=display_name&sort_dir=asc&limit=2"
                + "&marker=" + marker).then().statusCode(200).body("servers.name", equalTo(List.of(prefix + "-2")));
        Nova.member().get("/v2.1/servers?status=ACTIVE&name=" + prefix).then().body("servers", hasSize(3));
        Nova.member().get("/v2.1/servers?status=SHUTOFF&name=" + prefix).then().body("servers", hasSize(0));
        Nova.member().get("/v2.1/servers?flavor=" + Fixtures.tinyFlavor() + "&name=" + prefix).then()
                .body("servers", hasSize(3));
        Nova.member().get("/v2.1/servers?image=" + FakeImages.ACTIVE + "&name=" + prefix).then()
                .body("servers", hasSize(3));
        // another project sees none of them; admins with all_tenants see them
        Nova.other().get("/v2.1/servers?name=" + prefix).then().body("servers", hasSize(0));
        Nova.admin().get("/v2.1/servers?name=" + prefix).then().body("servers", hasSize(0));
        Nova.admin().get("/v2.1/servers?all_tenants=1&name=" + prefix).then().body("servers", hasSize(3));
        Nova.member().get("/v2.1/servers?all_tenants=1").then().statusCode(403);
        // deleted servers come back with changes-since
        Nova.member().delete("/v2.1/servers/" + ids.getFirst()).then().statusCode(204);
        Fixtures.waitFor(Nova.member(), ids.getFirst(), "DELETED");
        Nova.member().get("/v2.1/servers/detail?name=" + prefix).then().body("servers", hasSize(2));
        Nova.member().get("/v2.1/servers/detail?changes-since=2000-01-01T00:00:00Z&name=" + prefix).then()
                .body("servers", hasSize(3)).body("servers.status", hasItem("DELETED"));
        // tags (2.26)
        Nova.member("2.26").put("/v2.1/servers/" + ids.get(1) + "/tags/blue").then().statusCode(201);
        Nova.member("2.26").get("/v2.1/servers?tags=blue&name=" + prefix).then().body("servers", hasSize(1));
        Nova.member("2.26").get("/v2.1/servers?not-tags=blue&name=" + prefix).then().body("servers", hasSize(1));
    }

    @Test
    void updateMetadataAndTags() {
        String id = Fixtures.active(Nova.member(), Fixtures.uniqueName("meta"));
        Nova.member("2.19").body(Map.of("server", Map.of("name", "renamed", "description", "d"))).put(
                "/v2.1/servers/" + id).then().statusCode(200).body("server.name", equalTo("renamed"))
                .body("server.description", equalTo("d"));
        Nova.member().body(Map.of("server", Map.of("name", "x".repeat(256)))).put("/v2.1/servers/" + id).then()
                .statusCode(400);
        Nova.member().body(Map.of("metadata", Map.of("a", "1"))).post("/v2.1/servers/" + id + "/metadata").then()
                .statusCode(200).body("metadata.a", equalTo("1"));
        Nova.member().body(Map.of("metadata", Map.of("b", "2"))).post("/v2.1/servers/" + id + "/metadata").then()
                .body("metadata.a", equalTo("1")).body("metadata.b", equalTo("2"));
        Nova.member().body(Map.of("meta", Map.of("c", "3"))).put("/v2.1/servers/" + id + "/metadata/c").then()
                .statusCode(200).body("meta.c", equalTo("3"));
        Nova.member().body(Map.of("meta", Map.of("d", "3"))).put("/v2.1/servers/" + id + "/metadata/c").then()
                .statusCode(400);
        Nova.member().get("/v2.1/servers/" + id + "/metadata/c").then().statusCode(200);
        Nova.member().delete("/v2.1/servers/" + id + "/metadata/c").then().statusCode(204);
        Nova.member().get("/v2.1/servers/" + id + "/metadata/c").then().statusCode(404);
        Nova.member().body(Map.of("metadata", Map.of("only", "this"))).put("/v2.1/servers/" + id + "/metadata")
                .then().statusCode(200);
        Nova.member().get("/v2.1/servers/" + id + "/metadata").then().body("metadata", equalTo(Map.of("only",
                "this")));
        Nova.member().body(Map.of("metadata", Map.of("", "x"))).post("/v2.1/servers/" + id + "/metadata").then()
                .statusCode(400);
        Map<String, String> tooMany = new HashMap<>();
        for (int n = 0; n < 129; n++) {
            tooMany.put("k" + n, "v");
        }
        Nova.member().body(Map.of("metadata", tooMany)).put("/v2.1/servers/" + id + "/metadata").then()
                .statusCode(403);
        // tags
        Nova.member().get("/v2.1/servers/" + id + "/tags").then().statusCode(404);
        Nova.member("2.26").body(Map.of("tags", List.of("a", "b"))).put("/v2.1/servers/" + id + "/tags").then()
                .statusCode(200).body("tags", equalTo(List.of("a", "b")));
        Nova.member("2.26").get("/v2.1/servers/" + id + "/tags/a").then().statusCode(204);
        Nova.member("2.26").put("/v2.1/servers/" + id + "/tags/a").then().statusCode(204);
        Nova.member("2.26").delete("/v2.1/servers/" + id + "/tags/a").then().statusCode(204);
        Nova.member("2.26").get("/v2.1/servers/" + id + "/tags/a").then().statusCode(404);
        Nova.member("2.26").body(Map.of("tags", List.of("a/b"))).put("/v2.1/servers/" + id + "/tags").then()
                .statusCode(400);
        Nova.member("2.26").delete("/v2.1/servers/" + id + "/tags").then().statusCode(204);
        Nova.member("2.26").get("/v2.1/servers/" + id + "/tags").then().body("tags", hasSize(0));
    }

    @Test
    void accessAddressesAreCanonicalAndZeroLimitIsEmpty() {
        Map<String, Object> body = Fixtures.serverBody(Fixtures.uniqueName("ip"));
        body.put("accessIPv4", "10.1.2.3");
        body.put("accessIPv6", "0000:0000:0000:0000:0000:babe:220.12.22.2");
        String id = Nova.member().body(Map.of("server", body)).post("/v2.1/servers").then().statusCode(202)
                .extract().path("server.id");
        Nova.member().get("/v2.1/servers/" + id).then().body("server.accessIPv6", equalTo("::babe:dc0c:1602"))
                .body("server.accessIPv4", equalTo("10.1.2.3"));
        Nova.member().body(Map.of("server", Map.of("accessIPv6", "2001:db8:0:0:0:0:0:1"))).put("/v2.1/servers/"
                + id).then().statusCode(200).body("server.accessIPv6", equalTo("2001:db8::1"));
        Nova.member().body(Map.of("server", Map.of("accessIPv6", "not-an-address"))).put("/v2.1/servers/" + id)
                .then().statusCode(400);
        Nova.member().get("/v2.1/servers?limit=0").then().statusCode(200).body("servers", hasSize(0))
                .body("$", not(hasKey("servers_links")));
    }

    @Test
    void multipleCreateAndReservationId() {
        String name = Fixtures.uniqueName("multi");
        Map<String, Object> body = Fixtures.serverBody(name);
        body.put("min_count", 2);
        body.put("max_count", 3);
        body.put("return_reservation_id", true);
        String reservation = Nova.member().body(Map.of("server", body)).post("/v2.1/servers").then()
                .statusCode(202).body("reservation_id", notNullValue()).extract().path("reservation_id");
        Nova.member().get("/v2.1/servers/detail?reservation_id=" + reservation).then()
                .body("servers", hasSize(3)).body("servers.name", hasItem(name + "-1"));
    }

    @Test
    void deleteWhileBuildingLeavesNothingBehind() {
        FakeCloud.building = false;
        try {
            String id = Fixtures.create(Nova.member(), Fixtures.uniqueName("building"));
            Nova.member().get("/v2.1/servers/" + id).then().body("server.status", equalTo("BUILD"))
                    .body("server.'OS-EXT-STS:task_state'", equalTo("scheduling"));
            Nova.member().delete("/v2.1/servers/" + id).then().statusCode(204);
            Nova.member().get("/v2.1/servers/" + id).then().statusCode(404);
            Nova.member().get("/v2.1/servers/detail?deleted=true").then().statusCode(200);
        } finally {
            FakeCloud.building = true;
        }
    }

    @Test
    void deleteOnAHostGoesThroughItsAgent() {
        String id = Fixtures.active(Nova.member(), Fixtures.uniqueName("del"));
        Nova.member().delete("/v2.1/servers/" + id).then().statusCode(204);
        Fixtures.waitFor(Nova.member(), id, "DELETED");
        assertTrue(FakeCloud.TERMINATED.contains(id));
        Nova.admin("2.21").get("/v2.1/servers/" + id + "/os-instance-actions").then().statusCode(200)
                .body("instanceActions.action", hasItem("delete"));
    }
}
