package io.jstack.identity;

import io.jstack.common.testing.Outages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each class of failure answers what it should, in Keystone's fault shape: a database outage is a 503 with
 * Retry-After and heals by itself, a unique-key race is a 409, a NUL byte anywhere a 400 or 404, a malformed
 * token a 401.
 */
@QuarkusTest
@TestProfile(IsolatedProfile.class)
class FailureClassesTest {

    @Test
    void aDatabaseOutageIs503WithRetryAfterAndHealsByItself() {
        String admin = Fixtures.adminToken();
        Fixtures.as(admin).get("/v3/users").then().statusCode(200);
        Outages.database().cut();
        try {
            Fixtures.as(admin).get("/v3/users").then().statusCode(503).header("Retry-After", notNullValue())
                    .body("error.code", equalTo(503)).body("error.title", equalTo("Service Unavailable"));
            Keystone.authenticate(Keystone.passwordAuth("admin", Keystone.ADMIN_PASSWORD, null)).then()
                    .statusCode(503).header("Retry-After", notNullValue()).body("error.code", equalTo(503));
        } finally {
            Outages.database().restore();
        }
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        int last = 0;
        while (Instant.now().isBefore(end) && (last = Fixtures.as(admin).get("/v3/users").statusCode()) != 200) {
            sleep();
        }
        assertEquals(200, last, "the service did not recover");
    }

    @Test
    void aUniqueKeyRaceIs409() throws Exception {
        String admin = Fixtures.adminToken();
        String name = Fixtures.unique("racer");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            calls.add(() -> Fixtures.as(admin).body(Map.of("user", Map.of("name", name, "domain_id", "default")))
                    .post("/v3/users").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "statuses " + statuses);
        assertEquals(11, statuses.stream().filter(s -> s == 409).count(), "statuses " + statuses);
    }

    @Test
    void aNulByteAnywhereIs400Or404AndAMalformedTokenIs401() {
        String admin = Fixtures.adminToken();
        Fixtures.as(admin).urlEncodingEnabled(false).get("/v3/users/%00").then().statusCode(404)
                .body("error.code", equalTo(404));
        Fixtures.as(admin).urlEncodingEnabled(false).get("/v3/projects/a%00b/users/x/roles").then().statusCode(404);
        Fixtures.as(admin).urlEncodingEnabled(false).get("/v3/users?name=%00").then().statusCode(400)
                .body("error.code", equalTo(400));
        Fixtures.as(admin).body("{\"user\": {\"name\": \"nul\\u0000user\"}}").post("/v3/users").then()
                .statusCode(400).body("error.code", equalTo(400));
        Fixtures.as(admin).body("{\"project\": {\"name\": \"p\", \"description\": \"\\u0000\"}}")
                .post("/v3/projects").then().statusCode(400);
        given().contentType("application/json").body("{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                        + "\"password\": {\"user\": {\"name\": \"ad\\u0000min\", \"password\": \"x\", \"domain\": "
                        + "{\"id\": \"default\"}}}}}}").post("/v3/auth/tokens").then().statusCode(400)
                .body("error.code", equalTo(400));
        Fixtures.as("bnVsbA.e30.AA").get("/v3/users").then().statusCode(401).body("error.code", equalTo(401));
        Fixtures.as(admin).header("X-Subject-Token", "bnVsbA.e30.AA").get("/v3/auth/tokens").then()
                .statusCode(404);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
