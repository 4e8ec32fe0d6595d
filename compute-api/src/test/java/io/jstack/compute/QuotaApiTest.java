package io.jstack.compute;

import io.jstack.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class QuotaApiTest {

    private static String project() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void showDefaultsDetailUpdateDelete() {
        String p = project();
        var member = Nova.as(TestTokens.token("u-" + p, p, "member", "reader"));
        member.get("/v2.1/os-quota-sets/" + p).then().statusCode(200).body("quota_set.id", equalTo(p))
                .body("quota_set.instances", equalTo(10)).body("quota_set.cores", equalTo(20))
                .body("quota_set.ram", equalTo(51200)).body("quota_set.floating_ips", equalTo(10));
        Nova.as(TestTokens.token("u-" + p, p, "member", "reader")).header("OpenStack-API-Version", "compute 2.57")
                .get("/v2.1/os-quota-sets/" + p).then().body("quota_set", not(hasKey("floating_ips")))
                .body("quota_set", not(hasKey("injected_files")));
        Nova.as(TestTokens.token("u-" + p, p, "member", "reader")).get("/v2.1/os-quota-sets/" + p + "/defaults").then()
                .statusCode(200).body("quota_set.key_pairs", equalTo(100));
        Nova.member().get("/v2.1/os-quota-sets/" + p).then().statusCode(403);
        Nova.as(TestTokens.token("u-" + p, p, "member", "reader")).body(Map.of("quota_set", Map.of("instances", 1)))
                .put("/v2.1/os-quota-sets/" + p).then().statusCode(403);
        Nova.admin().body(Map.of("quota_set", Map.of("instances", 3, "cores", "5"))).put("/v2.1/os-quota-sets/" + p)
                .then().statusCode(200).body("quota_set.instances", equalTo(3)).body("quota_set.cores", equalTo(5))
                .body("quota_set", not(hasKey("id")));
        Nova.admin().get("/v2.1/os-quota-sets/" + p + "/detail").then().statusCode(200)
                .body("quota_set.instances.limit", equalTo(3)).body("quota_set.instances.in_use", equalTo(0))
                .body("quota_set.instances.reserved", equalTo(0));
        Nova.admin().body(Map.of("quota_set", Map.of("instances", -2))).put("/v2.1/os-quota-sets/" + p).then()
                .statusCode(400);
        Nova.admin().body(Map.of("quota_set", Map.of("nonsense", 1))).put("/v2.1/os-quota-sets/" + p).then()
                .statusCode(400);
        Nova.admin("2.36").body(Map.of("quota_set", Map.of("floating_ips", 1))).put("/v2.1/os-quota-sets/" + p)
                .then().statusCode(400);
        // a user's own limit
        Nova.admin().body(Map.of("quota_set", Map.of("ram", 2048))).put("/v2.1/os-quota-sets/" + p + "?user_id=u1")
                .then().statusCode(200);
        Nova.admin().get("/v2.1/os-quota-sets/" + p + "?user_id=u1").then().body("quota_set.ram", equalTo(2048));
        Nova.admin().delete("/v2.1/os-quota-sets/" + p).then().statusCode(202);
        Nova.admin().get("/v2.1/os-quota-sets/" + p).then().body("quota_set.instances", equalTo(10));
    }

    @Test
    void limitsShowUsage() {
        String p = project();
        var as = Nova.as(TestTokens.token("u-" + p, p, "member", "reader"));
        Fixtures.active(as, Fixtures.uniqueName("lim"));
        Nova.as(TestTokens.token("u-" + p, p, "member", "reader")).get("/v2.1/limits").then().statusCode(200)
                .body("limits.rate.size()", equalTo(0))
                .body("limits.absolute.totalInstancesUsed", equalTo(1))
                .body("limits.absolute.totalCoresUsed", equalTo(1))
                .body("limits.absolute.totalRAMUsed", equalTo(128))
                .body("limits.absolute.maxTotalInstances", equalTo(10))
                .body("limits.absolute", hasKey("maxImageMeta"));
        Nova.as(TestTokens.token("u-" + p, p, "member", "reader")).header("OpenStack-API-Version", "compute 2.57")
                .get("/v2.1/limits").then().body("limits.absolute", not(hasKey("maxImageMeta")))
                .body("limits.absolute", not(hasKey("maxPersonality")))
                .body("limits.absolute", not(hasKey("maxSecurityGroups")));
    }

    @Test
    void instanceQuotaRefusesWithForbidden() {
        String p = project();
        Nova.admin().body(Map.of("quota_set", Map.of("cores", 1))).put("/v2.1/os-quota-sets/" + p).then()
                .statusCode(200);
        var as = Nova.as(TestTokens.token("u-" + p, p, "member", "reader"));
        Fixtures.create(as, Fixtures.uniqueName("first"));
        Nova.as(TestTokens.token("u-" + p, p, "member", "reader")).body(Map.of("server",
                        Fixtures.serverBody(Fixtures.uniqueName("second")))).post("/v2.1/servers").then()
                .statusCode(403).body("forbidden.message", containsString("Quota exceeded for cores"));
        // lowering a limit below what is used is refused unless forced
        Nova.admin().body(Map.of("quota_set", Map.of("instances", 0))).put("/v2.1/os-quota-sets/" + p).then()
                .statusCode(400);
        Nova.admin().body(Map.of("quota_set", Map.of("instances", 0, "force", true)))
                .put("/v2.1/os-quota-sets/" + p).then().statusCode(200);
    }

    /** max_count beyond the limit makes as many as fit; fewer than min_count fitting is a 403 that makes none. */
    @Test
    void multipleCreateMakesWhatFits() {
        String p = project();
        Nova.admin().body(Map.of("quota_set", Map.of("instances", 3))).put("/v2.1/os-quota-sets/" + p).then()
                .statusCode(200);
        String token = TestTokens.token("multi-" + p, p, "member", "reader");
        Map<String, Object> body = new java.util.HashMap<>(Fixtures.serverBody(Fixtures.uniqueName("multi")));
        body.put("min_count", 1);
        body.put("max_count", 5);
        Nova.as(token).body(Map.of("server", body)).post("/v2.1/servers").then().statusCode(202);
        assertEquals(3, (int) Nova.as(token).get("/v2.1/servers").then().statusCode(200).extract()
                .path("servers.size()"));
        body.put("min_count", 1);
        body.put("max_count", 1);
        Nova.as(token).body(Map.of("server", body)).post("/v2.1/servers").then().statusCode(403)
                .body("forbidden.message", containsString("Quota exceeded for instances"));
        assertEquals(3, (int) Nova.as(token).get("/v2.1/servers").then().statusCode(200).extract()
                .path("servers.size()"));
    }

    /**
     * A huge max_count costs what fits and no more (the count comes first, under the quota lock); a min_count
     * above the per-request bound is refused.
     */
    @Test
    void aHugeMaxCountMakesOnlyWhatFits() {
        String p = project();
        Nova.admin().body(Map.of("quota_set", Map.of("instances", 2))).put("/v2.1/os-quota-sets/" + p).then()
                .statusCode(200);
        String token = TestTokens.token("huge-" + p, p, "member", "reader");
        Map<String, Object> body = new java.util.HashMap<>(Fixtures.serverBody(Fixtures.uniqueName("huge")));
        body.put("max_count", Integer.MAX_VALUE);
        Nova.as(token).body(Map.of("server", body)).post("/v2.1/servers").then().statusCode(202);
        assertEquals(2, (int) Nova.as(token).get("/v2.1/servers").then().statusCode(200).extract()
                .path("servers.size()"));
        body.put("min_count", 1001);
        Nova.as(token).body(Map.of("server", body)).post("/v2.1/servers").then().statusCode(400)
                .body("badRequest.message", containsString("greater than the maximum of 1000"));
    }

    /** 50 creates at once against a limit of 10 instances make exactly 10 servers. */
    @Test
    void parallelCreatesNeverPassTheLimit() throws Exception {
        String p = project();
        Nova.admin().body(Map.of("quota_set", Map.of("instances", 10))).put("/v2.1/os-quota-sets/" + p).then()
                .statusCode(200);
        String token = TestTokens.token("racer-" + p, p, "member", "reader");
        Fixtures.tinyFlavor();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            String name = "race-" + n;
            calls.add(() -> Nova.as(token).body(Map.of("server", Fixtures.serverBody(name))).post("/v2.1/servers")
                    .statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        }
        assertEquals(10, statuses.stream().filter(s -> s == 202).count(), "statuses " + statuses);
        assertEquals(40, statuses.stream().filter(s -> s == 403).count(), "statuses " + statuses);
        int listed = Nova.as(token).get("/v2.1/servers").then().statusCode(200).extract().path("servers.size()");
        assertEquals(10, listed);
        Nova.admin().get("/v2.1/os-quota-sets/" + p + "/detail").then()
                .body("quota_set.instances.in_use", equalTo(10));
    }
}
