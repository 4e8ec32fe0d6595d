package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** Domain-specific configuration: whole, by group, by option; defaults; sensitive options never shown. */
@QuarkusTest
class DomainConfigApiTest {

    private static final Map<String, Object> CONFIG = Map.of(
            "identity", Map.of("driver", "ldap"),
            "ldap", Map.of("url", "ldap://directory.example:389/", "user_tree_dn", "ou=Users,dc=example,dc=org"));

    private String admin;

    @BeforeEach
    void login() {
        admin = Fixtures.adminToken();
    }

    private String domain() {
        return as(admin).body(Map.of("domain", Map.of("name", Fixtures.unique("domain"))))
                .when().post("/v3/domains")
                .then().statusCode(201).extract().path("domain.id");
    }

    private static String config(String domainId) {
        return "/v3/domains/" + domainId + "/config";
    }

    @Test
    void createReplaceShowAndDeleteTheWholeConfiguration() {
        String d = domain();
        as(admin).when().get(config(d)).then().statusCode(404);
        as(admin).body(Map.of("config", CONFIG)).when().put(config(d))
                .then().statusCode(201)
                .body("config.identity.driver", equalTo("ldap"))
                .body("config.ldap.url", equalTo("ldap://directory.example:389/"));
        as(admin).when().get(config(d)).then().statusCode(200)
                .body("config.ldap.user_tree_dn", equalTo("ou=Users,dc=example,dc=org"));

        // PUT again replaces: what it does not name is gone
        as(admin).body(Map.of("config", Map.of("ldap", Map.of("url", "ldap://other/")))).when().put(config(d))
                .then().statusCode(200)
                .body("config", not(hasKey("identity")))
                .body("config.ldap.url", equalTo("ldap://other/"))
                .body("config.ldap", not(hasKey("user_tree_dn")));

        // PATCH merges
        as(admin).body(Map.of("config", Map.of("identity", Map.of("list_limit", 25)))).when().patch(config(d))
                .then().statusCode(200)
                .body("config.identity.list_limit", equalTo(25))
                .body("config.ldap.url", equalTo("ldap://other/"));

        as(admin).when().delete(config(d)).then().statusCode(204);
        as(admin).when().get(config(d)).then().statusCode(404);
        as(admin).when().delete(config(d)).then().statusCode(404);
        as(admin).body(Map.of("config", CONFIG)).when().patch(config(d)).then().statusCode(404);
    }

    @Test
    void groupsAndOptions() {
        String d = domain();
        as(admin).body(Map.of("config", CONFIG)).when().put(config(d)).then().statusCode(201);
        as(admin).when().get(config(d) + "/ldap").then().statusCode(200)
                .body("config.ldap.url", equalTo("ldap://directory.example:389/"))
                .body("config", not(hasKey("identity")));
        as(admin).when().get(config(d) + "/ldap/url").then().statusCode(200)
                .body("config.url", equalTo("ldap://directory.example:389/"));

        as(admin).body(Map.of("config", Map.of("identity", Map.of("driver", "sql", "list_limit", 7))))
                .when().patch(config(d) + "/identity")
                .then().statusCode(200)
                .body("config.identity.driver", equalTo("sql"))
                .body("config.identity.list_limit", equalTo(7));
        as(admin).body(Map.of("config", Map.of("driver", "ldap"))).when().patch(config(d) + "/identity/driver")
                .then().statusCode(200).body("config.identity.driver", equalTo("ldap"));

        // the body must name exactly the group or option of the URL
        as(admin).body(Map.of("config", Map.of("ldap", Map.of("url", "x")))).when().patch(config(d) + "/identity")
                .then().statusCode(400);
        as(admin).body(Map.of("config", Map.of("list_limit", 3))).when().patch(config(d) + "/identity/driver")
                .then().statusCode(400);
        // updating an option that was never set is not found
        as(admin).body(Map.of("config", Map.of("user_filter", "(x=y)"))).when().patch(config(d) + "/ldap/user_filter")
                .then().statusCode(404);

        as(admin).when().delete(config(d) + "/identity/driver").then().statusCode(204);
        as(admin).when().get(config(d) + "/identity/driver").then().statusCode(404);
        as(admin).when().delete(config(d) + "/identity").then().statusCode(204);
        as(admin).when().get(config(d) + "/identity").then().statusCode(404);
        as(admin).when().delete(config(d) + "/identity").then().statusCode(404);
        as(admin).when().get(config(d)).then().statusCode(200).body("config", not(hasKey("identity")));
    }

    @Test
    void sensitiveOptionsAreStoredButNeverShown() {
        String d = domain();
        as(admin).body(Map.of("config", Map.of("ldap", Map.of("url", "ldap://x/", "password", "hunter2"))))
                .when().put(config(d))
                .then().statusCode(201)
                .body("config.ldap", not(hasKey("password")));
        as(admin).when().get(config(d) + "/ldap/password").then().statusCode(404);
        as(admin).when().get("/v3/domains/config/ldap/password/default").then().statusCode(403);
    }

    @Test
    void defaults() {
        as(admin).when().get("/v3/domains/config/default").then().statusCode(200)
                .body("config.identity.driver", equalTo("sql"))
                .body("config.identity", hasKey("list_limit"))
                .body("config.ldap", hasKey("url"))
                .body("config.ldap", not(hasKey("password")));
        as(admin).when().get("/v3/domains/config/identity/default").then().statusCode(200)
                .body("config.identity.driver", equalTo("sql"))
                .body("config", not(hasKey("ldap")));
        as(admin).when().get("/v3/domains/config/ldap/user_tree_dn/default").then().statusCode(200)
                .body("config", hasKey("user_tree_dn"));
        as(admin).when().get("/v3/domains/config/nosuchgroup/default").then().statusCode(403);
        as(admin).when().get("/v3/domains/config/ldap/nosuchoption/default").then().statusCode(403);
    }

    @Test
    void badConfigurationsAreRefused() {
        String d = domain();
        as(admin).body(Map.of("config", Map.of())).when().put(config(d))
                .then().statusCode(400).body("error.message", containsString("'config'"));
        as(admin).body(Map.of("config", "identity")).when().put(config(d))
                .then().statusCode(400).body("error.message", containsString("'config'"));
        as(admin).body(Map.of("config", Map.of("identity", "ldap"))).when().put(config(d))
                .then().statusCode(400).body("error.message", containsString("'identity'"));
        as(admin).body(Map.of("config", Map.of("identity", Map.of()))).when().put(config(d))
                .then().statusCode(400).body("error.message", containsString("'identity'"));
        as(admin).body(Map.of("config", Map.of("identity", Map.of("driver", Map.of("a", 1))))).when().put(config(d))
                .then().statusCode(400).body("error.message", containsString("'driver'"));
        // groups and options outside what a domain may configure: forbidden, as in Keystone
        as(admin).body(Map.of("config", Map.of("database", Map.of("connection", "x")))).when().put(config(d))
                .then().statusCode(403);
        as(admin).body(Map.of("config", Map.of("ldap", Map.of("no_such_option", "x")))).when().put(config(d))
                .then().statusCode(403);
        as(admin).body(Map.of("config", CONFIG)).when().put("/v3/domains/no-such-domain/config")
                .then().statusCode(404);
        // nothing was stored by the refused requests
        as(admin).when().get(config(d)).then().statusCode(404);
    }

    @Test
    void onlyCloudAdminsSeeOrChangeDomainConfiguration() {
        Fixtures.Member m = Fixtures.member(admin);
        as(m.token()).when().get("/v3/domains/config/default").then().statusCode(403);
        as(m.token()).body(Map.of("config", CONFIG)).when().put(config("default")).then().statusCode(403);
    }
}
