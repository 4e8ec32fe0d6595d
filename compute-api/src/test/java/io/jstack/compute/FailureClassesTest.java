package io.jstack.compute;

import io.jstack.common.testing.Outages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each class of failure answers what it should, in Nova's fault shape, whatever the route: a database outage or
 * an unreachable broker is a 503 with Retry-After (and the service heals by itself once the dependency is back),
 * an RPC that gets no answer a 503, a unique-key race a 409, a regular expression PostgreSQL refuses a 400, and a
 * NUL byte anywhere a 400 or 404.
 */
@QuarkusTest
@TestProfile(IsolatedProfile.class)
@QuarkusTestResource(FakeImages.class)
class FailureClassesTest {

    private static final String PUBLIC_KEY = io.jstack.compute.service.SshKeys.generate().publicKey();

    @Test
    void aDatabaseOutageIs503WithRetryAfterAndHealsByItself() {
        Nova.member().get("/v2.1/flavors").then().statusCode(200);
        Outages.database().cut();
        try {
            for (String path : List.of("/v2.1/flavors", "/v2.1/servers/detail", "/v2.1/os-keypairs")) {
                Nova.member().get(path).then().statusCode(503).header("Retry-After", notNullValue())
                        .body("serviceUnavailable.code", equalTo(503))
                        .body("serviceUnavailable.message", containsString("database"));
            }
            Nova.member().body(Map.of("keypair", Map.of("name", "during-outage", "public_key",
                    PUBLIC_KEY))).post("/v2.1/os-keypairs").then().statusCode(503)
                    .header("Retry-After", notNullValue());
        } finally {
            Outages.database().restore();
        }
        eventually(() -> Nova.member().get("/v2.1/flavors"), 200);
        Nova.member().get("/v2.1/servers/detail").then().statusCode(200);
    }

    @Test
    void aBrokerOutageIs503AndTheServiceRecovers() {
        String flavor = Fixtures.flavor(Fixtures.uniqueName("broker"), 1, 64, 1);
        String server = create("broker", flavor);
        Fixtures.waitFor(Nova.member(), server, "ACTIVE");
        Outages.broker().cut();
        try {
            // a call (console output) and a cast (stop) cannot be sent
            Nova.member().body(Map.of("os-getConsoleOutput", Map.of())).post("/v2.1/servers/" + server + "/action")
                    .then().statusCode(503).header("Retry-After", notNullValue())
                    .body("serviceUnavailable.code", equalTo(503));
            Nova.member().body(Map.of("os-stop", Map.of())).post("/v2.1/servers/" + server + "/action")
                    .then().statusCode(503).header("Retry-After", notNullValue())
                    .body("serviceUnavailable.code", equalTo(503));
            // what needs no broker still works
            Nova.member().get("/v2.1/servers/" + server).then().statusCode(200)
                    .body("server.'OS-EXT-STS:task_state'", equalTo(null));
        } finally {
            Outages.broker().restore();
        }
        eventually(() -> Nova.member().body(Map.of("os-getConsoleOutput", Map.of()))
                .post("/v2.1/servers/" + server + "/action"), 200);
    }

    @Test
    void anRpcWithoutAnAnswerIs503() {
        String flavor = Fixtures.flavor(Fixtures.uniqueName("hung"), 1, 64, 1);
        String server = create("hung-agent", flavor);
        Fixtures.waitFor(Nova.member(), server, "ACTIVE");
        // the hung host reports (it is "up"), but nothing consumes its queue: the call times out (3 s here)
        reportHungHost();
        Nova.member().body(Map.of("os-getConsoleOutput", Map.of("length", 5)))
                .post("/v2.1/servers/" + server + "/action").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("serviceUnavailable.message", containsString("did not answer in time"));
    }

    @Test
    void aUniqueKeyRaceIs409() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int n = 0; n < 16; n++) {
            calls.add(() -> Nova.member().body(Map.of("keypair", Map.of("name", "racing-key", "public_key",
                    PUBLIC_KEY))).post("/v2.1/os-keypairs").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        }
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "statuses " + statuses);
        assertEquals(15, statuses.stream().filter(s -> s == 409).count(), "statuses " + statuses);
    }

    @Test
    void aRegularExpressionPostgreSqlRefusesIs400() {
        // valid for Java, refused by PostgreSQL: a Unicode class escape, a repetition count above 255
        for (String pattern : List.of("\\p{L}+", "a{1,1000}")) {
            Nova.member().queryParam("name", pattern).get("/v2.1/servers").then().statusCode(400)
                    .body("badRequest.code", equalTo(400));
            Nova.admin().queryParam("name", pattern).queryParam("all_tenants", "1").get("/v2.1/servers/detail")
                    .then().statusCode(400).body("badRequest.code", equalTo(400));
        }
        // refused by both
        Nova.member().queryParam("name", "(").get("/v2.1/servers").then().statusCode(400);
        Nova.member().queryParam("name", "^fuzz.*$").get("/v2.1/servers").then().statusCode(200);
    }

    @Test
    void aNulByteAnywhereIs400Or404() {
        // in the path: no such thing (the routes the review found); sent as written, not encoded again
        Nova.member().urlEncodingEnabled(false).get("/v2.1/servers/%00/ips").then().statusCode(404)
                .body("itemNotFound.code", equalTo(404));
        Nova.member().urlEncodingEnabled(false).delete("/v2.1/os-server-groups/%00").then().statusCode(404)
                .body("itemNotFound.code", equalTo(404));
        Nova.admin().urlEncodingEnabled(false).get("/v2.1/flavors/a%00b/os-extra_specs").then().statusCode(404);
        // in the query
        Nova.member().urlEncodingEnabled(false).get("/v2.1/servers?name=%00").then().statusCode(400)
                .body("badRequest.code", equalTo(400));
        Nova.member().urlEncodingEnabled(false).get("/v2.1/os-keypairs?marker=x%00").then().statusCode(400);
        // in bodies: names, metadata, tags reach the database
        Nova.member().body("{\"keypair\": {\"name\": \"nul\\u0000key\", \"public_key\": \""
                        + PUBLIC_KEY + "\"}}").post("/v2.1/os-keypairs").then().statusCode(400)
                .body("badRequest.code", equalTo(400));
        Nova.member().body("{\"server_group\": {\"name\": \"g\\u0000\", \"policies\": [\"affinity\"]}}")
                .post("/v2.1/os-server-groups").then().statusCode(400);
        Nova.admin().body("{\"aggregate\": {\"name\": \"a\\u0000\"}}").post("/v2.1/os-aggregates").then()
                .statusCode(400);
        // a malformed token is a 401, not a 500
        Nova.as("bnVsbA.e30.AA").get("/v2.1/servers").then().statusCode(401).body("unauthorized.code", equalTo(401));
    }

    private static String create(String name, String flavor) {
        return Nova.member().body(Map.of("server", Map.of("name", Fixtures.uniqueName(name), "imageRef",
                        FakeImages.ACTIVE, "flavorRef", flavor))).post("/v2.1/servers").then().statusCode(202)
                .extract().path("server.id");
    }

    private static void reportHungHost() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> FakeCloud.report(FakeCloud.HUNG_HOST));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Repeats a request until it answers {@code status}; fails after 30 s. */
    private static void eventually(java.util.function.Supplier<Response> request, int status) {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        int last = -1;
        while (Instant.now().isBefore(end)) {
            last = request.get().statusCode();
            if (last == status) {
                return;
            }
            Fixtures.sleep(200);
        }
        fail("still " + last + " after 30 s, expected " + status);
    }
}
