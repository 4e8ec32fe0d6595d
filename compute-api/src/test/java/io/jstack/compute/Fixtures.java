package io.jstack.compute;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/** Things tests share: a small public flavor, server creation, waiting for a status. */
final class Fixtures {

    private static String tinyFlavor;
    private static boolean roomy;

    private Fixtures() {
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A public flavor: 1 vCPU, 128 MB, 1 GB. */
    static synchronized String tinyFlavor() {
        if (tinyFlavor == null) {
            tinyFlavor = flavor(uniqueName("tiny"), 1, 128, 1);
        }
        return tinyFlavor;
    }

    static String flavor(String name, int vcpus, int ram, int disk) {
        return Nova.admin().body(Map.of("flavor", Map.of("name", name, "ram", ram, "vcpus", vcpus, "disk", disk)))
                .post("/v2.1/flavors").then().statusCode(200).extract().path("flavor.id");
    }

    static Map<String, Object> serverBody(String name) {
        roomForMany();
        Map<String, Object> server = new HashMap<>();
        server.put("name", name);
        server.put("imageRef", FakeImages.ACTIVE);
        server.put("flavorRef", tinyFlavor());
        return server;
    }

    /** The shared test project builds many servers: no instance limits for it. */
    static synchronized void roomForMany() {
        if (!roomy) {
            Nova.admin().body(Map.of("quota_set", Map.of("instances", -1, "cores", -1, "ram", -1)))
                    .put("/v2.1/os-quota-sets/" + Nova.PROJECT).then().statusCode(200);
            roomy = true;
        }
    }

    /** Creates a server as the caller and returns its id (202 expected). */
    static String create(RequestSpecification as, String name) {
        roomForMany();
        return as.body(Map.of("server", serverBody(name))).post("/v2.1/servers").then().statusCode(202)
                .extract().path("server.id");
    }

    static String active(RequestSpecification as, String name) {
        String id = create(as, name);
        waitFor(as, id, "ACTIVE");
        return id;
    }

    /** Polls GET /servers/{id} until its status is one of the given; fails after 20 s. */
    static Response waitFor(RequestSpecification as, String id, String... statuses) {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        String last = null;
        while (Instant.now().isBefore(end)) {
            Response r = as.get("/v2.1/servers/" + id);
            if (r.statusCode() == 200) {
                last = r.path("server.status");
                if (List.of(statuses).contains(last)) {
                    return r;
                }
            } else if (r.statusCode() == 404 && List.of(statuses).contains("DELETED")) {
                return r;
            }
            sleep(100);
        }
        fail("server " + id + " never reached " + List.of(statuses) + " (last " + last + ")");
        return null;
    }

    /** Waits until the server has no task running. */
    static Response settled(RequestSpecification as, String id) {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(end)) {
            Response r = as.get("/v2.1/servers/" + id);
            if (r.statusCode() == 200 && r.path("server.'OS-EXT-STS:task_state'") == null) {
                return r;
            }
            sleep(100);
        }
        fail("server " + id + " never settled");
        return null;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
