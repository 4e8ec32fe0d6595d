package io.jstack.compute;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** os-services, os-hypervisors, availability zones, aggregates, server groups. */
@QuarkusTest
class AdminApiTest {

    @BeforeEach
    void hostIsUp() throws Throwable {
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(FakeCloud::report);
    }

    /**
     * The cloud admin is the admin role on the admin project: an admin of another project, or of a domain, is
     * refused every admin API, and sees only its own project's servers.
     */
    @Test
    void onlyTheAdminProjectsAdminIsTheCloudAdmin() {
        String projectAdmin = io.jstack.common.testing.TestTokens.token("padmin-" + Nova.PROJECT, Nova.PROJECT,
                "admin", "member", "reader");
        String domainAdmin = io.jstack.common.testing.TestTokens.domainToken("dadmin", "default", "admin", "member",
                "reader");
        for (String path : List.of("/v2.1/os-services", "/v2.1/os-hypervisors", "/v2.1/os-aggregates",
                "/v2.1/servers/detail?all_tenants=1", "/v2.1/os-availability-zone/detail")) {
            Nova.as(projectAdmin).get(path).then().statusCode(403).body("forbidden.message",
                    org.hamcrest.Matchers.startsWith("Policy doesn't allow os_compute_api:"));
            Nova.as(domainAdmin).get(path).then().statusCode(403);
            Nova.admin().get(path).then().statusCode(200);
        }
        Nova.as(projectAdmin).body(Map.of("flavor", Map.of("name", "escalated", "ram", 64, "vcpus", 1, "disk", 1)))
                .post("/v2.1/flavors").then().statusCode(403);
        // its own project's things it may manage, as a member
        Nova.as(projectAdmin).get("/v2.1/servers").then().statusCode(200);
    }

    @Test
    void servicesShowStateAndStatusAndTellTheScheduler() {
        Nova.admin().get("/v2.1/os-services?binary=nova-compute").then().statusCode(200)
                .body("services.host", hasItem(FakeCloud.HOST)).body("services[0].state", equalTo("up"))
                .body("services[0].zone", equalTo("nova")).body("services[0]", not(hasKey("forced_down")));
        Nova.member().get("/v2.1/os-services").then().statusCode(403);
        // the older actions by host and binary
        Nova.admin().body(Map.of("host", FakeCloud.HOST, "binary", "nova-compute", "disabled_reason", "maint"))
                .put("/v2.1/os-services/disable-log-reason").then().statusCode(200)
                .body("service.status", equalTo("disabled")).body("service.disabled_reason", equalTo("maint"));
        for (int n = 0; n < 100 && FakeCloud.HOST_STATUSES.stream().noneMatch(s -> s.host().equals(FakeCloud.HOST)
                && !s.enabled()); n++) {
            Fixtures.sleep(50);
        }
        assertTrue(FakeCloud.HOST_STATUSES.stream().anyMatch(s -> s.host().equals(FakeCloud.HOST) && !s.enabled()));
        Nova.admin().body(Map.of("host", FakeCloud.HOST, "binary", "nova-compute")).put(
                "/v2.1/os-services/enable").then().statusCode(200).body("service.status", equalTo("enabled"));
        Nova.admin().body(Map.of("host", "no-such-host", "binary", "nova-compute")).put(
                "/v2.1/os-services/enable").then().statusCode(404);
        Nova.admin().body(Map.of("host", FakeCloud.HOST, "binary", "nova-scheduler")).put(
                "/v2.1/os-services/enable").then().statusCode(400);
        // 2.53: by uuid
        Response list = Nova.admin("2.53").get("/v2.1/os-services?binary=nova-compute&host=" + FakeCloud.HOST);
        String id = list.path("services[0].id");
        Nova.admin("2.53").body(Map.of("status", "disabled", "disabled_reason", "test")).put("/v2.1/os-services/"
                + id).then().statusCode(200).body("service.status", equalTo("disabled"))
                .body("service.forced_down", equalTo(false)).body("service.id", equalTo(id));
        Nova.admin("2.53").body(Map.of("forced_down", true)).put("/v2.1/os-services/" + id).then().statusCode(200)
                .body("service.state", equalTo("down"));
        for (int n = 0; n < 100 && FakeCloud.HOST_STATUSES.stream().noneMatch(s -> s.host().equals(FakeCloud.HOST)
                && s.forcedDown()); n++) {
            Fixtures.sleep(50);
        }
        assertTrue(FakeCloud.HOST_STATUSES.stream().anyMatch(s -> s.host().equals(FakeCloud.HOST) && s.forcedDown()));
        Nova.admin("2.53").body(Map.of("status", "enabled", "forced_down", false)).put("/v2.1/os-services/" + id)
                .then().statusCode(200).body("service.state", equalTo("up"));
        Nova.admin("2.53").body(Map.of()).put("/v2.1/os-services/" + id).then().statusCode(400);
        Nova.admin("2.53").body(Map.of("status", "enabled")).put("/v2.1/os-services/not-a-uuid").then()
                .statusCode(400);
        Nova.admin("2.53").delete("/v2.1/os-services/8d2c1c3a-0000-4000-8000-000000000000").then().statusCode(404);
    }

    @Test
    void hypervisorsCountTheirInstances() {
        Fixtures.active(Nova.member(), Fixtures.uniqueName("hv"));
        Nova.admin().get("/v2.1/os-hypervisors").then().statusCode(200)
                .body("hypervisors.hypervisor_hostname", hasItem(FakeCloud.HOST));
        Response detail = Nova.admin().get("/v2.1/os-hypervisors/detail");
        detail.then().statusCode(200).body("hypervisors[0].hypervisor_type", equalTo("fake"))
                .body("hypervisors[0].vcpus", equalTo(64))
                .body("hypervisors[0].running_vms", greaterThanOrEqualTo(1))
                .body("hypervisors[0].service.host", equalTo(FakeCloud.HOST))
                .body("hypervisors[0].cpu_info", notNullValue());
        int id = detail.path("hypervisors[0].id");
        Nova.admin().get("/v2.1/os-hypervisors/" + id).then().statusCode(200)
                .body("hypervisor.state", equalTo("up"));
        Nova.admin().get("/v2.1/os-hypervisors/" + id + "/uptime").then().statusCode(200)
                .body("hypervisor.uptime", notNullValue());
        Nova.admin().get("/v2.1/os-hypervisors/statistics").then().statusCode(200)
                .body("hypervisor_statistics.count", greaterThanOrEqualTo(1));
        Nova.admin().get("/v2.1/os-hypervisors/" + FakeCloud.HOST + "/search").then().statusCode(200)
                .body("hypervisors", hasSize(1));
        Nova.admin().get("/v2.1/os-hypervisors/nothing-like-this/search").then().statusCode(404);
        Nova.admin().get("/v2.1/os-hypervisors/99999").then().statusCode(404);
        Nova.admin("2.53").get("/v2.1/os-hypervisors/detail?with_servers=true").then().statusCode(200)
                .body("hypervisors[0].id", matchesPattern("^[0-9a-f-]{36}$"))
                .body("hypervisors[0].servers.size()", greaterThanOrEqualTo(1));
        Nova.admin("2.53").get("/v2.1/os-hypervisors/123").then().statusCode(400);
        Nova.admin("2.88").get("/v2.1/os-hypervisors/detail").then().statusCode(200)
                .body("hypervisors[0]", not(hasKey("vcpus"))).body("hypervisors[0]", hasKey("uptime"));
        Nova.admin("2.88").get("/v2.1/os-hypervisors/statistics").then().statusCode(404);
        Nova.member().get("/v2.1/os-hypervisors/detail").then().statusCode(403);
    }

    @Test
    void aggregatesWithZonesAreSyncedToTheScheduler() {
        int before = FakeCloud.AGGREGATE_SYNCS.size();
        String name = Fixtures.uniqueName("agg");
        Response created = Nova.admin().body(Map.of("aggregate", Map.of("name", name, "availability_zone",
                "zone-" + name))).post("/v2.1/os-aggregates");
        created.then().statusCode(200).body("aggregate.availability_zone", equalTo("zone-" + name))
                .body("aggregate", not(hasKey("hosts")));
        int id = created.path("aggregate.id");
        Nova.admin().body(Map.of("aggregate", Map.of("name", name))).post("/v2.1/os-aggregates").then()
                .statusCode(409);
        Nova.admin().body(Map.of("aggregate", Map.of("name", ""))).post("/v2.1/os-aggregates").then()
                .statusCode(400);
        Nova.admin().body(Map.of("aggregate", Map.of("name", "x".repeat(256)))).post("/v2.1/os-aggregates").then()
                .statusCode(400);
        Map<String, Object> meta = new HashMap<>();
        meta.put("ssd", "true");
        Nova.admin().body(Map.of("set_metadata", Map.of("metadata", meta))).post("/v2.1/os-aggregates/" + id
                + "/action").then().statusCode(200).body("aggregate.metadata.ssd", equalTo("true"));
        Nova.admin().body(Map.of("add_host", Map.of("host", "no-such-host"))).post("/v2.1/os-aggregates/" + id
                + "/action").then().statusCode(404);
        Nova.admin().get("/v2.1/os-aggregates/abc").then().statusCode(400);
        Nova.admin().get("/v2.1/os-aggregates/999999").then().statusCode(404);
        Nova.admin("2.41").get("/v2.1/os-aggregates/" + id).then().statusCode(200)
                .body("aggregate.uuid", notNullValue());
        Nova.admin().body(Map.of("aggregate", Map.of("name", name + "-renamed"))).put("/v2.1/os-aggregates/" + id)
                .then().statusCode(200).body("aggregate.name", equalTo(name + "-renamed"));
        Nova.admin().get("/v2.1/os-aggregates").then().statusCode(200).body("aggregates.id", hasItem(id));
        Nova.member().get("/v2.1/os-aggregates").then().statusCode(403);
        Nova.admin().delete("/v2.1/os-aggregates/" + id).then().statusCode(200);
        // casts: the fake scheduler gets them shortly after the responses
        for (int n = 0; n < 100 && FakeCloud.AGGREGATE_SYNCS.size() < before + 4; n++) {
            Fixtures.sleep(50);
        }
        assertTrue(FakeCloud.AGGREGATE_SYNCS.size() >= before + 4, "aggregates were not synced");
    }

    private static Response aggregateAction(int id, String action, Map<String, Object> body) {
        return Nova.admin().body(Map.of(action, body)).post("/v2.1/os-aggregates/" + id + "/action");
    }

    /** Nova's zone rules (nova.compute.api.AggregateAPI): any zone name, but no zone change under instances. */
    @Test
    void aggregateZonesFollowNovasRules() {
        Fixtures.active(Nova.member(), Fixtures.uniqueName("az"));
        // the internal zone is a name like any other for an aggregate (openstack aggregate set --zone internal)
        int zoned = Nova.admin().body(Map.of("aggregate", Map.of("name", Fixtures.uniqueName("agg")))).post(
                "/v2.1/os-aggregates").then().statusCode(200).extract().path("aggregate.id");
        int plain = Nova.admin().body(Map.of("aggregate", Map.of("name", Fixtures.uniqueName("agg")))).post(
                "/v2.1/os-aggregates").then().statusCode(200).extract().path("aggregate.id");
        try {
            Nova.admin().body(Map.of("aggregate", Map.of("availability_zone", "internal"))).put(
                    "/v2.1/os-aggregates/" + zoned).then().statusCode(200)
                    .body("aggregate.availability_zone", equalTo("internal"));
            Nova.admin().body(Map.of("aggregate", Map.of("availability_zone", "a:b"))).put(
                    "/v2.1/os-aggregates/" + zoned).then().statusCode(400);
            // a host with instances may not join: its zone (none) would change under them
            aggregateAction(zoned, "add_host", Map.of("host", FakeCloud.HOST)).then().statusCode(409)
                    .body("conflictingRequest.message", containsString("would change from 'None' to 'internal'"));
            // joining an aggregate without a zone changes nothing
            aggregateAction(plain, "add_host", Map.of("host", FakeCloud.HOST)).then().statusCode(200)
                    .body("aggregate.hosts", hasItem(FakeCloud.HOST));
            // giving that aggregate a zone would move the instances: 400, by update and by metadata
            Nova.admin().body(Map.of("aggregate", Map.of("availability_zone", "elsewhere"))).put(
                    "/v2.1/os-aggregates/" + plain).then().statusCode(400)
                    .body("badRequest.message", containsString("One or more hosts contain instances in this zone"));
            aggregateAction(plain, "set_metadata", Map.of("metadata", Map.of("availability_zone", "elsewhere")))
                    .then().statusCode(400).body("badRequest.message", containsString("Cannot update metadata of "
                            + "aggregate " + plain));
            // an empty zone is refused as Nova refuses it
            Map<String, Object> none = new HashMap<>();
            none.put("availability_zone", null);
            Nova.admin().body(Map.of("aggregate", none)).put("/v2.1/os-aggregates/" + plain).then().statusCode(400)
                    .body("badRequest.message", containsString("does not support empty named availability zone"));
            // other metadata is fine
            aggregateAction(plain, "set_metadata", Map.of("metadata", Map.of("ssd", "true"))).then().statusCode(200);
        } finally {
            aggregateAction(plain, "remove_host", Map.of("host", FakeCloud.HOST));
            Nova.admin().delete("/v2.1/os-aggregates/" + plain).then().statusCode(200);
            Nova.admin().delete("/v2.1/os-aggregates/" + zoned).then().statusCode(200);
        }
    }

    @Test
    void availabilityZonesAndHostsInThem() {
        Nova.member().get("/v2.1/os-availability-zone").then().statusCode(200)
                .body("availabilityZoneInfo.zoneName", hasItem("nova"))
                .body("availabilityZoneInfo[0].hosts", equalTo(null));
        Nova.admin().get("/v2.1/os-availability-zone/detail").then().statusCode(200)
                .body("availabilityZoneInfo.find { it.zoneName == 'nova' }.hosts.'" + FakeCloud.HOST
                        + "'.'nova-compute'.available", equalTo(true));
        Nova.member().get("/v2.1/os-availability-zone/detail").then().statusCode(403);
    }

    @Test
    void serverGroupsHoldTheirMembers() {
        Response g = Nova.member().body(Map.of("server_group", Map.of("name", "g1", "policies",
                List.of("anti-affinity")))).post("/v2.1/os-server-groups");
        g.then().statusCode(200).body("server_group.policies", equalTo(List.of("anti-affinity")))
                .body("server_group.members", hasSize(0)).body("server_group.metadata.size()", equalTo(0));
        String id = g.path("server_group.id");
        Map<String, Object> body = Fixtures.serverBody(Fixtures.uniqueName("grouped"));
        String server = Nova.member().body(Map.of("server", body, "os:scheduler_hints", Map.of("group", id)))
                .post("/v2.1/servers").then().statusCode(202).extract().path("server.id");
        Nova.member().get("/v2.1/os-server-groups/" + id).then().statusCode(200)
                .body("server_group.members", equalTo(List.of(server)));
        Nova.member("2.64").body(Map.of("server_group", Map.of("name", "g2", "policy", "anti-affinity", "rules",
                Map.of("max_server_per_host", 2)))).post("/v2.1/os-server-groups").then().statusCode(200)
                .body("server_group.policy", equalTo("anti-affinity"))
                .body("server_group.rules.max_server_per_host", equalTo(2))
                .body("server_group", not(hasKey("policies")));
        Nova.member("2.64").body(Map.of("server_group", Map.of("name", "g3", "policy", "affinity", "rules",
                Map.of("max_server_per_host", 2)))).post("/v2.1/os-server-groups").then().statusCode(400);
        Nova.member().body(Map.of("server_group", Map.of("name", "g4", "policies", List.of("soft-affinity"))))
                .post("/v2.1/os-server-groups").then().statusCode(400);
        Nova.member("2.15").body(Map.of("server_group", Map.of("name", "g4", "policies",
                List.of("soft-affinity")))).post("/v2.1/os-server-groups").then().statusCode(200);
        Nova.member().get("/v2.1/os-server-groups").then().statusCode(200)
                .body("server_groups.id", hasItem(id));
        Nova.other().get("/v2.1/os-server-groups/" + id).then().statusCode(404);
        Map<String, Object> bad = Fixtures.serverBody("bad-group");
        Nova.member().body(Map.of("server", bad, "os:scheduler_hints", Map.of("group",
                "8d2c1c3a-0000-4000-8000-000000000000"))).post("/v2.1/servers").then().statusCode(400);
        Nova.member().delete("/v2.1/os-server-groups/" + id).then().statusCode(204);
        Nova.member().get("/v2.1/os-server-groups/" + id).then().statusCode(404);
    }

    @Test
    void emptyNetworkAndVolumeViews() {
        String id = Fixtures.active(Nova.member(), Fixtures.uniqueName("empty"));
        Nova.member().get("/v2.1/servers/" + id + "/ips").then().statusCode(200).body("addresses.size()",
                equalTo(0));
        Nova.member().get("/v2.1/servers/" + id + "/os-volume_attachments").then().statusCode(200)
                .body("volumeAttachments", hasSize(0));
        Nova.member().get("/v2.1/extensions").then().statusCode(200).body("extensions.name", hasItem("Hosts"));
        Nova.member().get("/v2.1/extensions/os-consoles").then().statusCode(200);
    }

    @Test
    void imagesProxyShowsTheImageServicesImages() {
        Nova.member().get("/v2.1/images/" + FakeImages.ACTIVE).then().statusCode(200)
                .body("image.status", equalTo("ACTIVE")).body("image.progress", equalTo(100))
                .body("image.metadata.hw_architecture", equalTo("x86_64"))
                .body("image.links.rel", hasItem("alternate"));
        Nova.member().get("/v2.1/images/detail?status=ACTIVE").then().statusCode(200)
                .body("images.id", hasItem(FakeImages.ACTIVE)).body("images.id", not(hasItem(FakeImages.QUEUED)));
        Nova.member().get("/v2.1/images?limit=1").then().statusCode(200).body("images", hasSize(1))
                .body("images_links[0].rel", equalTo("next"));
        Nova.member().get("/v2.1/images/8d2c1c3a-0000-4000-8000-000000000000").then().statusCode(404);
        Nova.member("2.36").get("/v2.1/images").then().statusCode(404);
    }

    /** A service that stopped reporting is "down" after the service down time (5 s in tests). */
    @Test
    void silentServicesAreDown() throws Throwable {
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache
                .withTransaction(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s ->
                        s.createNativeQuery("insert into services (uuid, host, service_binary, topic, report_count, "
                                + "last_seen_up, created_at) values (gen_random_uuid()::text, 'silent-host', "
                                + "'nova-compute', 'compute', 3, now() - interval '10 seconds', now()) on conflict "
                                + "(host, service_binary) do update set last_seen_up = now() - interval '10 seconds'")
                                .executeUpdate())));
        Nova.admin().get("/v2.1/os-services?host=silent-host").then().statusCode(200)
                .body("services[0].state", equalTo("down")).body("services[0].status", equalTo("enabled"));
        Nova.admin().get("/v2.1/os-services?host=" + FakeCloud.HOST).then().body("services[0].state",
                equalTo("up"));
    }
}
