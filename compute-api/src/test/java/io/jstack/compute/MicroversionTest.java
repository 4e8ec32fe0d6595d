package io.jstack.compute;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class MicroversionTest {

    @Test
    void noHeaderMeans21() {
        Nova.member().get("/v2.1/flavors").then().statusCode(200)
                .header("OpenStack-API-Version", "compute 2.1")
                .header("X-OpenStack-Nova-API-Version", "2.1")
                .header("Vary", containsString("OpenStack-API-Version"))
                .header("x-openstack-request-id", containsString("req-"));
    }

    @Test
    void versionsAreNegotiatedAndEchoed() {
        Nova.member().header("OpenStack-API-Version", "compute 2.53").get("/v2.1/flavors").then().statusCode(200)
                .header("OpenStack-API-Version", "compute 2.53");
        Nova.member().header("OpenStack-API-Version", "volume 3.0, compute 2.60").get("/v2.1/flavors").then()
                .header("OpenStack-API-Version", "compute 2.60");
        Nova.member().header("X-OpenStack-Nova-API-Version", "2.37").get("/v2.1/flavors").then()
                .header("X-OpenStack-Nova-API-Version", "2.37");
        Nova.member().header("OpenStack-API-Version", "compute latest").get("/v2.1/flavors").then()
                .header("OpenStack-API-Version", "compute " + "2.96");
        // the new header wins over the legacy one
        Nova.member().header("OpenStack-API-Version", "compute 2.10").header("X-OpenStack-Nova-API-Version", "2.20")
                .get("/v2.1/flavors").then().header("OpenStack-API-Version", "compute 2.10");
    }

    @Test
    void outOfRangeIs406AndGarbageIs400() {
        Nova.member().header("OpenStack-API-Version", "compute 2.500").get("/v2.1/flavors").then().statusCode(406)
                .body("computeFault.code", equalTo(406));
        Nova.member().header("OpenStack-API-Version", "compute 3.0").get("/v2.1/flavors").then().statusCode(406);
        Nova.member().header("OpenStack-API-Version", "compute 2.0").get("/v2.1/flavors").then().statusCode(406);
        Nova.member().header("OpenStack-API-Version", "compute two").get("/v2.1/flavors").then().statusCode(400)
                .body("badRequest.code", equalTo(400));
        Nova.member().header("X-OpenStack-Nova-API-Version", "2.x").get("/v2.1/flavors").then().statusCode(400);
    }

    @Test
    void faultsAreNovaShaped() {
        Nova.member().get("/v2.1/servers/nope").then().statusCode(404).body("itemNotFound.message",
                containsString("could not be found"));
        io.restassured.RestAssured.given().get("/v2.1/servers").then().statusCode(401)
                .body("unauthorized.code", equalTo(401));
        Nova.member().get("/v2.1/os-hypervisors").then().statusCode(403).body("forbidden.code", equalTo(403));
    }
}
