package io.jstack.image;

import io.jstack.common.testing.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A caller of the image API in tests: a user of a project with roles (the cloud's admin project, for the cloud
 * admin), and shortcuts for common steps.
 */
public record Api(String user, String project, String[] roles, boolean adminProject) {

    public Api(String user, String project, String[] roles) {
        this(user, project, roles, false);
    }

    public static final String PATCH = "application/openstack-images-v2.1-json-patch";

    /** The JSON patch media types carry JSON: RestAssured must serialise bodies for them as such. */
    private static final io.restassured.config.RestAssuredConfig CONFIG = RestAssured.config().encoderConfig(
            io.restassured.config.EncoderConfig.encoderConfig().encodeContentTypeAs(PATCH, ContentType.JSON)
                    .encodeContentTypeAs("application/openstack-images-v2.0-json-patch", ContentType.JSON));

    public static Api member(String project) {
        return new Api("user-" + project, project, new String[]{"member", "reader"});
    }

    public static Api admin() {
        return new Api("admin-user", "admin-project", new String[]{"admin", "member", "reader"}, true);
    }

    public static Api reader(String project) {
        return new Api("reader-" + project, project, new String[]{"reader"});
    }

    /** A project nobody else uses: tests stay independent of each other. */
    public static String newProject() {
        return "p-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    public RequestSpecification given() {
        return RestAssured.given().config(CONFIG).header("X-Auth-Token", adminProject
                ? TestTokens.adminProjectToken(user, project, roles) : TestTokens.token(user, project, roles));
    }

    /** Creates an image with disk and container formats set, and returns its id. */
    public String create(Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "img-" + UUID.randomUUID(),
                "disk_format", "raw", "container_format", "bare"));
        body.putAll(extra);
        return given().contentType(ContentType.JSON).body(body).post("/v2/images")
                .then().statusCode(201).extract().path("id");
    }

    public String create() {
        return create(Map.of());
    }

    public Response upload(String id, byte[] data) {
        return given().contentType("application/octet-stream").body(data).put("/v2/images/" + id + "/file");
    }

    /** Creates an image and uploads {@code data}: the image is active. */
    public String active(byte[] data, Map<String, Object> extra) {
        String id = create(extra);
        upload(id, data).then().statusCode(204);
        assertEquals("active", show(id).path("status"));
        return id;
    }

    public Response show(String id) {
        return given().get("/v2/images/" + id);
    }

    public Response patch(String id, List<Map<String, Object>> ops) {
        return given().contentType(PATCH).body(ops).patch("/v2/images/" + id);
    }

    public static Map<String, Object> op(String op, String path) {
        return op(op, path, null);
    }

    public static Map<String, Object> op(String op, String path, Object value) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("op", op);
        m.put("path", path);
        if (!"remove".equals(op)) {
            m.put("value", value);
        }
        return m;
    }

    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(n).nextBytes(b);
        return b;
    }

    public static String md5(byte[] data) {
        return digest("MD5", data);
    }

    public static String sha512(byte[] data) {
        return digest("SHA-512", data);
    }

    private static String digest(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
