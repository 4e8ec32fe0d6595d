package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A login costs the same time whatever was wrong with it: an unknown user, an unknown domain, a disabled user or a
 * wrong password all take one bcrypt check, so timing does not tell which names exist. Run at a realistic work
 * factor (10; the default is 12), comparing medians of interleaved tries with a generous margin.
 */
@QuarkusTest
@TestProfile(PasswordTimingTest.RealWorkFactor.class)
class PasswordTimingTest {

    public static class RealWorkFactor implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jstack.identity.password.bcrypt-cost", "10");
        }
    }

    private static final int ROUNDS = 9;

    private record Attempt(int status, Map<String, Object> user) {
    }

    private static Response login(Map<String, Object> user) {
        return given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("identity", Map.of(
                "methods", List.of("password"), "password", Map.of("user", user))))).post("/v3/auth/tokens");
    }

    @Test
    void everyFailedLoginCostsOneHashCheckAndAnswersTheSame() {
        String admin = Fixtures.adminToken();
        String name = Fixtures.unique("timing");
        String password = "right-" + name;
        String userId = Fixtures.createUser(admin, name, password);
        String disabledName = Fixtures.unique("disabled");
        String disabledId = Fixtures.createUser(admin, disabledName, password);
        as(admin).body(Map.of("user", Map.of("enabled", false))).patch("/v3/users/" + disabledId).then()
                .statusCode(200);
        Map<String, Object> defaultDomain = Map.of("id", "default");

        Map<String, Attempt> attempts = new LinkedHashMap<>();
        attempts.put("wrong password", new Attempt(401, Map.of("name", name, "password", "wrong",
                "domain", defaultDomain)));
        attempts.put("right password", new Attempt(201, Map.of("name", name, "password", password,
                "domain", defaultDomain)));
        attempts.put("unknown user", new Attempt(401, Map.of("name", Fixtures.unique("nobody"), "password",
                password, "domain", defaultDomain)));
        attempts.put("unknown domain", new Attempt(401, Map.of("name", name, "password", password,
                "domain", Map.of("name", Fixtures.unique("nowhere")))));
        attempts.put("disabled user", new Attempt(401, Map.of("name", disabledName, "password", password,
                "domain", defaultDomain)));
        attempts.put("unknown user id", new Attempt(401, Map.of("id", "0123456789abcdef0123456789abcdef",
                "password", password)));
        attempts.put("known user id", new Attempt(401, Map.of("id", userId, "password", "wrong")));

        // results are as before, and every failure reads the same
        for (Map.Entry<String, Attempt> e : attempts.entrySet()) {
            Response r = login(e.getValue().user());
            assertEquals(e.getValue().status(), r.statusCode(), e.getKey());
            if (r.statusCode() == 401) {
                assertEquals("The request you have made requires authentication.", r.path("error.message"),
                        e.getKey());
            }
        }

        Map<String, List<Long>> times = new LinkedHashMap<>();
        attempts.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, Attempt> e : attempts.entrySet()) {
                long start = System.nanoTime();
                int status = login(e.getValue().user()).statusCode();
                times.get(e.getKey()).add(System.nanoTime() - start);
                assertEquals(e.getValue().status(), status, e.getKey());
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        times.forEach((k, v) -> medians.put(k, median(v) / 1e6));
        System.out.printf("login medians (ms) over %d rounds: %s%n", ROUNDS, medians);
        double reference = medians.get("wrong password");
        // a bcrypt check at cost 10 takes tens of milliseconds; a lookup alone takes one or two
        assertTrue(reference > 15, "a wrong password took only " + reference + " ms: was the hash checked?");
        medians.forEach((k, ms) -> assertTrue(ms > reference * 0.6 && ms < reference * 1.7,
                k + " took " + ms + " ms against " + reference + " ms for a wrong password: " + medians));
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
