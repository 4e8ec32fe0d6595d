package io.jstack.image;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.jstack.image.Api.op;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploading and downloading image data: integrity, immutability, ranges, failures mid-way. */
@QuarkusTest
class ImageDataTest {

    private final String project = Api.newProject();
    private final Api member = Api.member(project);

    @Test
    void uploadComputesChecksumsAndDownloadReturnsTheSameBytes() {
        byte[] data = Api.bytes(3_000_001);
        String id = member.active(data, Map.of());
        member.show(id).then().statusCode(200)
                .body("size", equalTo(data.length)).body("checksum", equalTo(Api.md5(data)))
                .body("os_hash_algo", equalTo("sha512")).body("os_hash_value", equalTo(Api.sha512(data)))
                .body("stores", equalTo("file")).body("status", equalTo("active"));
        byte[] back = member.given().get("/v2/images/" + id + "/file").then().statusCode(200)
                .header("Content-MD5", Api.md5(data)).header("Content-Length", String.valueOf(data.length))
                .contentType("application/octet-stream").extract().asByteArray();
        assertArrayEquals(data, back);
        assertArrayEquals(data, readStored(id));
    }

    private static byte[] readStored(String id) {
        try {
            return Files.readAllBytes(Path.of("target/test-images").resolve(id));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void chunkedUploadsWork() {
        byte[] data = Api.bytes(2_500_000);
        String id = member.create();
        member.given().contentType("application/octet-stream").body(new ByteArrayInputStream(data))
                .put("/v2/images/" + id + "/file").then().statusCode(204);
        member.show(id).then().body("checksum", equalTo(Api.md5(data))).body("size", equalTo(data.length));
    }

    @Test
    void anEmptyImageIsAnImageToo() {
        String id = member.active(new byte[0], Map.of());
        member.show(id).then().body("size", equalTo(0)).body("checksum", equalTo(Api.md5(new byte[0])));
        member.given().get("/v2/images/" + id + "/file").then().statusCode(200).header("Content-Length", "0");
    }

    @Test
    void imageDataIsImmutable() {
        byte[] data = Api.bytes(1000);
        String id = member.active(data, Map.of());
        member.upload(id, Api.bytes(2000)).then().statusCode(409).body("code", equalTo("409 Conflict"));
        member.given().contentType("application/octet-stream").body(Api.bytes(10)).put("/v2/images/" + id + "/stage")
                .then().statusCode(409);
        member.show(id).then().body("checksum", equalTo(Api.md5(data)));
        assertArrayEquals(data, readStored(id));
    }

    @Test
    void noDataYetIs204() {
        String id = member.create();
        member.given().get("/v2/images/" + id + "/file").then().statusCode(204);
    }

    @Test
    void uploadsNeedOctetStreamAndFormats() {
        String id = member.create();
        member.given().contentType(ContentType.JSON).body("{}").put("/v2/images/" + id + "/file").then()
                .statusCode(415);
        member.given().contentType("text/plain").body("abc").put("/v2/images/" + id + "/file").then().statusCode(415);
        member.show(id).then().body("status", equalTo("queued"));
        String bare = member.given().contentType(ContentType.JSON).body(Map.of()).post("/v2/images").then()
                .extract().path("id");
        member.upload(bare, Api.bytes(10)).then().statusCode(400);
        member.show(bare).then().body("status", equalTo("queued"));
        member.given().contentType("application/octet-stream").header("X-Image-Meta-Store", "swift")
                .body(Api.bytes(10)).put("/v2/images/" + id + "/file").then().statusCode(400);
    }

    @Test
    void contentMd5IsChecked() {
        byte[] data = Api.bytes(70_000);
        String hex = Api.md5(data);
        String id = member.create();
        member.given().contentType("application/octet-stream").header("Content-MD5", hex).body(data)
                .put("/v2/images/" + id + "/file").then().statusCode(204);
        String b64 = member.create();
        member.given().contentType("application/octet-stream")
                .header("Content-MD5", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex))).body(data)
                .put("/v2/images/" + b64 + "/file").then().statusCode(204);

        String corrupt = member.create();
        member.given().contentType("application/octet-stream").header("Content-MD5", Api.md5(new byte[]{1}))
                .body(data).put("/v2/images/" + corrupt + "/file").then().statusCode(400);
        member.show(corrupt).then().body("status", equalTo("killed")).body("size", nullValue())
                .body("checksum", nullValue());
        member.given().get("/v2/images/" + corrupt + "/file").then().statusCode(204);
        member.upload(corrupt, data).then().statusCode(409);
        List<String> listed = member.given().get("/v2/images?owner=" + project).then().extract().path("images.id");
        assertFalse(listed.contains(corrupt), "killed images stay out of lists");
        assertFalse(Files.exists(Path.of("target/test-images").resolve(corrupt)));
        member.given().delete("/v2/images/" + corrupt).then().statusCode(204);
    }

    @Test
    void rangeRequests() {
        byte[] data = Api.bytes(1000);
        String id = member.active(data, Map.of());
        byte[] part = member.given().header("Range", "bytes=10-19").get("/v2/images/" + id + "/file").then()
                .statusCode(206).header("Content-Range", "bytes 10-19/1000").header("Content-Length", "10")
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(data, 10, 20), part);
        assertArrayEquals(Arrays.copyOfRange(data, 995, 1000), member.given().header("Range", "bytes=-5")
                .get("/v2/images/" + id + "/file").then().statusCode(206).extract().asByteArray());
        assertArrayEquals(Arrays.copyOfRange(data, 900, 1000), member.given().header("Range", "bytes=900-")
                .get("/v2/images/" + id + "/file").then().statusCode(206).extract().asByteArray());
        member.given().header("Range", "bytes=1000-").get("/v2/images/" + id + "/file").then().statusCode(416);
    }

    @Test
    void deactivatedImagesAreDownloadableByAdminsOnly() {
        byte[] data = Api.bytes(500);
        String id = member.active(data, Map.of());
        member.given().post("/v2/images/" + id + "/actions/deactivate").then().statusCode(204);
        member.given().post("/v2/images/" + id + "/actions/deactivate").then().statusCode(204);
        member.show(id).then().body("status", equalTo("deactivated"));
        member.given().get("/v2/images/" + id + "/file").then().statusCode(403);
        assertArrayEquals(data, Api.admin().given().get("/v2/images/" + id + "/file").then().statusCode(200)
                .extract().asByteArray());
        member.upload(id, data).then().statusCode(409);
        member.given().post("/v2/images/" + id + "/actions/reactivate").then().statusCode(204);
        member.show(id).then().body("status", equalTo("active"));
        member.given().get("/v2/images/" + id + "/file").then().statusCode(200);

        String queued = member.create();
        member.given().post("/v2/images/" + queued + "/actions/deactivate").then().statusCode(403);
        member.given().post("/v2/images/" + queued + "/actions/reactivate").then().statusCode(403);
        Api other = Api.member(Api.newProject());
        other.given().post("/v2/images/" + id + "/actions/deactivate").then().statusCode(404);
    }

    @Test
    void onlyOwnersUploadAndMembersDownload() {
        String id = member.create();
        Api reader = Api.reader(project);
        reader.upload(id, Api.bytes(10)).then().statusCode(403);
        member.upload(id, Api.bytes(10)).then().statusCode(204);
        reader.given().get("/v2/images/" + id + "/file").then().statusCode(403);
        Api.member(Api.newProject()).given().get("/v2/images/" + id + "/file").then().statusCode(404);
        Api.member(Api.newProject()).upload(member.create(), Api.bytes(10)).then().statusCode(404);
    }

    @Test
    void aClientThatDisconnectsLeavesNothingBehind() throws Exception {
        String id = member.create();
        try (Socket s = new Socket("localhost", 19292)) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Auth-Token: " + io.jstack.common.testing.TestTokens.token(member.user(), project, "member", "reader")
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 5000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(Api.bytes(1_000_000));
            out.flush();
            waitFor(id, "saving");
        }
        waitFor(id, "queued");
        member.show(id).then().body("size", nullValue()).body("checksum", nullValue());
        member.given().get("/v2/images/" + id + "/file").then().statusCode(204);
        assertFalse(Files.exists(Path.of("target/test-images").resolve(id)));
        try (var partial = Files.list(Path.of("target/test-images/.incoming"))) {
            assertTrue(partial.noneMatch(p -> p.getFileName().toString().startsWith(id)), "partial data remains");
        }
        // and the upload can be done again
        byte[] data = Api.bytes(1234);
        member.upload(id, data).then().statusCode(204);
        member.show(id).then().body("checksum", equalTo(Api.md5(data)));
    }

    @Test
    void aClientThatStopsSendingTimesOut() throws Exception {
        String id = member.create();
        try (Socket s = new Socket("localhost", 19292)) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Auth-Token: " + io.jstack.common.testing.TestTokens.token(member.user(), project, "member", "reader")
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 500\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(Api.bytes(100));
            out.flush();
            waitFor(id, "saving");
            // the test profile's idle timeout is 5 s
            waitFor(id, "queued");
        }
    }

    private void waitFor(String id, String status) throws InterruptedException {
        String now = null;
        for (int i = 0; i < 200; i++) {
            now = member.show(id).then().extract().path("status");
            if (status.equals(now)) {
                return;
            }
            Thread.sleep(50);
        }
        assertEquals(status, now);
    }

    @Test
    void stagingKeepsTheDataAsideUntilImported() {
        String id = member.create();
        member.given().contentType("application/octet-stream").body(Api.bytes(4321)).put("/v2/images/" + id + "/stage")
                .then().statusCode(204);
        member.show(id).then().body("status", equalTo("uploading")).body("size", equalTo(4321))
                .body("checksum", nullValue());
        member.given().get("/v2/images/" + id + "/file").then().statusCode(204);
        member.upload(id, Api.bytes(10)).then().statusCode(409);
        member.patch(id, List.of(op("replace", "/name", "staged"))).then().statusCode(200);
    }
}
