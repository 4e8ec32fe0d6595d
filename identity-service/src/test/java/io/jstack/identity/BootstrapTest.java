package io.jstack.identity;

import io.jstack.identity.model.User;
import io.jstack.identity.service.Bootstrap;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/** Bootstrap runs at every start: nothing is duplicated, and service users follow their configured password. */
@QuarkusTest
class BootstrapTest {

    @Inject
    Bootstrap bootstrap;

    @Test
    void rerunningIsHarmlessAndServiceUsersTakeTheConfiguredPassword() throws Throwable {
        // someone (or an older configuration) set another password for the glance service user
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                User.update("passwordHash = '$2a$04$invalidinvalidinvalidinvalidinvalidinvalidinvalidinval' "
                        + "where name = 'glance'")));
        Keystone.authenticate(Keystone.passwordAuth("glance", "test-service-secret",
                Map.of("project", Map.of("name", "service", "domain", Map.of("id", "default")))))
                .then().statusCode(401);

        VertxContextSupport.subscribeAndAwait(() -> bootstrap.run());
        VertxContextSupport.subscribeAndAwait(() -> bootstrap.run());

        Keystone.authenticate(Keystone.passwordAuth("glance", "test-service-secret",
                        Map.of("project", Map.of("name", "service", "domain", Map.of("id", "default")))))
                .then().statusCode(201).body("token.roles.name[0]", equalTo("service"));
        io.restassured.RestAssured.given().header("X-Auth-Token", Keystone.admin()).get("/v3/users?name=glance")
                .then().statusCode(200).body("users.size()", equalTo(1));
        io.restassured.RestAssured.given().header("X-Auth-Token", Keystone.admin()).get("/v3/services?type=compute")
                .then().statusCode(200).body("services.size()", equalTo(1));
    }
}
