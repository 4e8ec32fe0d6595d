package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code /v3/credentials} and OS-EC2 {@code /v3/users/{id}/credentials/OS-EC2}. */
@QuarkusTest
class CredentialApiTest {

    private String admin;

    @BeforeEach
    void login() {
        admin = Fixtures.adminToken();
    }

    private static String sha256(String s) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private static Map<String, Object> credential(String userId, String projectId, String type, String blob) {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("user_id", userId);
        if (projectId != null) {
            c.put("project_id", projectId);
        }
        c.put("type", type);
        c.put("blob", blob);
        return Map.of("credential", c);
    }

    @Test
    void ec2CredentialIsNamedByTheHashOfItsAccessKeyAndKeepsItsBlobAsAString() throws Exception {
        Fixtures.Member m = Fixtures.member(admin);
        String access = Fixtures.unique("access");
        String blob = "{\"access\": \"" + access + "\", \"secret\": \"s3cr3t\"}";
        String id = as(admin).body(credential(m.userId(), m.projectId(), "ec2", blob))
                .when().post("/v3/credentials")
                .then().statusCode(201)
                .body("credential.user_id", equalTo(m.userId()))
                .body("credential.project_id", equalTo(m.projectId()))
                .body("credential.type", equalTo("ec2"))
                .body("credential.blob", equalTo(blob))
                .body("credential.links.self", containsString("/v3/credentials/"))
                .extract().path("credential.id");
        assertEquals(sha256(access), id);

        // the same access key again is a conflict
        as(admin).body(credential(m.userId(), m.projectId(), "ec2", blob)).when().post("/v3/credentials")
                .then().statusCode(409);

        String newBlob = "{\"access\": \"" + access + "-2\", \"secret\": \"other\"}";
        String otherProject = Fixtures.createProject(admin, Fixtures.unique("project"));
        as(admin).body(Map.of("credential", Map.of("blob", newBlob, "project_id", otherProject)))
                .when().patch("/v3/credentials/" + id)
                .then().statusCode(200)
                .body("credential.id", equalTo(id))
                .body("credential.blob", equalTo(newBlob))
                .body("credential.project_id", equalTo(otherProject));
        as(admin).when().get("/v3/credentials/" + id)
                .then().statusCode(200).body("credential.blob", equalTo(newBlob));

        as(admin).when().get("/v3/credentials").then().statusCode(200).body("credentials.id", hasItem(id));
        as(admin).queryParam("type", "totp").when().get("/v3/credentials")
                .then().statusCode(200).body("credentials.id", not(hasItem(id)));

        as(admin).when().delete("/v3/credentials/" + id).then().statusCode(204);
        as(admin).when().get("/v3/credentials/" + id).then().statusCode(404)
                .body("error.code", equalTo(404));
    }

    @Test
    void badCredentialsAreRefusedNamingTheField() {
        Fixtures.Member m = Fixtures.member(admin);
        as(admin).body(credential(m.userId(), null, "ec2", "{\"access\": \"a\"}")).when().post("/v3/credentials")
                .then().statusCode(400).body("error.message", containsString("project_id"));
        as(admin).body(credential(m.userId(), m.projectId(), "ec2", "not json")).when().post("/v3/credentials")
                .then().statusCode(400).body("error.message", containsString("'blob'"));
        as(admin).body(credential(m.userId(), m.projectId(), "ec2", "{\"secret\": \"s\"}"))
                .when().post("/v3/credentials")
                .then().statusCode(400).body("error.message", containsString("'blob'"));
        as(admin).body(Map.of("credential", Map.of("user_id", m.userId(), "type", "totp", "blob", Map.of("a", 1))))
                .when().post("/v3/credentials")
                .then().statusCode(400).body("error.message", containsString("'blob'"));
        as(admin).body(Map.of("credential", Map.of("user_id", m.userId(), "blob", "x")))
                .when().post("/v3/credentials")
                .then().statusCode(400).body("error.message", containsString("'type'"));
        as(admin).body(credential("no-such-user", null, "totp", "x")).when().post("/v3/credentials")
                .then().statusCode(400).body("error.message", containsString("'user_id'"));
        as(admin).body(credential(m.userId(), "no-such-project", "totp", "x")).when().post("/v3/credentials")
                .then().statusCode(400).body("error.message", containsString("'project_id'"));
        as(admin).body(List.of()).when().post("/v3/credentials").then().statusCode(400);
        String id = as(admin).body(credential(m.userId(), null, "totp", "x")).when().post("/v3/credentials")
                .then().statusCode(201).extract().path("credential.id");
        as(admin).body(Map.of("credential", Map.of("type", 7))).when().patch("/v3/credentials/" + id)
                .then().statusCode(400).body("error.message", containsString("'type'"));
        as(admin).body(Map.of("credential", Map.of("type", "ec2"))).when().patch("/v3/credentials/" + id)
                .then().statusCode(400).body("error.message", containsString("'project_id'"));
        as(admin).body(Map.of("credential", Map.of("blob", "y"))).when().patch("/v3/credentials/no-such-credential")
                .then().statusCode(404);
    }

    @Test
    void aUserManagesTheirOwnCredentialsOnly() {
        Fixtures.Member m = Fixtures.member(admin);
        Fixtures.Member other = Fixtures.member(admin);
        String mine = as(m.token()).body(credential(m.userId(), null, "totp", "seed"))
                .when().post("/v3/credentials")
                .then().statusCode(201).extract().path("credential.id");
        String theirs = as(admin).body(credential(other.userId(), null, "totp", "seed"))
                .when().post("/v3/credentials")
                .then().statusCode(201).extract().path("credential.id");

        // a listing shows only the caller's own
        as(m.token()).when().get("/v3/credentials").then().statusCode(200)
                .body("credentials.id", hasItem(mine)).body("credentials.id", not(hasItem(theirs)));
        as(m.token()).when().get("/v3/credentials/" + theirs).then().statusCode(403);
        as(m.token()).body(Map.of("credential", Map.of("blob", "x"))).when().patch("/v3/credentials/" + theirs)
                .then().statusCode(403);
        as(m.token()).when().delete("/v3/credentials/" + theirs).then().statusCode(403);
        as(m.token()).body(credential(other.userId(), null, "totp", "x")).when().post("/v3/credentials")
                .then().statusCode(403);
        // nor can they hand their own to someone else
        as(m.token()).body(Map.of("credential", Map.of("user_id", other.userId())))
                .when().patch("/v3/credentials/" + mine)
                .then().statusCode(403);

        as(m.token()).when().delete("/v3/credentials/" + mine).then().statusCode(204);
    }

    @Test
    void ec2KeyPairsOfANonAdminUser() throws Exception {
        Fixtures.Member m = Fixtures.member(admin);
        String base = "/v3/users/" + m.userId() + "/credentials/OS-EC2";
        var created = as(m.token()).body(Map.of("tenant_id", m.projectId()))
                .when().post(base)
                .then().statusCode(201)
                .body("credential.user_id", equalTo(m.userId()))
                .body("credential.tenant_id", equalTo(m.projectId()))
                .body("credential.secret", notNullValue())
                .body("credential.trust_id", nullValue())
                .extract();
        String access = created.path("credential.access");
        String secret = created.path("credential.secret");

        as(m.token()).when().get(base).then().statusCode(200).body("credentials.access", hasItem(access));
        as(m.token()).when().get(base + "/" + access).then().statusCode(200)
                .body("credential.access", equalTo(access))
                .body("credential.secret", equalTo(secret))
                .body("credential.links.self", containsString(base + "/" + access));
        // the same key pair, seen as a plain credential
        as(admin).when().get("/v3/credentials/" + sha256(access)).then().statusCode(200)
                .body("credential.type", equalTo("ec2"))
                .body("credential.project_id", equalTo(m.projectId()));

        // someone else may not look at or make this user's key pairs
        Fixtures.Member other = Fixtures.member(admin);
        as(other.token()).when().get(base).then().statusCode(403);
        as(other.token()).when().get(base + "/" + access).then().statusCode(403);
        as(other.token()).body(Map.of("tenant_id", other.projectId())).when().post(base).then().statusCode(403);
        // and the key pair is not found under another user
        as(admin).when().get("/v3/users/" + other.userId() + "/credentials/OS-EC2/" + access).then().statusCode(404);

        as(m.token()).when().delete(base + "/" + access).then().statusCode(204);
        as(m.token()).when().get(base + "/" + access).then().statusCode(404);
        as(m.token()).when().delete(base + "/" + access).then().statusCode(404);
    }

    @Test
    void badEc2RequestsAreRefused() {
        Fixtures.Member m = Fixtures.member(admin);
        String base = "/v3/users/" + m.userId() + "/credentials/OS-EC2";
        as(m.token()).body(Map.of()).when().post(base)
                .then().statusCode(400).body("error.message", containsString("'tenant_id'"));
        as(m.token()).body(Map.of("tenant_id", 12)).when().post(base)
                .then().statusCode(400).body("error.message", containsString("'tenant_id'"));
        as(m.token()).body(Map.of("tenant_id", "no-such-project")).when().post(base)
                .then().statusCode(400).body("error.message", containsString("'tenant_id'"));
        as(admin).body(Map.of("tenant_id", m.projectId())).when().post("/v3/users/no-such-user/credentials/OS-EC2")
                .then().statusCode(404);
    }

    @Test
    void deletingTheUserDeletesTheirCredentials() {
        Fixtures.Member m = Fixtures.member(admin);
        String id = as(admin).body(credential(m.userId(), m.projectId(), "totp", "seed"))
                .when().post("/v3/credentials")
                .then().statusCode(201).extract().path("credential.id");
        as(admin).when().delete("/v3/users/" + m.userId()).then().statusCode(204);
        as(admin).when().get("/v3/credentials/" + id).then().statusCode(404);
    }
}
