package io.jstack.image;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

@QuarkusTest
class SmokeTest {
    @Test
    void createUploadDownload() {
        Api a = Api.member(Api.newProject());
        byte[] data = Api.bytes(3_000_000);
        String id = a.active(data, Map.of("k", "v"));
        a.show(id).then().statusCode(200).body("checksum", equalTo(Api.md5(data)))
                .body("os_hash_value", equalTo(Api.sha512(data))).body("size", equalTo(data.length))
                .body("k", equalTo("v"));
        byte[] back = a.given().get("/v2/images/" + id + "/file").then().statusCode(200)
                .header("Content-MD5", Api.md5(data)).extract().asByteArray();
        assertArrayEquals(data, back);
    }
}
