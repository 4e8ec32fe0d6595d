package io.jstack.image;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interoperable import: stage + glance-direct, web-download from a local HTTP server, and their failures. */
@QuarkusTest
class ImportTest {

    private static final byte[] REMOTE = Api.bytes(777_777);
    private static Vertx vertx;
    /** The web server web-download may reach (the test settings allow 127.0.0.1:19294). */
    private static HttpServer server;
    /** A loopback server the settings do not allow: web-download must never reach it. */
    private static HttpServer internal;
    private static final java.util.concurrent.atomic.AtomicInteger INTERNAL_REQUESTS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static HttpServer identity;

    private final Api member = Api.member(Api.newProject());

    @BeforeAll
    static void remoteServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> {
            if (req.path().equals("/image.raw")) {
                req.response().putHeader("Content-Type", "application/octet-stream").end(Buffer.buffer(REMOTE));
            } else if (req.path().equals("/redirect")) {
                // /redirect?to=URL answers 302 to URL
                req.response().setStatusCode(302).putHeader("Location", req.getParam("to")).end();
            } else {
                req.response().setStatusCode(404).end();
            }
        }).listen(19294, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        internal = vertx.createHttpServer().requestHandler(req -> {
            INTERNAL_REQUESTS.incrementAndGet();
            req.response().putHeader("Content-Type", "application/octet-stream").end(Buffer.buffer(REMOTE));
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // the identity service's catalog, as glance-download reads it (the test configuration points here)
        String catalog = """
                {"catalog": [{"type": "image", "name": "glance", "id": "x", "endpoints": [
                  {"id": "1", "interface": "public", "region": "RegionOne", "region_id": "RegionOne",
                   "url": "http://localhost:19292"}]}]}""";
        identity = vertx.createHttpServer().requestHandler(req -> req.response()
                        .putHeader("Content-Type", "application/json").end(catalog))
                .listen(19293).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        server.close();
        internal.close();
        identity.close();
        vertx.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    private static String redirectTo(String target) {
        return url("/redirect?to=" + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8));
    }

    private Response importImage(String id, Map<String, Object> body) {
        return member.given().contentType(ContentType.JSON).body(body).post("/v2/images/" + id + "/import");
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
    void glanceDirectImportsStagedData() throws Exception {
        byte[] data = Api.bytes(1_234_567);
        String id = member.create();
        member.given().contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/stage").then()
                .statusCode(204);
        member.show(id).then().body("status", equalTo("uploading"));
        assertTrue(Files.exists(Path.of("target/test-images/.staging").resolve(id)));
        String requestId = importImage(id, Map.of("method", Map.of("name", "glance-direct")))
                .then().statusCode(202).extract().header("x-openstack-request-id");
        waitFor(id, "active");
        member.show(id).then().body("checksum", equalTo(Api.md5(data))).body("size", equalTo(data.length))
                .body("os_hash_value", equalTo(Api.sha512(data))).body("stores", equalTo("file"))
                .body("os_glance_importing_to_stores", equalTo(""));
        member.given().get("/v2/images/" + id + "/tasks").then().statusCode(200)
                .body("tasks.size()", equalTo(1)).body("tasks[0].status", equalTo("success"))
                .body("tasks[0].request_id", equalTo(requestId)).body("tasks[0].type", equalTo("api_image_import"))
                .body("tasks[0].input.import_req.method.name", equalTo("glance-direct"))
                .body("tasks[0].result.image_id", equalTo(id));
        assertFalse(Files.exists(Path.of("target/test-images/.staging").resolve(id)), "staged data stays behind");
        org.junit.jupiter.api.Assertions.assertArrayEquals(data, member.given().get("/v2/images/" + id + "/file")
                .then().statusCode(200).extract().asByteArray());
    }

    @Test
    void importChecksTheRequestAndTheStatus() {
        String id = member.create();
        importImage(id, Map.of("method", Map.of("name", "glance-direct"))).then().statusCode(409);
        importImage(id, Map.of("method", Map.of("name", "copy-everything"))).then().statusCode(400);
        importImage(id, Map.of("nomethod", 1)).then().statusCode(400);
        importImage(id, Map.of("method", Map.of("name", "web-download", "uri", "ftp://example.com/x"))).then()
                .statusCode(400);
        importImage(id, Map.of("method", Map.of("name", "web-download", "uri", url("/image.raw")),
                "stores", List.of("elsewhere"))).then().statusCode(409);
        importImage(id, Map.of("method", Map.of("name", "web-download"), "all_stores", "yes")).then().statusCode(400);
        String active = member.active(Api.bytes(10), Map.of());
        importImage(active, Map.of("method", Map.of("name", "web-download", "uri", url("/image.raw")))).then()
                .statusCode(409);
        String noFormats = member.given().contentType(ContentType.JSON).body(Map.of()).post("/v2/images").then()
                .extract().path("id");
        importImage(noFormats, Map.of("method", Map.of("name", "web-download", "uri", url("/image.raw")))).then()
                .statusCode(409);
        Api.member(Api.newProject()).given().contentType(ContentType.JSON)
                .body(Map.of("method", Map.of("name", "web-download", "uri", url("/image.raw"))))
                .post("/v2/images/" + id + "/import").then().statusCode(404);
    }

    @Test
    void webDownloadFetchesTheUrl() throws Exception {
        String id = member.create();
        importImage(id, Map.of("method", Map.of("name", "web-download", "uri", url("/image.raw")),
                "stores", List.of("file"))).then().statusCode(202);
        waitFor(id, "active");
        member.show(id).then().body("checksum", equalTo(Api.md5(REMOTE))).body("size", equalTo(REMOTE.length));
        member.given().get("/v2/images/" + id + "/tasks").then().body("tasks[0].status", equalTo("success"));
    }

    @Test
    void aFailedWebDownloadLeavesTheImageQueuedAndSaysWhere() throws Exception {
        String id = member.create(Map.of("keep", "me"));
        importImage(id, Map.of("method", Map.of("name", "web-download", "uri", url("/missing")))).then()
                .statusCode(202);
        String failed = null;
        for (int i = 0; i < 200 && failed == null; i++) {
            Thread.sleep(50);
            failed = member.show(id).then().extract().path("os_glance_failed_import");
            failed = failed == null || failed.isEmpty() ? null : failed;
        }
        assertEquals("file", failed);
        member.show(id).then().body("status", equalTo("queued")).body("keep", equalTo("me"));
        member.given().get("/v2/images/" + id + "/tasks").then().body("tasks[0].status", equalTo("failure"))
                .body("tasks[0].message", org.hamcrest.Matchers.containsString("404"));
        // and it may be tried again
        importImage(id, Map.of("method", Map.of("name", "web-download", "uri", url("/image.raw")))).then()
                .statusCode(202);
        waitFor(id, "active");
        member.show(id).then().body("os_glance_failed_import", equalTo(""));
    }

    @Test
    void concurrentImportsOfOneImageRunOnce() throws Exception {
        String id = member.create();
        member.given().contentType("application/octet-stream").body(Api.bytes(5000)).put("/v2/images/" + id + "/stage")
                .then().statusCode(204);
        List<Integer> codes = java.util.stream.IntStream.range(0, 6).parallel()
                .mapToObj(i -> importImage(id, Map.of("method", Map.of("name", "glance-direct"))).statusCode())
                .toList();
        assertEquals(1, codes.stream().filter(c -> c == 202).count(), codes.toString());
        assertEquals(5, codes.stream().filter(c -> c == 409).count(), codes.toString());
        waitFor(id, "active");
        member.given().get("/v2/images/" + id + "/tasks").then().body("tasks.size()", equalTo(1));
    }

    @Test
    void glanceDownloadCopiesAnotherImageWithTheChosenProperties() throws Exception {
        byte[] data = Api.bytes(300_000);
        String source = member.active(data, Map.of("disk_format", "qcow2", "container_format", "ovf",
                "hw_cpu_cores", "5", "trait:STORAGE_DISK_SSD", "required", "os_distro", "rhel", "speed", "88mph"));
        String target = member.create(Map.of("disk_format", "iso", "container_format", "bare", "hw_cpu_cores", "1",
                "os_distro", "windows"));
        importImage(target, Map.of("method", Map.of("name", "glance-download", "glance_image_id", source,
                "glance_region", "RegionOne", "glance_service_interface", "public"))).then().statusCode(202);
        waitFor(target, "active");
        member.show(target).then().body("checksum", equalTo(Api.md5(data)))
                .body("disk_format", equalTo("qcow2")).body("container_format", equalTo("ovf"))
                .body("hw_cpu_cores", equalTo("5")).body("'trait:STORAGE_DISK_SSD'", equalTo("required"))
                .body("os_distro", equalTo("rhel")).body("$", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasKey("speed")));
        member.given().get("/v2/images/" + target + "/tasks").then().body("tasks[0].status", equalTo("success"));
    }

    @Test
    void glanceDownloadFailuresLeaveTheImageAsItWas() throws Exception {
        String target = member.create(Map.of("hw_cpu_cores", "1"));
        importImage(target, Map.of("method", Map.of("name", "glance-download", "glance_image_id", "foo",
                "glance_region", "RegionOne"))).then().statusCode(400)
                .body("message", org.hamcrest.Matchers.containsString("image id does not look like a UUID"));
        importImage(target, Map.of("method", Map.of("name", "glance-download", "glance_image_id",
                java.util.UUID.randomUUID().toString()))).then().statusCode(400);
        for (Map<String, Object> method : List.of(
                Map.<String, Object>of("name", "glance-download", "glance_image_id", java.util.UUID.randomUUID().toString(),
                        "glance_region", "RegionOne"),
                Map.<String, Object>of("name", "glance-download", "glance_image_id", java.util.UUID.randomUUID().toString(),
                        "glance_region", "not a region", "glance_service_interface", "not an interface"))) {
            importImage(target, Map.of("method", method)).then().statusCode(202);
            String status = null;
            for (int i = 0; i < 200; i++) {
                List<String> tasks = member.given().get("/v2/images/" + target + "/tasks").then()
                        .extract().path("tasks.status");
                status = tasks.getLast();
                if (!status.equals("processing")) {
                    break;
                }
                Thread.sleep(50);
            }
            assertEquals("failure", status);
            member.show(target).then().body("status", equalTo("queued")).body("hw_cpu_cores", equalTo("1"));
        }
    }

    @Test
    void copyImageHasNothingToCopyWithOneStore() {
        String id = member.active(Api.bytes(100), Map.of());
        importImage(id, Map.of("method", Map.of("name", "copy-image"), "all_stores", true)).then().statusCode(403);
        Api.admin().given().contentType(ContentType.JSON)
                .body(Map.of("method", Map.of("name", "copy-image"), "all_stores", true,
                        "all_stores_must_succeed", false)).post("/v2/images/" + id + "/import").then().statusCode(202);
        member.show(id).then().body("os_glance_importing_to_stores", equalTo(""))
                .body("os_glance_failed_import", equalTo(""));
        Api.admin().given().contentType(ContentType.JSON).body(Map.of("method", Map.of("name", "copy-image"),
                "stores", List.of("file"))).post("/v2/images/" + id + "/import").then().statusCode(400);
        String queued = member.create();
        Api.admin().given().contentType(ContentType.JSON).body(Map.of("method", Map.of("name", "copy-image"),
                "all_stores", true)).post("/v2/images/" + queued + "/import").then().statusCode(409);
    }

    /** Waits for the import to end; a failed one leaves the image queued and names the store, as Glance. */
    private String failedImport(String id) throws InterruptedException {
        String failed = null;
        for (int i = 0; i < 400 && failed == null; i++) {
            Thread.sleep(50);
            failed = member.show(id).then().extract().path("os_glance_failed_import");
            failed = failed == null || failed.isEmpty() ? null : failed;
        }
        return failed;
    }

    @Test
    void webDownloadFollowsRedirectsItMayFollow() throws Exception {
        String id = member.create();
        importImage(id, Map.of("method", Map.of("name", "web-download", "uri",
                redirectTo(redirectTo(url("/image.raw")))))).then().statusCode(202);
        waitFor(id, "active");
        member.show(id).then().body("checksum", equalTo(Api.md5(REMOTE)));
    }

    @Test
    void webDownloadNeverReachesInternalAddresses() throws Exception {
        int before = INTERNAL_REQUESTS.get();
        String internalUrl = "http://127.0.0.1:" + internal.actualPort() + "/image.raw";
        // an address literal is refused with the request, as Glance refuses what its filters do not pass
        for (String uri : List.of(internalUrl, "http://169.254.169.254/latest/meta-data/", "http://[::1]:"
                + internal.actualPort() + "/x", "http://10.0.0.1/x", "http://0.0.0.0:" + internal.actualPort(),
                "http://2130706433:" + internal.actualPort() + "/x", "http://127.1:" + internal.actualPort() + "/x",
                "http://[::ffff:127.0.0.1]:" + internal.actualPort() + "/x")) {
            importImage(member.create(), Map.of("method", Map.of("name", "web-download", "uri", uri))).then()
                    .statusCode(400).body("message", org.hamcrest.Matchers.containsString("does not pass filtering"));
        }
        // a name resolving to a loopback address, and redirects to internal addresses, fail the import
        for (String uri : List.of("http://localhost:" + internal.actualPort() + "/image.raw",
                redirectTo(internalUrl), redirectTo("http://169.254.169.254/latest/meta-data/"),
                redirectTo(redirectTo("http://localhost:" + internal.actualPort() + "/image.raw")))) {
            String id = member.create(Map.of("keep", "me"));
            importImage(id, Map.of("method", Map.of("name", "web-download", "uri", uri))).then().statusCode(202);
            assertEquals("file", failedImport(id), uri);
            member.show(id).then().body("status", equalTo("queued")).body("keep", equalTo("me"))
                    .body("os_glance_importing_to_stores", equalTo(""));
            member.given().get("/v2/images/" + id + "/tasks").then().body("tasks[0].status", equalTo("failure"))
                    .body("tasks[0].message", org.hamcrest.Matchers.containsString("which web-download may not "
                            + "reach"));
        }
        assertEquals(before, INTERNAL_REQUESTS.get(), "web-download reached a refused address");
    }
}
