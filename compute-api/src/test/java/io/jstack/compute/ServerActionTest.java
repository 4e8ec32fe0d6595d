package io.jstack.compute;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ServerActionTest {

    private static Response act(io.restassured.specification.RequestSpecification as, String id, Object body) {
        return as.body(body).post("/v2.1/servers/" + id + "/action");
    }

    private static Map<String, Object> action(String name) {
        Map<String, Object> m = new HashMap<>();
        m.put(name, null);
        return m;
    }

    @Test
    void lifecycleFollowsNovasStateRules() {
        String id = Fixtures.active(Nova.member(), Fixtures.uniqueName("life"));
        // an ACTIVE server cannot be started, unpaused or resumed
        act(Nova.member(), id, action("os-start")).then().statusCode(409)
                .body("conflictingRequest.message", containsString("Cannot 'start' instance " + id
                        + " while it is in vm_state active"));
        act(Nova.member(), id, action("unpause")).then().statusCode(409);
        act(Nova.member(), id, action("resume")).then().statusCode(409);

        act(Nova.member(), id, action("os-stop")).then().statusCode(202);
        Nova.member().get("/v2.1/servers/" + id).then().body("server.'OS-EXT-STS:task_state'",
                equalTo("powering-off"));
        // while powering off, another action conflicts on the task state
        act(Nova.member(), id, action("os-stop")).then().statusCode(409).body("conflictingRequest.message",
                containsString("task_state powering-off"));
        Fixtures.waitFor(Nova.member(), id, "SHUTOFF");
        act(Nova.member(), id, action("pause")).then().statusCode(409);
        act(Nova.member(), id, Map.of("reboot", Map.of("type", "SOFT"))).then().statusCode(409);
        act(Nova.member(), id, action("os-start")).then().statusCode(202);
        Fixtures.waitFor(Nova.member(), id, "ACTIVE");

        act(Nova.member(), id, Map.of("reboot", Map.of("type", "SOFT"))).then().statusCode(202);
        Nova.member().get("/v2.1/servers/" + id).then().body("server.status", equalTo("REBOOT"));
        Fixtures.settled(Nova.member(), id);
        act(Nova.member(), id, Map.of("reboot", Map.of("type", "HARD"))).then().statusCode(202);
        Nova.member().get("/v2.1/servers/" + id).then().body("server.status", equalTo("HARD_REBOOT"));
        Fixtures.settled(Nova.member(), id);
        act(Nova.member(), id, Map.of("reboot", Map.of("type", "GENTLE"))).then().statusCode(400);
        act(Nova.member(), id, Map.of("reboot", Map.of())).then().statusCode(400);

        act(Nova.member(), id, action("pause")).then().statusCode(202);
        Fixtures.waitFor(Nova.member(), id, "PAUSED");
        act(Nova.member(), id, action("suspend")).then().statusCode(409);
        act(Nova.member(), id, action("unpause")).then().statusCode(202);
        Fixtures.waitFor(Nova.member(), id, "ACTIVE");
        Fixtures.settled(Nova.member(), id);
        act(Nova.member(), id, action("suspend")).then().statusCode(202);
        Fixtures.waitFor(Nova.member(), id, "SUSPENDED");
        act(Nova.member(), id, action("resume")).then().statusCode(202);
        Fixtures.waitFor(Nova.member(), id, "ACTIVE");
        Fixtures.settled(Nova.member(), id);

        act(Nova.member(), id, Map.of("os-getConsoleOutput", Map.of())).then().statusCode(200)
                .body("output", containsString("line 1"));
        // Nova counts the empty line after the last newline: the last 2 lines of "...line 3\n" are "line 3\n"
        act(Nova.member(), id, Map.of("os-getConsoleOutput", Map.of("length", 2))).then().statusCode(200)
                .body("output", equalTo("line 3\n"));
        act(Nova.member(), id, Map.of("os-getConsoleOutput", Map.of("length", "x"))).then().statusCode(400);

        // diagnostics come from the host's agent: admins only, Nova's standard shape from 2.48, flat keys before
        Nova.member().get("/v2.1/servers/" + id + "/diagnostics").then().statusCode(403);
        Nova.admin("2.48").get("/v2.1/servers/" + id + "/diagnostics").then().statusCode(200)
                .body("state", equalTo("running")).body("driver", equalTo("libvirt"))
                .body("num_cpus", equalTo(1)).body("memory_details.maximum", equalTo(512))
                .body("cpu_details[0].time", equalTo(1_000_000)).body("nic_details[0].mac_address",
                        equalTo("fa:16:3e:00:00:01")).body("disk_details[0].read_bytes", equalTo(10));
        Nova.admin().get("/v2.1/servers/" + id + "/diagnostics").then().statusCode(200)
                .body("cpu0_time", equalTo(1_000_000)).body("vda_read", equalTo(10)).body("memory", equalTo(524288));

        // the actions are recorded
        Response actions = Nova.member().get("/v2.1/servers/" + id + "/os-instance-actions");
        actions.then().statusCode(200).body("instanceActions.action", hasItem("create"))
                .body("instanceActions.action", hasItem("stop")).body("instanceActions.action", hasItem("reboot"));
        String requestId = actions.path("instanceActions[0].request_id");
        Nova.member("2.51").get("/v2.1/servers/" + id + "/os-instance-actions/" + requestId).then()
                .statusCode(200).body("instanceAction.events", notNullValue());
        Nova.member().get("/v2.1/servers/" + id + "/os-instance-actions/req-nope").then().statusCode(404);

        act(Nova.member(), id, action("noSuchAction")).then().statusCode(400);
        act(Nova.member(), id, Map.of("resize", Map.of("flavorRef", "1"))).then().statusCode(400);
        act(Nova.other(), id, action("os-stop")).then().statusCode(404);
        act(Nova.reader(), id, action("os-stop")).then().statusCode(403);
    }

    @Test
    void lockedServersRefuseTheirOwnersButNotAdmins() {
        String id = Fixtures.active(Nova.member(), Fixtures.uniqueName("lock"));
        act(Nova.member("2.73"), id, Map.of("lock", Map.of("locked_reason", "maintenance"))).then().statusCode(202);
        Nova.member("2.73").get("/v2.1/servers/" + id).then().body("server.locked", equalTo(true))
                .body("server.locked_reason", equalTo("maintenance"));
        act(Nova.member(), id, action("os-stop")).then().statusCode(409).body("conflictingRequest.message",
                containsString("is locked"));
        Nova.member().delete("/v2.1/servers/" + id).then().statusCode(409);
        Nova.member().body(Map.of("metadata", Map.of("a", "b"))).post("/v2.1/servers/" + id + "/metadata").then()
                .statusCode(409);
        act(Nova.admin(), id, action("os-stop")).then().statusCode(202);
        Fixtures.waitFor(Nova.member(), id, "SHUTOFF");
        act(Nova.member(), id, action("unlock")).then().statusCode(202);
        Nova.member("2.9").get("/v2.1/servers/" + id).then().body("server.locked", equalTo(false));
        // locked by an admin: the owner cannot unlock
        act(Nova.admin(), id, action("lock")).then().statusCode(202);
        act(Nova.member(), id, action("unlock")).then().statusCode(403);
        act(Nova.admin(), id, action("unlock")).then().statusCode(202);
    }

    @Test
    void resetStateAndForceDelete() {
        String id = Fixtures.active(Nova.member(), Fixtures.uniqueName("reset"));
        act(Nova.member(), id, Map.of("os-resetState", Map.of("state", "error"))).then().statusCode(403);
        act(Nova.admin(), id, Map.of("os-resetState", Map.of("state", "error"))).then().statusCode(202);
        Nova.member().get("/v2.1/servers/" + id).then().body("server.status", equalTo("ERROR"));
        act(Nova.admin(), id, Map.of("os-resetState", Map.of("state", "bogus"))).then().statusCode(400);
        // from ERROR a hard reboot is allowed, a soft one is not
        act(Nova.member(), id, Map.of("reboot", Map.of("type", "SOFT"))).then().statusCode(409);
        act(Nova.admin(), id, Map.of("os-resetState", Map.of("state", "active"))).then().statusCode(202);
        Nova.member().get("/v2.1/servers/" + id).then().body("server.status", equalTo("ACTIVE"));
        act(Nova.member(), id, action("restore")).then().statusCode(409);
        act(Nova.member(), id, action("forceDelete")).then().statusCode(202);
        Fixtures.waitFor(Nova.member(), id, "DELETED");
    }

    @Test
    void actionsOnABuildingServerConflict() {
        FakeCloud.building = false;
        try {
            String id = Fixtures.create(Nova.member(), Fixtures.uniqueName("early"));
            act(Nova.member(), id, action("os-stop")).then().statusCode(409);
            act(Nova.member(), id, action("pause")).then().statusCode(409).body("conflictingRequest.message",
                    containsString("vm_state building"));
            act(Nova.member(), id, Map.of("reboot", Map.of("type", "HARD"))).then().statusCode(409);
            act(Nova.member(), id, Map.of("os-getConsoleOutput", Map.of())).then().statusCode(409);
            Nova.admin().get("/v2.1/servers/" + id + "/diagnostics").then().statusCode(409);
            Nova.member().delete("/v2.1/servers/" + id).then().statusCode(204);
        } finally {
            FakeCloud.building = true;
        }
    }

    /** Two actions at the same moment: exactly one wins, the other is a 409, and the server settles. */
    @Test
    void concurrentActionsGiveOneAcceptAndOneConflict() throws Exception {
        String id = Fixtures.active(Nova.member(), Fixtures.uniqueName("race"));
        String token = Nova.memberToken();
        for (int round = 0; round < 5; round++) {
            Fixtures.waitFor(Nova.member(), id, "ACTIVE");
            Fixtures.settled(Nova.member(), id);
            List<Callable<Integer>> calls = new ArrayList<>();
            calls.add(() -> act(Nova.as(token), id, action("os-stop")).statusCode());
            calls.add(() -> act(Nova.as(token), id, action("pause")).statusCode());
            calls.add(() -> act(Nova.as(token), id, Map.of("reboot", Map.of("type", "SOFT"))).statusCode());
            List<Integer> statuses = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    statuses.add(f.get());
                }
            }
            assertEquals(1, statuses.stream().filter(s -> s == 202).count(), "statuses " + statuses);
            assertEquals(2, statuses.stream().filter(s -> s == 409).count(), "statuses " + statuses);
            Response settled = Fixtures.settled(Nova.member(), id);
            String status = settled.path("server.status");
            if (!status.equals("ACTIVE")) {
                act(Nova.member(), id, action(status.equals("SHUTOFF") ? "os-start" : "unpause")).then()
                        .statusCode(202);
            }
        }
        Nova.member().get("/v2.1/servers/" + id + "/os-instance-actions").then()
                .body("instanceActions", hasSize(org.hamcrest.Matchers.greaterThanOrEqualTo(6)));
    }
}
