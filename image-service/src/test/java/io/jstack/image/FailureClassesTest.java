package io.jstack.image;

import io.jstack.common.testing.Outages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
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

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each class of failure answers what it should, in Glance's fault shape: a database outage is a 503 with
 * Retry-After and heals by itself, a unique-key race is a 409, a NUL byte anywhere a 400 or 404, a malformed
 * token a 401.
 */
@QuarkusTest
@TestProfile(IsolatedProfile.class)
class FailureClassesTest {

    @Test
    void aDatabaseOutageIs503WithRetryAfterAndHealsByItself() {
        Api member = Api.member(Api.newProject());
        String id = member.create();
        Outages.database().cut();
        try {
            member.given().get("/v2/images").then().statusCode(503).header("Retry-After", notNullValue())
                    .body("code", equalTo("503 Service Unavailable")).body("title", equalTo("Service Unavailable"));
            member.show(id).then().statusCode(503).header("Retry-After", notNullValue());
            member.given().contentType(ContentType.JSON).body(Map.of("name", "during-outage"))
                    .post("/v2/images").then().statusCode(503);
        } finally {
            Outages.database().restore();
        }
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        int last = 0;
        while (Instant.now().isBefore(end) && (last = member.show(id).statusCode()) != 200) {
            sleep();
        }
        assertEquals(200, last, "the service did not recover");
    }

    @Test
    void aUniqueKeyRaceIs409() throws Exception {
        Api admin = Api.admin();
        String ns = "race-" + Api.newProject();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            calls.add(() -> admin.given().contentType(ContentType.JSON).body(Map.of("namespace", ns))
                    .post("/v2/metadefs/namespaces").statusCode());
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
        Api member = Api.member(Api.newProject());
        String id = member.create();
        member.given().urlEncodingEnabled(false).get("/v2/metadefs/namespaces/%00").then().statusCode(404)
                .body("code", equalTo("404 Not Found"));
        member.given().urlEncodingEnabled(false).get("/v2/images/%00/members").then().statusCode(404);
        member.given().urlEncodingEnabled(false).get("/v2/images?name=%00").then().statusCode(400)
                .body("code", equalTo("400 Bad Request"));
        member.given().contentType(ContentType.JSON).body("{\"name\": \"nul\\u0000image\"}").post("/v2/images")
                .then().statusCode(400).body("code", equalTo("400 Bad Request"));
        member.given().contentType(Api.PATCH).body("[{\"op\": \"add\", \"path\": \"/hw_nul\", \"value\": "
                + "\"a\\u0000b\"}]").patch("/v2/images/" + id).then().statusCode(400);
        member.given().contentType(ContentType.JSON).body("{\"member\": \"\\u0000\"}")
                .post("/v2/images/" + id + "/members").then().statusCode(400);
        io.restassured.RestAssured.given().header("X-Auth-Token", "bnVsbA.e30.AA").get("/v2/images").then()
                .statusCode(401).body("code", equalTo("401 Unauthorized"));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
