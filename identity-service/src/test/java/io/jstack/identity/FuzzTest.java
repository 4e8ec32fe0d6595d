package io.jstack.identity;

import io.jstack.common.testing.fuzz.Caller;
import io.jstack.common.testing.fuzz.Callers;
import io.jstack.common.testing.fuzz.FaultShapes;
import io.jstack.common.testing.fuzz.Fuzzer;
import io.jstack.common.testing.fuzz.RouteTable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the identity API, as every caller, with bad input of every kind: no server error, and every
 * error in Keystone's fault shape. Runs on a database of its own (it deletes what it finds). The callers' tokens
 * are real ones, issued by this service.
 */
@QuarkusTest
@TestProfile(IsolatedProfile.class)
class FuzzTest {

    @Test
    void badInputNeverAnswersAServerError() {
        String admin = Fixtures.adminToken();
        Fixtures.Member member = Fixtures.member(admin);
        String readerPassword = "pw-reader";
        String reader = Fixtures.createUser(admin, Fixtures.unique("reader"), readerPassword);
        Fixtures.grant(admin, member.projectId(), reader, Fixtures.roleId(admin, "reader"));
        String readerToken = Fixtures.userToken(reader, readerPassword, member.projectId());
        // things for the fuzz to find beyond what bootstrap made: a group with a member, a credential, a region,
        // a policy, an implied role, a domain config
        String group = Fixtures.as(admin).body(Map.of("group", Map.of("name", Fixtures.unique("g"))))
                .post("/v3/groups").then().statusCode(201).extract().path("group.id");
        Fixtures.as(admin).put("/v3/groups/" + group + "/users/" + member.userId()).then().statusCode(204);
        Fixtures.as(admin).body(Map.of("credential", Map.of("type", "ec2", "user_id", member.userId(),
                "project_id", member.projectId(), "blob", "{\"access\": \"a\", \"secret\": \"s\"}")))
                .post("/v3/credentials").then().statusCode(201);
        Fixtures.as(admin).body(Map.of("region", Map.of("id", "FuzzRegion"))).post("/v3/regions").then()
                .statusCode(201);
        Fixtures.as(admin).body(Map.of("policy", Map.of("type", "application/json", "blob", "{}")))
                .post("/v3/policies").then().statusCode(201);
        Fixtures.as(admin).body(Map.of("config", Map.of("identity", Map.of("driver", "sql"))))
                .put("/v3/domains/default/config").then().statusCode(201);
        Fixtures.as(admin).body(Map.of("endpoint_group", Map.of("name", "eg", "filters",
                Map.of("interface", "public")))).post("/v3/OS-EP-FILTER/endpoint_groups").then().statusCode(201);
        Fixtures.as(admin).body(Map.of("consumer", Map.of("description", "fuzz")))
                .post("/v3/OS-OAUTH1/consumers").then().statusCode(201);
        // and the delegations: application credentials (one with an access rule) of the admin and the member, a
        // trust from the member to the reader, tags on both projects, an inherited and a system role grant
        var self = Fixtures.as(admin).header("X-Subject-Token", admin).get("/v3/auth/tokens").then().statusCode(200)
                .extract();
        String adminUser = self.path("token.user.id");
        String adminProject = self.path("token.project.id");
        Fixtures.as(admin).body(Map.of("application_credential", Map.of("name", "fuzz-admin")))
                .post("/v3/users/" + adminUser + "/application_credentials").then().statusCode(201);
        Fixtures.as(member.token()).body(Map.of("application_credential", Map.of("name", "fuzz-member",
                        "roles", List.of(Map.of("name", "member")), "access_rules", List.of(Map.of("service",
                                "identity", "method", "GET", "path", "/v3/projects/*")))))
                .post("/v3/users/" + member.userId() + "/application_credentials").then().statusCode(201);
        Fixtures.as(member.token()).body(Map.of("trust", Map.of("trustor_user_id", member.userId(),
                        "trustee_user_id", reader, "impersonation", false, "project_id", member.projectId(),
                        "roles", List.of(Map.of("name", "member")))))
                .post("/v3/OS-TRUST/trusts").then().statusCode(201);
        for (String project : List.of(adminProject, member.projectId())) {
            Fixtures.as(admin).put("/v3/projects/" + project + "/tags/fuzz-tag").then().statusCode(201);
        }
        String readerRole = Fixtures.roleId(admin, "reader");
        Fixtures.as(admin).put("/v3/OS-INHERIT/projects/" + member.projectId() + "/users/" + member.userId()
                + "/roles/" + readerRole + "/inherited_to_projects").then().statusCode(204);
        Fixtures.as(admin).put("/v3/system/users/" + member.userId() + "/roles/" + readerRole).then()
                .statusCode(204);

        String auth = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": "
                + "\"admin\", \"password\": \"secret\", \"domain\": {\"id\": \"default\"}}}}, \"scope\": {\"project\": "
                + "{\"name\": \"admin\", \"domain\": {\"name\": \"Default\"}}}}}";
        Fuzzer.Report report = Fuzzer.service("identity").port(15000)
                .routes(RouteTable.scan("io.jstack.identity.api"))
                .callers(new Callers(Caller.anonymous(), Caller.of("reader", readerToken),
                        Caller.of("member", member.token()), Caller.of("admin", admin)))
                .faults(FaultShapes.keystone())
                .hint("aid", member.userId()).hint("tid", member.projectId())
                .hint("role", readerRole)
                .hint("group", "identity", "ldap").hint("option", "driver", "url")
                .example("POST /v3/auth/tokens", auth)
                .example("POST /v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"token\"], \"token\": "
                        + "{\"id\": \"" + admin + "\"}}, \"scope\": \"system\"}}")
                .example("POST /v3/users", "{\"user\": {\"name\": \"u\", \"domain_id\": \"default\", \"password\": "
                        + "\"p\", \"enabled\": true, \"email\": \"e@x\", \"default_project_id\": \""
                        + member.projectId() + "\", \"options\": {\"ignore_password_expiry\": true}}}")
                .example("POST /v3/users/{id}/password", "{\"user\": {\"password\": \"n\", \"original_password\": "
                        + "\"" + member.password() + "\"}}")
                .example("POST /v3/projects", "{\"project\": {\"name\": \"p\", \"domain_id\": \"default\", "
                        + "\"parent_id\": \"" + member.projectId() + "\", \"is_domain\": false, \"enabled\": true, "
                        + "\"tags\": [\"a\"], \"description\": \"d\"}}")
                .example("POST /v3/domains", "{\"domain\": {\"name\": \"d\", \"enabled\": true, \"description\": "
                        + "\"x\"}}")
                .example("POST /v3/groups", "{\"group\": {\"name\": \"g2\", \"domain_id\": \"default\"}}")
                .example("POST /v3/roles", "{\"role\": {\"name\": \"r\", \"domain_id\": null, \"options\": {}}}")
                .example("POST /v3/credentials", "{\"credential\": {\"type\": \"ec2\", \"user_id\": \""
                        + member.userId() + "\", \"project_id\": \"" + member.projectId() + "\", \"blob\": "
                        + "\"{\\\"access\\\": \\\"a\\\", \\\"secret\\\": \\\"s\\\"}\"}}")
                .example("POST /v3/regions", "{\"region\": {\"id\": \"r1\", \"parent_region_id\": \"FuzzRegion\", "
                        + "\"description\": \"d\"}}")
                .example("POST /v3/services", "{\"service\": {\"type\": \"compute\", \"name\": \"n\", "
                        + "\"enabled\": true}}")
                .example("POST /v3/endpoints", "{\"endpoint\": {\"interface\": \"public\", \"url\": "
                        + "\"http://x\", \"service_id\": \"s\", \"region_id\": \"FuzzRegion\"}}")
                .example("POST /v3/policies", "{\"policy\": {\"type\": \"application/json\", \"blob\": \"{}\"}}")
                .example("POST /v3/OS-EP-FILTER/endpoint_groups", "{\"endpoint_group\": {\"name\": \"e\", "
                        + "\"filters\": {\"interface\": \"public\", \"service_id\": \"s\"}}}")
                .example("POST /v3/OS-OAUTH1/consumers", "{\"consumer\": {\"description\": \"d\"}}")
                .example("POST /v3/users/{user_id}/credentials/OS-EC2", "{\"tenant_id\": \""
                        + member.projectId() + "\"}")
                .example("PUT /v3/domains/{id}/config", "{\"config\": {\"identity\": {\"driver\": \"sql\"}, "
                        + "\"ldap\": {\"url\": \"ldap://x\", \"user_tree_dn\": \"cn=x\"}}}")
                .example("POST /v3/users/{user_id}/application_credentials", "{\"application_credential\": "
                        + "{\"name\": \"ac\", \"description\": \"d\", \"secret\": \"s\", \"expires_at\": "
                        + "\"2999-01-01T00:00:00\", \"unrestricted\": false, \"roles\": [{\"name\": \"member\"}], "
                        + "\"access_rules\": [{\"service\": \"identity\", \"method\": \"GET\", \"path\": "
                        + "\"/v3/users\"}]}}")
                .example("POST /v3/OS-TRUST/trusts", "{\"trust\": {\"trustor_user_id\": \"" + member.userId()
                        + "\", \"trustee_user_id\": \"" + reader + "\", \"impersonation\": false, "
                        + "\"project_id\": \"" + member.projectId() + "\", \"roles\": [{\"name\": \"member\"}], "
                        + "\"expires_at\": \"2999-01-01T00:00:00Z\", \"remaining_uses\": 3, "
                        + "\"allow_redelegation\": true, \"redelegation_count\": 1}}")
                .example("PUT /v3/projects/{id}/tags", "{\"tags\": [\"a\", \"b\"]}")
                .example("PATCH /v3/domains/{id}/config/{group}", "{\"config\": {\"identity\": {\"driver\": "
                        + "\"sql\"}}}")
                .run();
        System.out.println(report.details());
        assertTrue(report.clean(), report.details());
    }
}
