package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * OS-TRUST against the real PostgreSQL and RabbitMQ: trusts' lifecycle, trust-scoped tokens with the delegated
 * roles, impersonation, limited uses, redelegation, and revocation when a trust is deleted.
 */
@QuarkusTest
class TrustApiTest {

    /** A trust-scoped token for the trustee (by password). */
    static String trustToken(Fixtures.Member trustee, String trustId) {
        return trustScope(trustee, trustId).then().statusCode(201).extract().header("X-Subject-Token");
    }

    static Response trustScope(Fixtures.Member trustee, String trustId) {
        return given().contentType(ContentType.JSON).body(Map.of("auth", Map.of(
                        "identity", Map.of("methods", List.of("password"), "password",
                                Map.of("user", Map.of("id", trustee.userId(), "password", trustee.password()))),
                        "scope", Map.of("OS-TRUST:trust", Map.of("id", trustId)))))
                .post("/v3/auth/tokens");
    }

    private static Map<String, Object> trust(Fixtures.Member trustor, Fixtures.Member trustee, boolean impersonation,
                                             Object... more) {
        Map<String, Object> t = new HashMap<>(Map.of("trustor_user_id", trustor.userId(), "trustee_user_id",
                trustee.userId(), "impersonation", impersonation, "project_id", trustor.projectId(),
                "roles", List.of(Map.of("name", "member"))));
        for (int i = 0; i < more.length; i += 2) {
            t.put((String) more[i], more[i + 1]);
        }
        return Map.of("trust", t);
    }

    @Test
    void lifecycleRolesAndTrustScopedTokens() {
        String admin = Fixtures.adminToken();
        Fixtures.Member trustor = Fixtures.member(admin);
        Fixtures.Member trustee = Fixtures.member(admin);
        String expires = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        Response created = as(trustor.token()).body(trust(trustor, trustee, false, "expires_at", expires))
                .post("/v3/OS-TRUST/trusts");
        created.then().statusCode(201)
                .body("trust.trustor_user_id", equalTo(trustor.userId()))
                .body("trust.trustee_user_id", equalTo(trustee.userId()))
                .body("trust.project_id", equalTo(trustor.projectId()))
                .body("trust.impersonation", equalTo(false))
                .body("trust.expires_at", equalTo(expires.replace("Z", ".000000Z")))
                .body("trust.remaining_uses", nullValue())
                .body("trust.roles.name", equalTo(List.of("member")))
                .body("trust.links.self", containsString("/v3/OS-TRUST/trusts/"))
                .body("trust.roles_links.self", containsString("/roles"));
        String id = created.path("trust.id");
        String memberId = Fixtures.roleId(admin, "member");

        as(trustee.token()).get("/v3/OS-TRUST/trusts/" + id).then().statusCode(200)
                .body("trust.roles[0].id", equalTo(memberId));
        as(trustor.token()).get("/v3/OS-TRUST/trusts/" + id + "/roles").then().statusCode(200)
                .body("roles.id", equalTo(List.of(memberId)));
        as(trustor.token()).get("/v3/OS-TRUST/trusts/" + id + "/roles/" + memberId).then().statusCode(200)
                .body("role.name", equalTo("member"));
        as(trustor.token()).head("/v3/OS-TRUST/trusts/" + id + "/roles/" + memberId).then().statusCode(200);
        as(trustor.token()).get("/v3/OS-TRUST/trusts/" + id + "/roles/" + Fixtures.roleId(admin, "admin"))
                .then().statusCode(404);
        as(trustor.token()).get("/v3/OS-TRUST/trusts?trustor_user_id=" + trustor.userId()).then().statusCode(200)
                .body("trusts.id", equalTo(List.of(id))).body("trusts[0].roles", nullValue());
        as(trustee.token()).get("/v3/OS-TRUST/trusts?trustee_user_id=" + trustee.userId()).then().statusCode(200)
                .body("trusts.id", hasItem(id));
        as(admin).get("/v3/OS-TRUST/trusts").then().statusCode(200).body("trusts.id", hasItem(id));
        // only admins list everyone's; nobody lists someone else's
        as(trustee.token()).get("/v3/OS-TRUST/trusts").then().statusCode(403);
        as(trustee.token()).get("/v3/OS-TRUST/trusts?trustor_user_id=" + trustor.userId()).then().statusCode(403);
        Fixtures.Member stranger = Fixtures.member(admin);
        as(stranger.token()).get("/v3/OS-TRUST/trusts/" + id).then().statusCode(403);

        Response scoped = trustScope(trustee, id);
        scoped.then().statusCode(201)
                .body("token.user.id", equalTo(trustee.userId()))
                .body("token.project.id", equalTo(trustor.projectId()))
                .body("token.roles.name", hasItem("member"))
                .body("token.roles.name", not(hasItem("admin")))
                .body("token['OS-TRUST:trust'].id", equalTo(id))
                .body("token['OS-TRUST:trust'].trustor_user.id", equalTo(trustor.userId()))
                .body("token['OS-TRUST:trust'].trustee_user.id", equalTo(trustee.userId()))
                .body("token['OS-TRUST:trust'].impersonation", equalTo(false));
        String trustToken = scoped.header("X-Subject-Token");
        as(trustToken).get("/v3/projects/" + trustor.projectId()).then().statusCode(200);
        // a trust-scoped token is not exchanged for another token
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("identity", Map.of("methods",
                List.of("token"), "token", Map.of("id", trustToken))))).post("/v3/auth/tokens").then()
                .statusCode(403);
        // only its trustee uses a trust
        trustScope(stranger, id).then().statusCode(403);

        // the trustee cannot delete it; the trustor can, and its tokens stop at once
        as(trustee.token()).delete("/v3/OS-TRUST/trusts/" + id).then().statusCode(403);
        as(trustor.token()).delete("/v3/OS-TRUST/trusts/" + id).then().statusCode(204);
        as(trustToken).get("/v3/projects/" + trustor.projectId()).then().statusCode(401);
        as(trustor.token()).get("/v3/OS-TRUST/trusts/" + id).then().statusCode(404);
        trustScope(trustee, id).then().statusCode(401);
    }

    @Test
    void impersonationMakesTheTokenTheTrustorsAndUsesRunOut() {
        String admin = Fixtures.adminToken();
        Fixtures.Member trustor = Fixtures.member(admin);
        Fixtures.Member trustee = Fixtures.member(admin);
        String id = as(trustor.token()).body(trust(trustor, trustee, true, "remaining_uses", 2))
                .post("/v3/OS-TRUST/trusts").then().statusCode(201).body("trust.remaining_uses", equalTo(2))
                .extract().path("trust.id");
        trustScope(trustee, id).then().statusCode(201).body("token.user.id", equalTo(trustor.userId()))
                .body("token['OS-TRUST:trust'].impersonation", equalTo(true));
        as(trustor.token()).get("/v3/OS-TRUST/trusts/" + id).then().statusCode(200)
                .body("trust.remaining_uses", equalTo(1));
        trustScope(trustee, id).then().statusCode(201);
        trustScope(trustee, id).then().statusCode(401);
        as(trustor.token()).get("/v3/OS-TRUST/trusts/" + id).then().statusCode(404);
    }

    @Test
    void theTrustorLosingTheRoleOrBeingDisabledEndsTheTrustsTokens() {
        String admin = Fixtures.adminToken();
        Fixtures.Member trustor = Fixtures.member(admin);
        Fixtures.Member trustee = Fixtures.member(admin);
        String id = as(trustor.token()).body(trust(trustor, trustee, false)).post("/v3/OS-TRUST/trusts").then()
                .statusCode(201).extract().path("trust.id");
        String token = trustToken(trustee, id);
        String member = Fixtures.roleId(admin, "member");
        as(admin).delete("/v3/projects/" + trustor.projectId() + "/users/" + trustor.userId() + "/roles/" + member)
                .then().statusCode(204);
        as(token).get("/v3/projects/" + trustor.projectId()).then().statusCode(401);
        trustScope(trustee, id).then().statusCode(403);
        Fixtures.grant(admin, trustor.projectId(), trustor.userId(), member);
        String again = trustToken(trustee, id);
        as(admin).body(Map.of("user", Map.of("enabled", false))).patch("/v3/users/" + trustor.userId())
                .then().statusCode(200);
        as(again).get("/v3/projects/" + trustor.projectId()).then().statusCode(401);
        trustScope(trustee, id).then().statusCode(403);
    }

    @Test
    void redelegationOnlyWhereTheTrustAllowsIt() {
        String admin = Fixtures.adminToken();
        Fixtures.Member trustor = Fixtures.member(admin);
        Fixtures.Member trustee = Fixtures.member(admin);
        Fixtures.Member third = Fixtures.member(admin);
        String plain = as(trustor.token()).body(trust(trustor, trustee, true)).post("/v3/OS-TRUST/trusts").then()
                .statusCode(201).body("trust.redelegation_count", equalTo(0)).extract().path("trust.id");
        String plainToken = trustToken(trustee, plain);
        // impersonating: the token is the trustor's, who is the new trust's trustor
        as(plainToken).body(trust(trustor, third, true)).post("/v3/OS-TRUST/trusts").then().statusCode(403);

        String redelegatable = as(trustor.token()).body(trust(trustor, trustee, true, "allow_redelegation", true,
                        "redelegation_count", 2)).post("/v3/OS-TRUST/trusts").then().statusCode(201)
                .body("trust.redelegation_count", equalTo(2)).extract().path("trust.id");
        String token = trustToken(trustee, redelegatable);
        Response child = as(token).body(trust(trustor, third, true, "allow_redelegation", true))
                .post("/v3/OS-TRUST/trusts");
        child.then().statusCode(201).body("trust.redelegated_trust_id", equalTo(redelegatable))
                .body("trust.redelegation_count", equalTo(1));
        String childId = child.path("trust.id");
        String childToken = trustToken(third, childId);
        as(childToken).get("/v3/projects/" + trustor.projectId()).then().statusCode(200);
        // more roles than the parent delegates: refused
        as(token).body(Map.of("trust", Map.of("trustor_user_id", trustor.userId(), "trustee_user_id",
                        third.userId(), "impersonation", true, "project_id", trustor.projectId(),
                        "roles", List.of(Map.of("name", "reader"), Map.of("name", "member")))))
                .post("/v3/OS-TRUST/trusts").then().statusCode(403);
        // deleting the parent deletes the redelegated trust and revokes its tokens
        as(trustor.token()).delete("/v3/OS-TRUST/trusts/" + redelegatable).then().statusCode(204);
        as(childToken).get("/v3/projects/" + trustor.projectId()).then().statusCode(401);
        as(admin).get("/v3/OS-TRUST/trusts/" + childId).then().statusCode(404);
        // redelegation deeper than allowed is refused
        as(trustor.token()).body(trust(trustor, trustee, true, "allow_redelegation", true,
                "redelegation_count", 99)).post("/v3/OS-TRUST/trusts").then().statusCode(403);
        as(trustor.token()).body(trust(trustor, trustee, true, "allow_redelegation", true,
                "remaining_uses", 3)).post("/v3/OS-TRUST/trusts").then().statusCode(400);
    }

    @Test
    void badInputGetsKeystonesErrorShape() {
        String admin = Fixtures.adminToken();
        Fixtures.Member trustor = Fixtures.member(admin);
        Fixtures.Member trustee = Fixtures.member(admin);
        String t = "/v3/OS-TRUST/trusts";
        as(trustor.token()).body(trust(trustor, trustee, true, "expires_at", "bad.123Z")).post(t).then()
                .statusCode(400).body("error.code", equalTo(400)).body("error.title", equalTo("Bad Request"));
        as(trustor.token()).body(Map.of("trust", Map.of("trustor_user_id", trustor.userId(), "trustee_user_id",
                trustee.userId()))).post(t).then().statusCode(400).body("error.message",
                containsString("impersonation"));
        as(trustor.token()).body(trust(trustor, trustee, false)).post(t).then().statusCode(201);
        as(trustor.token()).body(trust(trustor, trustee, true, "remaining_uses", 0)).post(t).then().statusCode(400);
        as(trustor.token()).body(trust(trustor, trustee, true, "remaining_uses", "1")).post(t).then().statusCode(400);
        as(trustor.token()).body(trust(trustor, trustee, true, "roles", List.of())).post(t).then().statusCode(403);
        as(trustor.token()).body(trust(trustor, trustee, true, "roles", List.of(Map.of("name", "admin"))))
                .post(t).then().statusCode(404);
        as(trustor.token()).body(trust(trustor, trustee, true, "trustee_user_id", "nobody")).post(t).then()
                .statusCode(404);
        as(trustor.token()).body(trust(trustor, trustee, true, "project_id", "nowhere")).post(t).then()
                .statusCode(404);
        as(trustee.token()).body(trust(trustor, trustee, true)).post(t).then().statusCode(403)
                .body("error.message", containsString("identity:create_trust"));
        as(trustor.token()).body("{\"trust\": 1}").post(t).then().statusCode(400);
        as(trustor.token()).get(t + "/0123456789abcdef0123456789abcdef").then().statusCode(404)
                .body("error.message", containsString("Could not find trust"));
        as(trustor.token()).delete(t + "/0123456789abcdef0123456789abcdef").then().statusCode(404);
        trustScope(trustee, "0123456789abcdef0123456789abcdef").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("identity", Map.of("methods",
                        List.of("password"), "password", Map.of("user", Map.of("id", trustee.userId(),
                                "password", trustee.password()))), "scope", Map.of("OS-TRUST:trust", Map.of()))))
                .post("/v3/auth/tokens").then().statusCode(400);
    }
}
