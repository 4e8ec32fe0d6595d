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

    @Test
    void extraSpecsAndPrivateFlavorAccess() {
        String id = Nova.admin().body(Map.of("flavor", Map.of("name", name(), "ram", 512, "vcpus", 2, "disk", 5,
                        "os-flavor-access:is_public", false))).post("/v2.1/flavors").then().statusCode(200)
                .body("flavor.'os-flavor-access:is_public'", equalTo(false)).extract().path("flavor.id");
        // private: members do not see it until their project is given access
        Nova.member().get("/v2.1/flavors/" + id).then().statusCode(404);
        Nova.admin().get("/v2.1/flavors/" + id + "/os-flavor-access").then().statusCode(200)
                .body("flavor_access.size()", equalTo(0));
        Nova.admin().body(Map.of("addTenantAccess", Map.of("tenant", Nova.PROJECT))).post("/v2.1/flavors/" + id
                + "/action").then().statusCode(200).body("flavor_access[0].tenant_id", equalTo(Nova.PROJECT));
        Nova.admin().body(Map.of("addTenantAccess", Map.of("tenant", Nova.PROJECT))).post("/v2.1/flavors/" + id
                + "/action").then().statusCode(409);
        Nova.member().get("/v2.1/flavors/" + id).then().statusCode(200);
        Nova.member().get("/v2.1/flavors/detail").then().body("flavors.id", hasItem(id));
        Nova.other().get("/v2.1/flavors/detail").then().body("flavors.id", not(hasItem(id)));
        Nova.admin().body(Map.of("removeTenantAccess", Map.of("tenant", Nova.PROJECT))).post("/v2.1/flavors/" + id
                + "/action").then().statusCode(200);
        Nova.admin().body(Map.of("removeTenantAccess", Map.of("tenant", Nova.PROJECT))).post("/v2.1/flavors/" + id
                + "/action").then().statusCode(404);
        // extra specs
        Nova.admin().body(Map.of("extra_specs", Map.of("hw:cpu_policy", "dedicated", "foo", "1")))
                .post("/v2.1/flavors/" + id + "/os-extra_specs").then().statusCode(200)
                .body("extra_specs.foo", equalTo("1"));
        Nova.admin().get("/v2.1/flavors/" + id + "/os-extra_specs/foo").then().statusCode(200)
                .body("foo", equalTo("1"));
        Nova.admin().body(Map.of("foo", "2")).put("/v2.1/flavors/" + id + "/os-extra_specs/foo").then()
                .statusCode(200).body("foo", equalTo("2"));
        Nova.admin().body(Map.of("bar", "2")).put("/v2.1/flavors/" + id + "/os-extra_specs/foo").then()
                .statusCode(400);
        Nova.admin("2.86").body(Map.of("extra_specs", Map.of("hw:cpu_policy", "sometimes")))
                .post("/v2.1/flavors/" + id + "/os-extra_specs").then().statusCode(400);
        Nova.admin("2.86").body(Map.of("extra_specs", Map.of("custom:thing", "anything")))
                .post("/v2.1/flavors/" + id + "/os-extra_specs").then().statusCode(200);
        Nova.admin("2.61").get("/v2.1/flavors/" + id).then().body("flavor.extra_specs.foo", equalTo("2"));
        Nova.member().body(Map.of("extra_specs", Map.of("a", "b"))).post("/v2.1/flavors/" + id
                + "/os-extra_specs").then().statusCode(403);
        Nova.admin().delete("/v2.1/flavors/" + id + "/os-extra_specs/foo").then().statusCode(200);
        Nova.admin().delete("/v2.1/flavors/" + id + "/os-extra_specs/foo").then().statusCode(404);
        // a public flavor has no access list
        Nova.admin().get("/v2.1/flavors/" + Fixtures.tinyFlavor() + "/os-flavor-access").then().statusCode(404);
    }

    @Test
    void badFlavorsAre400AndDuplicates409() {
        String n = name();
        Nova.admin().body(Map.of("flavor", Map.of("name", n, "ram", 64, "vcpus", 1, "disk", 0, "id", "fid-" + n)))
                .post("/v2.1/flavors").then().statusCode(200).body("flavor.id", equalTo("fid-" + n));
        Nova.admin().body(Map.of("flavor", Map.of("name", n, "ram", 64, "vcpus", 1, "disk", 0)))
                .post("/v2.1/flavors").then().statusCode(409);
        Nova.admin().body(Map.of("flavor", Map.of("name", name(), "ram", 64, "vcpus", 1, "disk", 0, "id",
                "fid-" + n))).post("/v2.1/flavors").then().statusCode(409);
        for (Map<String, Object> bad : java.util.List.<Map<String, Object>>of(
                Map.of("name", "x".repeat(256), "ram", 64, "vcpus", 1, "disk", 0),
                Map.of("name", name(), "ram", 0, "vcpus", 1, "disk", 0),
                Map.of("name", name(), "ram", "lots", "vcpus", 1, "disk", 0),
                Map.of("name", name(), "ram", 64, "vcpus", -1, "disk", 0),
                Map.of("name", name(), "ram", 64, "vcpus", 1),
                Map.of("name", name(), "ram", 64, "vcpus", 1, "disk", 0, "id", " spaced "),
                Map.of("name", name(), "ram", 64, "vcpus", 1, "disk", 0, "rxtx_factor", 0),
                Map.of("name", name(), "ram", 64, "vcpus", 1, "disk", 0, "os-flavor-access:is_public", "maybe"),
                Map.of("name", name(), "ram", 64, "vcpus", 1, "disk", 0, "unexpected", 1))) {
            Nova.admin().body(Map.of("flavor", bad)).post("/v2.1/flavors").then().statusCode(400)
                    .body("badRequest.code", equalTo(400));
        }
        Nova.admin().get("/v2.1/flavors?minRam=abc").then().statusCode(400);
        Nova.admin().get("/v2.1/flavors?sort_key=nope").then().statusCode(400);
        Nova.admin().get("/v2.1/flavors?marker=nope").then().statusCode(400);
        Nova.admin("2.75").get("/v2.1/flavors?unknown=1").then().statusCode(400);
        Nova.admin().get("/v2.1/flavors?unknown=1").then().statusCode(200);
        Nova.admin().get("/v2.1/flavors/detail?minRam=100000000").then().statusCode(200)
                .body("flavors.size()", equalTo(0));
        Nova.admin("2.55").body(Map.of("flavor", Map.of("description", "small"))).put("/v2.1/flavors/fid-" + n)
                .then().statusCode(200).body("flavor.description", equalTo("small"));
        Nova.admin().body(Map.of("flavor", Map.of("description", "small"))).put("/v2.1/flavors/fid-" + n)
                .then().statusCode(405);
    }

    @Test
    void pagingHasNextLinks() {
        for (int i = 0; i < 3; i++) {
            Nova.admin().body(Map.of("flavor", Map.of("name", "page-" + name(), "ram", 64, "vcpus", 1, "disk", 0)))
                    .post("/v2.1/flavors").then().statusCode(200);
        }
        String next = Nova.admin().get("/v2.1/flavors?limit=2").then().statusCode(200)
                .body("flavors.size()", equalTo(2)).body("flavors_links[0].rel", equalTo("next"))
                .extract().path("flavors_links[0].href");
        String marker = next.substring(next.indexOf("marker=") + 7);
        Nova.admin().get("/v2.1/flavors?limit=2&marker=" + marker).then().statusCode(200)
                .body("flavors.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }
}
