package io.jstack.compute;

import io.jstack.common.testing.fuzz.Callers;
import io.jstack.common.testing.fuzz.FaultShapes;
import io.jstack.common.testing.fuzz.Fuzzer;
import io.jstack.common.testing.fuzz.RouteTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the compute API, as every caller, with bad input of every kind: no server error, and every
 * error in Nova's fault shape. Runs on a database of its own (it deletes what it finds).
 */
@QuarkusTest
@TestProfile(IsolatedProfile.class)
@QuarkusTestResource(FakeImages.class)
class FuzzTest {

    @Test
    void badInputNeverAnswersAServerError() {
        // things for the fuzz to find: a server with metadata and tags, a flavor with extra specs, a key pair,
        // a server group, an aggregate
        // (made here, not with Fixtures' cached ones: this profile's database starts empty)
        String flavor = Fixtures.flavor(Fixtures.uniqueName("fuzz"), 1, 128, 1);
        String server = Nova.member().body(Map.of("server", Map.of("name", "fuzz", "imageRef", FakeImages.ACTIVE,
                "flavorRef", flavor))).post("/v2.1/servers").then().statusCode(202).extract().path("server.id");
        Fixtures.waitFor(Nova.member(), server, "ACTIVE");
        Nova.member().body(Map.of("metadata", Map.of("k", "v"))).post("/v2.1/servers/" + server + "/metadata")
                .then().statusCode(200);
        Nova.member("2.26").put("/v2.1/servers/" + server + "/tags/t1").then().statusCode(201);
        Nova.admin().body(Map.of("extra_specs", Map.of("hw:cpu_policy", "shared")))
                .post("/v2.1/flavors/" + flavor + "/os-extra_specs").then().statusCode(200);
        Callers callers = Callers.testTokens(Nova.ADMIN_PROJECT, Nova.PROJECT);
        // key pairs are the user's own: made by the fuzz's member
        Nova.as(callers.member().token().get()).body(Map.of("keypair", Map.of("name", Fixtures.uniqueName("key"))))
                .post("/v2.1/os-keypairs").then().statusCode(200);
        Nova.member().body(Map.of("server_group", Map.of("name", "g", "policies", List.of("affinity"))))
                .post("/v2.1/os-server-groups").then().statusCode(200);
        Nova.admin().body(Map.of("aggregate", Map.of("name", Fixtures.uniqueName("agg"))))
                .post("/v2.1/os-aggregates").then().statusCode(200);

        List<String> versions = new ArrayList<>(IntStream.rangeClosed(1, 96).mapToObj(v -> "compute 2." + v).toList());
        versions.add("compute latest");
        Fuzzer.Report report = Fuzzer.service("compute-api").port(18774)
                .routes(RouteTable.scan("io.jstack.compute.api"))
                .callers(callers)
                .faults(FaultShapes.nova())
                .versions("OpenStack-API-Version", versions)
                .hint("tenant", Nova.PROJECT).hint("project", Nova.PROJECT).hint("host", FakeCloud.HOST)
                .hint("name", "default")
                .example("POST /v2.1/servers", "{\"server\": {\"name\": \"fz\", \"imageRef\": \"" + FakeImages.ACTIVE
                        + "\", \"flavorRef\": \"" + flavor + "\", \"min_count\": 1, \"max_count\": 2, "
                        + "\"metadata\": {\"a\": \"b\"}, \"networks\": \"none\", \"availability_zone\": \"nova\", "
                        + "\"key_name\": \"k\", \"user_data\": \"aGVsbG8=\", \"tags\": [\"x\"], "
                        + "\"block_device_mapping_v2\": [{\"boot_index\": 0, \"uuid\": \"" + FakeImages.ACTIVE
                        + "\", \"source_type\": \"image\", \"destination_type\": \"local\"}], "
                        + "\"security_groups\": [{\"name\": \"default\"}]}, "
                        + "\"os:scheduler_hints\": {\"group\": \"g\", \"same_host\": [\"x\"]}}")
                .example("POST /v2.1/servers/{id}/action", "{\"reboot\": {\"type\": \"HARD\"}}")
                .example("POST /v2.1/servers/{id}/action", "{\"os-getConsoleOutput\": {\"length\": 5}}")
                .example("POST /v2.1/servers/{id}/action", "{\"os-resetState\": {\"state\": \"active\"}}")
                .example("POST /v2.1/servers/{id}/action", "{\"lock\": {\"locked_reason\": \"r\"}}")
                .example("POST /v2.1/servers/{id}/action", "{\"addSecurityGroup\": {\"name\": \"default\"}}")
                .example("POST /v2.1/servers/{id}/action", "{\"os-stop\": null}")
                .example("PUT /v2.1/servers/{id}", "{\"server\": {\"name\": \"n\", \"description\": \"d\", "
                        + "\"accessIPv4\": \"1.2.3.4\", \"hostname\": \"h\"}}")
                .example("POST /v2.1/flavors", "{\"flavor\": {\"name\": \"f\", \"ram\": 64, \"vcpus\": 1, "
                        + "\"disk\": 1, \"id\": \"fz\", \"swap\": 0, \"OS-FLV-EXT-DATA:ephemeral\": 0, "
                        + "\"rxtx_factor\": 1.0, \"os-flavor-access:is_public\": true, \"description\": \"d\"}}")
                .example("POST /v2.1/flavors/{id}/action", "{\"addTenantAccess\": {\"tenant\": \"t\"}}")
                .example("POST /v2.1/flavors/{id}/os-extra_specs", "{\"extra_specs\": {\"a\": \"b\"}}")
                .example("PUT /v2.1/flavors/{id}/os-extra_specs/{key}", "{\"hw:cpu_policy\": \"dedicated\"}")
                .example("POST /v2.1/os-keypairs", "{\"keypair\": {\"name\": \"k2\", \"type\": \"ssh\", "
                        + "\"public_key\": \"ssh-rsa AAAA x\", \"user_id\": \"u\"}}")
                .example("POST /v2.1/os-server-groups", "{\"server_group\": {\"name\": \"g\", \"policy\": "
                        + "\"anti-affinity\", \"rules\": {\"max_server_per_host\": 2}}}")
                .example("POST /v2.1/os-aggregates", "{\"aggregate\": {\"name\": \"a\", \"availability_zone\": "
                        + "\"z\"}}")
                .example("POST /v2.1/os-aggregates/{id}/action", "{\"add_host\": {\"host\": \"h\"}}")
                .example("POST /v2.1/os-aggregates/{id}/action", "{\"set_metadata\": {\"metadata\": {\"k\": "
                        + "\"v\", \"availability_zone\": null}}}")
                .example("PUT /v2.1/os-quota-sets/{tenant}", "{\"quota_set\": {\"instances\": 5, \"cores\": 10, "
                        + "\"ram\": 1000, \"force\": true}}")
                .example("PUT /v2.1/os-quota-class-sets/{id}", "{\"quota_class_set\": {\"instances\": 5}}")
                .example("POST /v2.1/os-server-external-events", "{\"events\": [{\"name\": \"network-changed\", "
                        + "\"server_uuid\": \"" + server + "\", \"tag\": \"t\", \"status\": \"completed\"}]}")
                .example("PUT /v2.1/os-services/{id}", "{\"status\": \"disabled\", \"disabled_reason\": \"r\", "
                        + "\"forced_down\": false}")
                .example("POST /v2.1/servers/{id}/metadata", "{\"metadata\": {\"a\": \"b\"}}")
                .example("PUT /v2.1/servers/{id}/metadata", "{\"metadata\": {\"a\": \"b\"}}")
                .example("PUT /v2.1/servers/{id}/metadata/{key}", "{\"meta\": {\"k\": \"v\"}}")
                .example("PUT /v2.1/servers/{id}/tags", "{\"tags\": [\"a\", \"b\"]}")
                .run();
        System.out.println(report.details());
        assertTrue(report.clean(), report.details());
    }
}
