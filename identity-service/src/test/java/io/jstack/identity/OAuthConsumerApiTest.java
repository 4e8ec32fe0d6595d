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
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** OS-OAUTH1 consumers: the secret is shown once, on creation, and never changes. */
@QuarkusTest
class OAuthConsumerApiTest {

    private String admin;

    @BeforeEach
    void login() {
        admin = Fixtures.adminToken();
    }

    @Test
    void createShowUpdateListDelete() {
        var created = as(admin).body(Map.of("consumer", Map.of("description", "my app")))
                .when().post("/v3/OS-OAUTH1/consumers")
                .then().statusCode(201)
                .body("consumer.description", equalTo("my app"))
                .body("consumer.secret", notNullValue())
                .body("consumer.links.self", containsString("/v3/OS-OAUTH1/consumers/"))
                .extract();
        String id = created.path("consumer.id");

        as(admin).when().get("/v3/OS-OAUTH1/consumers/" + id).then().statusCode(200)
                .body("consumer.id", equalTo(id))
                .body("consumer.description", equalTo("my app"))
                .body("consumer", not(hasKey("secret")));
        as(admin).body(Map.of("consumer", Map.of("description", "renamed")))
                .when().patch("/v3/OS-OAUTH1/consumers/" + id)
                .then().statusCode(200).body("consumer.description", equalTo("renamed"))
                .body("consumer", not(hasKey("secret")));
        as(admin).when().get("/v3/OS-OAUTH1/consumers").then().statusCode(200)
                .body("consumers.id", hasItem(id))
                .body("consumers", everyItem(not(hasKey("secret"))));

        as(admin).when().delete("/v3/OS-OAUTH1/consumers/" + id).then().statusCode(204);
        as(admin).when().get("/v3/OS-OAUTH1/consumers/" + id).then().statusCode(404);
    }

    @Test
    void theSecretCannotBeChosenOrChanged() {
        as(admin).body(Map.of("consumer", Map.of("secret", "mine"))).when().post("/v3/OS-OAUTH1/consumers")
                .then().statusCode(400).body("error.message", containsString("'secret'"));
        String id = as(admin).body(Map.of("consumer", Map.of())).when().post("/v3/OS-OAUTH1/consumers")
                .then().statusCode(201).extract().path("consumer.id");
        as(admin).body(Map.of("consumer", Map.of("secret", "new"))).when().patch("/v3/OS-OAUTH1/consumers/" + id)
                .then().statusCode(400).body("error.message", containsString("'secret'"));
        as(admin).body(Map.of("consumer", Map.of("description", 3))).when().patch("/v3/OS-OAUTH1/consumers/" + id)
                .then().statusCode(400).body("error.message", containsString("'description'"));
        as(admin).body("[1]").when().post("/v3/OS-OAUTH1/consumers").then().statusCode(400);
    }

    @Test
    void onlyCloudAdminsManageConsumers() {
        Fixtures.Member m = Fixtures.member(admin);
        as(m.token()).when().get("/v3/OS-OAUTH1/consumers").then().statusCode(403);
        as(m.token()).body(Map.of("consumer", Map.of())).when().post("/v3/OS-OAUTH1/consumers")
                .then().statusCode(403);
    }
}
