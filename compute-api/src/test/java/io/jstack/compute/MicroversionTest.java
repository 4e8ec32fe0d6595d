package io.jstack.compute;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

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

    /**
     * Nova's query schemas: before the microversion that closes a list's parameters, unknown ones are ignored;
     * from it on, they are a 400 (additionalProperties: false).
     */
    @Test
    void queryParametersAreClosedFromNovasMicroversions() {
        String server = Fixtures.active(Nova.member(), Fixtures.uniqueName("q"));
        record Route(String path, String lenient, String strict, String allowed) {
        }
        for (Route r : List.of(
                new Route("/v2.1/os-services", "2.74", "2.75", "binary=nova-compute"),
                new Route("/v2.1/os-hypervisors", "2.52", "2.53", "with_servers=true"),
                new Route("/v2.1/os-hypervisors/detail", "2.52", "2.53", "limit=1"),
                new Route("/v2.1/servers/" + server + "/os-instance-actions", "2.57", "2.58", "limit=1"),
                new Route("/v2.1/os-migrations", "2.58", "2.59", "status=done"),
                new Route("/v2.1/os-simple-tenant-usage", "2.74", "2.75", "detailed=1"),
                new Route("/v2.1/os-keypairs", "2.74", "2.75", "limit=1"),
                new Route("/v2.1/flavors", "2.74", "2.75", "minRam=1"),
                new Route("/v2.1/os-server-groups", "2.74", "2.75", "limit=1"),
                new Route("/v2.1/limits", "2.74", "2.75", "tenant_id=x"))) {
            Nova.admin(r.lenient()).get(r.path() + "?nonsense=1").then().statusCode(200);
            Nova.admin(r.strict()).get(r.path() + "?nonsense=1").then().statusCode(400)
                    .body("badRequest.message", containsString("Additional properties are not allowed"));
            Nova.admin(r.strict()).get(r.path() + "?" + r.allowed()).then().statusCode(200);
        }
        // parameters that came later are refused before they exist where the list is closed
        Nova.admin("2.65").get("/v2.1/servers/" + server + "/os-instance-actions?changes-before=2020-01-01T00:00:00Z")
                .then().statusCode(400);
        Nova.admin("2.66").get("/v2.1/servers/" + server + "/os-instance-actions?changes-before=2030-01-01T00:00:00Z")
                .then().statusCode(200);
        Nova.admin("2.79").get("/v2.1/os-migrations?user_id=u").then().statusCode(400);
        Nova.admin("2.80").get("/v2.1/os-migrations?user_id=u").then().statusCode(200);
        Nova.admin("2.59").get("/v2.1/os-migrations?changes-since=yesterday").then().statusCode(400);
        Nova.admin("2.53").get("/v2.1/os-hypervisors?hypervisor_hostname_pattern=a%2Fb").then().statusCode(400);
    }
}
