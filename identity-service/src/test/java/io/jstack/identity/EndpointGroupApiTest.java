package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** OS-EP-FILTER endpoint groups: CRUD, HEAD, and the endpoints a group's filters select. */
@QuarkusTest
class EndpointGroupApiTest {

    private static final String GROUPS = "/v3/OS-EP-FILTER/endpoint_groups";

    private String admin;

    @BeforeEach
    void login() {
        admin = Fixtures.adminToken();
    }

    private String service() {
        return as(admin).body(Map.of("service", Map.of("type", Fixtures.unique("type"), "name", "svc")))
                .when().post("/v3/services")
                .then().statusCode(201).extract().path("service.id");
    }

    private String endpoint(String serviceId, String iface) {
        return as(admin).body(Map.of("endpoint", Map.of("service_id", serviceId, "interface", iface,
                        "url", "http://example.com/" + iface)))
                .when().post("/v3/endpoints")
                .then().statusCode(201).extract().path("endpoint.id");
    }

    @Test
    void createListShowCheckUpdateDelete() {
        String service = service();
        String id = as(admin).body(Map.of("endpoint_group", Map.of("name", "g1", "description", "d1",
                        "filters", Map.of("service_id", service))))
                .when().post(GROUPS)
                .then().statusCode(201)
                .body("endpoint_group.name", equalTo("g1"))
                .body("endpoint_group.description", equalTo("d1"))
                .body("endpoint_group.filters.service_id", equalTo(service))
                .body("endpoint_group.links.self", containsString(GROUPS + "/"))
                .extract().path("endpoint_group.id");

        as(admin).when().get(GROUPS).then().statusCode(200).body("endpoint_groups.id", hasItem(id));
        as(admin).queryParam("name", "g1").when().get(GROUPS).then().statusCode(200)
                .body("endpoint_groups.name", everyItem(equalTo("g1")));
        as(admin).when().get(GROUPS + "/" + id).then().statusCode(200)
                .body("endpoint_group.filters.service_id", equalTo(service));
        as(admin).when().head(GROUPS + "/" + id).then().statusCode(200);

        String other = service();
        as(admin).body(Map.of("endpoint_group", Map.of("name", "g2", "description", "d2",
                        "filters", Map.of("service_id", other, "interface", "public"))))
                .when().patch(GROUPS + "/" + id)
                .then().statusCode(200)
                .body("endpoint_group.name", equalTo("g2"))
                .body("endpoint_group.description", equalTo("d2"))
                .body("endpoint_group.filters.service_id", equalTo(other))
                .body("endpoint_group.filters.interface", equalTo("public"));

        as(admin).when().delete(GROUPS + "/" + id).then().statusCode(204);
        as(admin).when().get(GROUPS + "/" + id).then().statusCode(404);
        as(admin).when().head(GROUPS + "/" + id).then().statusCode(404);
        as(admin).when().get(GROUPS).then().statusCode(200).body("endpoint_groups.id", not(hasItem(id)));
    }

    @Test
    void aGroupSelectsTheEndpointsItsFiltersMatch() {
        String service = service();
        String publicEndpoint = endpoint(service, "public");
        String internalEndpoint = endpoint(service, "internal");
        String id = as(admin).body(Map.of("endpoint_group", Map.of("name", "public-only",
                        "filters", Map.of("service_id", service, "interface", "public"))))
                .when().post(GROUPS)
                .then().statusCode(201).extract().path("endpoint_group.id");
        as(admin).when().get(GROUPS + "/" + id + "/endpoints").then().statusCode(200)
                .body("endpoints.id", hasItem(publicEndpoint))
                .body("endpoints.id", not(hasItem(internalEndpoint)));
    }

    @Test
    void badFiltersAreA400() {
        as(admin).body(Map.of("endpoint_group", Map.of("name", "g"))).when().post(GROUPS)
                .then().statusCode(400).body("error.message", containsString("'filters'"));
        as(admin).body(Map.of("endpoint_group", Map.of("name", "g", "filters", Map.of()))).when().post(GROUPS)
                .then().statusCode(400).body("error.message", containsString("'filters'"));
        as(admin).body(Map.of("endpoint_group", Map.of("name", "g", "filters", Map.of("url", "x"))))
                .when().post(GROUPS)
                .then().statusCode(400).body("error.message", containsString("'filters'"));
        as(admin).body(Map.of("endpoint_group", Map.of("name", "g", "filters", Map.of("interface", "nope"))))
                .when().post(GROUPS)
                .then().statusCode(400).body("error.message", containsString("'filters'"));
        as(admin).body(Map.of("endpoint_group", Map.of("name", "g", "filters", "service_id=x")))
                .when().post(GROUPS)
                .then().statusCode(400).body("error.message", containsString("'filters'"));
        as(admin).body(Map.of("endpoint_group", Map.of("filters", Map.of("interface", "public"))))
                .when().post(GROUPS)
                .then().statusCode(400).body("error.message", containsString("'name'"));
    }

    @Test
    void onlyCloudAdminsManageEndpointGroups() {
        Fixtures.Member m = Fixtures.member(admin);
        as(m.token()).when().get(GROUPS).then().statusCode(403);
        as(m.token()).body(Map.of("endpoint_group", Map.of("name", "g", "filters", Map.of("interface", "public"))))
                .when().post(GROUPS).then().statusCode(403);
    }
}
