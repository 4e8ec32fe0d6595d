package io.jstack.image;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.jstack.image.Api.op;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Limits that hold under concurrency (quotas) and transitions that never lose an update. The test configuration
 * gives project quota-project 10 images and 100K of data, project bytes-project 10K.
 */
@QuarkusTest
class QuotaAndConcurrencyTest {

    /** Runs the tasks at the same moment, as far as threads allow, and returns their results in order. */
    private static <T> List<T> together(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyParallelCreatesNeverExceedTheImageCount() throws Exception {
        Api quota = Api.member("quota-project");
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            creates.add(() -> quota.given().contentType(ContentType.JSON).body(Map.of("name", "q"))
                    .post("/v2/images").statusCode());
        }
        List<Integer> codes = together(creates);
        assertEquals(10, Collections.frequency(codes, 201), codes.toString());
        assertEquals(40, Collections.frequency(codes, 413), codes.toString());
        List<String> owned = Api.admin().given().get("/v2/images?owner=quota-project&limit=100").then()
                .extract().path("images.id");
        assertEquals(10, owned.size());
        quota.given().get("/v2/info/usage").then().body("usage.image_count_total.usage", equalTo(10));

        // deleting one makes room for exactly one
        quota.given().delete("/v2/images/" + owned.getFirst()).then().statusCode(204);
        List<Integer> again = together(List.of(
                () -> quota.given().contentType(ContentType.JSON).body(Map.of()).post("/v2/images").statusCode(),
                () -> quota.given().contentType(ContentType.JSON).body(Map.of()).post("/v2/images").statusCode(),
                () -> quota.given().contentType(ContentType.JSON).body(Map.of()).post("/v2/images").statusCode()));
        assertEquals(1, Collections.frequency(again, 201), again.toString());
    }

    @Test
    void theDataQuotaCountsStoredBytes() throws Exception {
        Api bytes = Api.member("bytes-project");
        String first = bytes.create();
        bytes.upload(first, Api.bytes(8 * 1024)).then().statusCode(204);
        String second = bytes.create();
        // announced too big: refused before any byte is read
        bytes.upload(second, Api.bytes(4 * 1024)).then().statusCode(413);
        bytes.show(second).then().body("status", equalTo("queued"));
        // not announced (chunked): refused once too much arrived
        bytes.given().contentType("application/octet-stream")
                .body(new java.io.ByteArrayInputStream(Api.bytes(4 * 1024))).put("/v2/images/" + second + "/file")
                .then().statusCode(413);
        bytes.show(second).then().body("status", equalTo("queued"));
        bytes.upload(second, Api.bytes(2 * 1024)).then().statusCode(204);

        // parallel uploads racing for the last bytes: never above the limit
        List<String> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = bytes.create();
            images.add(id);
        }
        bytes.given().delete("/v2/images/" + second).then().statusCode(204);
        List<Callable<Integer>> uploads = new ArrayList<>();
        for (String id : images) {
            uploads.add(() -> bytes.upload(id, Api.bytes(1500)).statusCode());
        }
        List<Integer> codes = together(uploads);
        assertEquals(1, Collections.frequency(codes, 204), codes.toString());
        bytes.given().get("/v2/info/usage").then().body("usage.image_size_total.usage", equalTo(8 * 1024 + 1500));
    }

    @Test
    void concurrentUploadsToOneImage_oneWinsTheRestConflict() throws Exception {
        Api member = Api.member(Api.newProject());
        String id = member.create();
        List<byte[]> payloads = new ArrayList<>();
        List<Callable<Integer>> uploads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] data = Api.bytes(200_000 + i);
            payloads.add(data);
            uploads.add(() -> member.upload(id, data).statusCode());
        }
        List<Integer> codes = together(uploads);
        assertEquals(1, Collections.frequency(codes, 204), codes.toString());
        assertEquals(7, Collections.frequency(codes, 409), codes.toString());
        byte[] winner = payloads.get(codes.indexOf(204));
        member.show(id).then().body("checksum", equalTo(Api.md5(winner))).body("size", equalTo(winner.length));
        assertArrayEquals(winner, member.given().get("/v2/images/" + id + "/file").then().extract().asByteArray());
    }

    @Test
    void concurrentPatchesLoseNothing() throws Exception {
        Api member = Api.member(Api.newProject());
        String id = member.create();
        List<Callable<Integer>> patches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "k" + i;
            patches.add(() -> member.patch(id, List.of(op("add", "/" + key, "v"))).statusCode());
        }
        patches.add(() -> member.given().put("/v2/images/" + id + "/tags/t1").statusCode());
        patches.add(() -> member.given().put("/v2/images/" + id + "/tags/t2").statusCode());
        List<Integer> codes = together(patches);
        assertTrue(codes.stream().allMatch(c -> c == 200 || c == 204), codes.toString());
        Map<String, Object> image = member.show(id).then().extract().path("$");
        for (int i = 0; i < 20; i++) {
            assertEquals("v", image.get("k" + i), "lost k" + i);
        }
        assertEquals(List.of("t1", "t2"), image.get("tags"));
    }

    @Test
    void concurrentDeactivationsAndReactivationsEndConsistent() throws Exception {
        Api member = Api.member(Api.newProject());
        String id = member.active(Api.bytes(100), Map.of());
        List<Callable<Integer>> flips = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String action = i % 2 == 0 ? "deactivate" : "reactivate";
            flips.add(() -> member.given().post("/v2/images/" + id + "/actions/" + action).statusCode());
        }
        List<Integer> codes = together(flips);
        assertTrue(codes.stream().allMatch(c -> c == 204 || c == 409 || c == 403), codes.toString());
        String status = member.show(id).then().extract().path("status");
        assertTrue(status.equals("active") || status.equals("deactivated"), status);
    }

    @Test
    void deleteDuringUploadLeavesNoData() throws Exception {
        Api member = Api.member(Api.newProject());
        for (int round = 0; round < 5; round++) {
            String id = member.create();
            List<Integer> codes = together(List.of(
                    () -> member.upload(id, Api.bytes(3_000_000)).statusCode(),
                    () -> member.given().delete("/v2/images/" + id).statusCode()));
            assertEquals(204, codes.get(1), codes.toString());
            assertTrue(codes.get(0) == 204 || codes.get(0) == 410 || codes.get(0) == 404 || codes.get(0) == 409,
                    codes.toString());
            member.show(id).then().statusCode(404);
            for (int i = 0; i < 100 && java.nio.file.Files.exists(java.nio.file.Path.of("target/test-images", id)); i++) {
                Thread.sleep(20);
            }
            assertTrue(java.nio.file.Files.notExists(java.nio.file.Path.of("target/test-images", id)),
                    "data of a deleted image remains (round " + round + ", " + codes + ")");
        }
    }
}
