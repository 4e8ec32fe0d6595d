package io.jstack.compute;

import io.jstack.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class KeypairApiTest {

    private static final String PUBLIC_KEY = io.jstack.compute.service.SshKeys.generate().publicKey();

    @Test
    void generatedKeyIsReturnedOnce() {
        String name = "k-" + UUID.randomUUID().toString().substring(0, 8);
        Nova.member("2.10").body(Map.of("keypair", Map.of("name", name))).post("/v2.1/os-keypairs").then()
                .statusCode(201).body("keypair.private_key", containsString("BEGIN RSA PRIVATE KEY"))
                .body("keypair.public_key", containsString("ssh-rsa "))
                .body("keypair.fingerprint", matchesPattern("^([0-9a-f]{2}:){15}[0-9a-f]{2}$"))
                .body("keypair.type", equalTo("ssh")).body("keypair.user_id", equalTo(Nova.USER));
        Nova.member("2.10").get("/v2.1/os-keypairs/" + name).then().statusCode(200)
                .body("keypair", not(hasKey("private_key"))).body("keypair.deleted", equalTo(false));
        Nova.member().get("/v2.1/os-keypairs").then().statusCode(200)
                .body("keypairs.keypair.name", hasItem(name)).body("keypairs[0].keypair", not(hasKey("type")));
        Nova.member("2.10").body(Map.of("keypair", Map.of("name", name))).post("/v2.1/os-keypairs").then()
                .statusCode(409);
        Nova.member("2.10").delete("/v2.1/os-keypairs/" + name).then().statusCode(204);
        Nova.member().get("/v2.1/os-keypairs/" + name).then().statusCode(404);
    }

    @Test
    void importedKeyKeepsItsPublicKeyAndAdminsActForUsers() {
        String name = "imp-" + UUID.randomUUID().toString().substring(0, 8);
        Nova.member().body(Map.of("keypair", Map.of("name", name, "public_key", PUBLIC_KEY))).post("/v2.1/os-keypairs")
                .then().statusCode(200).body("keypair.public_key", equalTo(PUBLIC_KEY))
                .body("keypair", not(hasKey("private_key")));
        // another user does not see it; an admin can, by user_id (2.10)
        Nova.other().get("/v2.1/os-keypairs/" + name).then().statusCode(404);
        Nova.admin("2.10").get("/v2.1/os-keypairs/" + name + "?user_id=" + Nova.USER).then().statusCode(200);
        Nova.other().header("OpenStack-API-Version", "compute 2.10")
                .get("/v2.1/os-keypairs/" + name + "?user_id=" + Nova.USER).then().statusCode(403);
        String forOther = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        Nova.admin("2.10").body(Map.of("keypair", Map.of("name", forOther, "user_id", Nova.OTHER_USER,
                "public_key", PUBLIC_KEY))).post("/v2.1/os-keypairs").then().statusCode(201)
                .body("keypair.user_id", equalTo(Nova.OTHER_USER));
        Nova.other().get("/v2.1/os-keypairs/" + forOther).then().statusCode(200);
        Nova.member().delete("/v2.1/os-keypairs/" + name).then().statusCode(202);
    }

    @Test
    void x509KeyPairsAreGeneratedAsCertificates() {
        String name = "x509-" + UUID.randomUUID().toString().substring(0, 8);
        String cert = Nova.member("2.2").body(Map.of("keypair", Map.of("name", name, "type", "x509")))
                .post("/v2.1/os-keypairs").then().statusCode(201).body("keypair.type", equalTo("x509"))
                .body("keypair.private_key", containsString("PRIVATE KEY"))
                .body("keypair.public_key", containsString("BEGIN CERTIFICATE"))
                .body("keypair.fingerprint", matchesPattern("^([0-9a-f]{2}:){19}[0-9a-f]{2}$"))
                .extract().path("keypair.public_key");
        // the certificate is a real one: importing it gives the same fingerprint
        String fingerprint = io.jstack.compute.service.SshKeys.fingerprint(cert, "x509");
        Nova.member("2.2").get("/v2.1/os-keypairs/" + name).then().body("keypair.fingerprint",
                equalTo(fingerprint));
    }

    @Test
    void badKeypairsAre400() {
        Nova.member().body(Map.of("keypair", Map.of("name", "bad/name"))).post("/v2.1/os-keypairs").then()
                .statusCode(400);
        Nova.member().body(Map.of("keypair", Map.of("name", "x".repeat(256)))).post("/v2.1/os-keypairs").then()
                .statusCode(400);
        Nova.member().body(Map.of("keypair", Map.of("name", "ok", "public_key", "ssh-rsa not-a-key"))).post(
                "/v2.1/os-keypairs").then().statusCode(400).body("badRequest.message", containsString("invalid"));
        Nova.member().body(Map.of("keypair", Map.of())).post("/v2.1/os-keypairs").then().statusCode(400);
        Nova.member("2.92").body(Map.of("keypair", Map.of("name", "gen"))).post("/v2.1/os-keypairs").then()
                .statusCode(400);
        Nova.member("2.2").body(Map.of("keypair", Map.of("name", "t", "type", "pgp"))).post("/v2.1/os-keypairs")
                .then().statusCode(400);
    }

    @Test
    void keypairQuotaIsEnforced() {
        String project = UUID.randomUUID().toString().replace("-", "");
        String user = "quota-user-" + UUID.randomUUID();
        Nova.admin().body(Map.of("quota_set", Map.of("key_pairs", 2))).put("/v2.1/os-quota-sets/" + project)
                .then().statusCode(200);
        var as = Nova.as(TestTokens.token(user, project, "member"));
        for (int n = 0; n < 2; n++) {
            Nova.as(TestTokens.token(user, project, "member")).body(Map.of("keypair", Map.of("name", "q" + n,
                    "public_key", PUBLIC_KEY))).post("/v2.1/os-keypairs").then().statusCode(200);
        }
        as.body(Map.of("keypair", Map.of("name", "q3", "public_key", PUBLIC_KEY))).post("/v2.1/os-keypairs")
                .then().statusCode(403);
        Nova.as(TestTokens.token(user, project, "member")).get("/v2.1/os-keypairs").then()
                .body("keypairs", hasSize(2));
    }
}
