package io.jstack.image;

import io.jstack.common.testing.fuzz.Callers;
import io.jstack.common.testing.fuzz.FaultShapes;
import io.jstack.common.testing.fuzz.Fuzzer;
import io.jstack.common.testing.fuzz.RouteTable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the image API, as every caller, with bad input of every kind: no server error, and every error
 * in Glance's fault shape. Runs on a database of its own (it deletes what it finds).
 */
@QuarkusTest
@TestProfile(IsolatedProfile.class)
class FuzzTest {

    private static final String ADMIN_PROJECT = "admin-project";

    @Test
    void badInputNeverAnswersAServerError() {
        String project = Api.newProject();
        Api member = Api.member(project);
        Api admin = Api.admin();
        // things for the fuzz to find: an active image with a tag and a member, a queued one, a namespace with
        // an object, a property, a tag and a resource type association
        String image = member.active(Api.bytes(1024), Map.of("tags", List.of("t1"), "visibility", "shared"));
        member.create();
        member.given().contentType(ContentType.JSON).body(Map.of("member", Api.newProject()))
                .post("/v2/images/" + image + "/members").then().statusCode(200);
        String ns = "fuzz-ns";
        admin.given().contentType(ContentType.JSON).body(Map.of("namespace", ns, "visibility", "public",
                        "resource_type_associations", List.of(Map.of("name", "OS::Glance::Image", "prefix", "hw_"))))
                .post("/v2/metadefs/namespaces").then().statusCode(201);
        String base = "/v2/metadefs/namespaces/" + ns;
        admin.given().contentType(ContentType.JSON).body(Map.of("name", "obj")).post(base + "/objects").then()
                .statusCode(201);
        admin.given().contentType(ContentType.JSON).body(Map.of("name", "cpu", "title", "CPU", "type", "integer"))
                .post(base + "/properties").then().statusCode(201);
        admin.given().post(base + "/tags/fast").then().statusCode(201);

        Fuzzer.Report report = Fuzzer.service("image").port(19292)
                .routes(RouteTable.scan("io.jstack.image.api"))
                .callers(Callers.testTokens(ADMIN_PROJECT, project))
                .faults(FaultShapes.glance())
                .hugeBody(200_000)
                .example("POST /v2/images", "{\"name\": \"n\", \"disk_format\": \"raw\", \"container_format\": "
                        + "\"bare\", \"visibility\": \"private\", \"tags\": [\"a\"], \"min_disk\": 1, \"min_ram\": 1, "
                        + "\"protected\": false, \"os_hidden\": false, \"id\": \"11111111-2222-3333-4444-"
                        + "555555555555\", \"hw_cpu_cores\": \"2\"}")
                .example("PATCH /v2/images/{id}", Api.PATCH, "[{\"op\": \"replace\", \"path\": \"/name\", "
                        + "\"value\": \"x\"}, {\"op\": \"add\", \"path\": \"/hw_x\", \"value\": \"y\"}, {\"op\": "
                        + "\"remove\", \"path\": \"/hw_x\"}, {\"op\": \"replace\", \"path\": \"/min_ram\", "
                        + "\"value\": 5}]")
                .example("POST /v2/images/{id}/members", "{\"member\": \"p2\"}")
                .example("PUT /v2/images/{id}/members/{member}", "{\"status\": \"accepted\"}")
                .example("POST /v2/images/{id}/import", "{\"method\": {\"name\": \"web-download\", \"uri\": "
                        + "\"http://127.0.0.1:19294/x\"}, \"stores\": [\"file\"], \"all_stores\": false}")
                .example("POST /v2/images/{id}/import", "{\"method\": {\"name\": \"glance-direct\"}}")
                .example("POST /v2/metadefs/namespaces", "{\"namespace\": \"n2\", \"display_name\": \"d\", "
                        + "\"visibility\": \"public\", \"protected\": false, \"properties\": {\"p\": {\"title\": "
                        + "\"t\", \"type\": \"string\"}}, \"objects\": [{\"name\": \"o\"}], \"tags\": [{\"name\": "
                        + "\"t\"}], \"resource_type_associations\": [{\"name\": \"OS::Nova::Flavor\"}]}")
                .example("POST /v2/metadefs/namespaces/{ns}/properties", "{\"name\": \"p\", \"title\": \"t\", "
                        + "\"type\": \"string\", \"enum\": [\"a\"], \"minimum\": 1, \"maxLength\": 5}")
                .example("POST /v2/metadefs/namespaces/{ns}/objects", "{\"name\": \"o2\", \"required\": [\"p\"], "
                        + "\"properties\": {\"p\": {\"title\": \"t\", \"type\": \"integer\"}}}")
                .example("POST /v2/metadefs/namespaces/{ns}/tags", "{\"tags\": [{\"name\": \"a\"}]}")
                .example("POST /v2/metadefs/namespaces/{ns}/resource_types", "{\"name\": \"OS::Cinder::Volume\", "
                        + "\"prefix\": \"p_\", \"properties_target\": \"image\"}")
                .run();
        System.out.println(report.details());
        assertTrue(report.clean(), report.details());
    }
}
