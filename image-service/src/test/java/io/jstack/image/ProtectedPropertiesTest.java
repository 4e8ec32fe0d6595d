package io.jstack.image;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jstack.image.Api.op;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * Property protections through the API, with the test configuration's file (src/test/resources): x_admin_*
 * is admin-only for everything, x_readonly_* is created by admins, read by all, never updated.
 */
@QuarkusTest
class ProtectedPropertiesTest {

    private final String project = Api.newProject();
    private final Api member = Api.member(project);
    private final Api admin = Api.admin();

    @Test
    void adminOnlyPropertiesAreInvisibleAndUntouchableForMembers() {
        member.given().contentType(ContentType.JSON).body(Map.of("x_admin_cost", "12")).post("/v2/images").then()
                .statusCode(403);
        String id = admin.create(Map.of("owner", project, "x_admin_cost", "12", "free", "yes"));
        admin.show(id).then().body("x_admin_cost", equalTo("12"));
        member.show(id).then().statusCode(200).body("$", not(hasKey("x_admin_cost"))).body("free", equalTo("yes"));
        member.patch(id, List.of(op("replace", "/x_admin_cost", "0"))).then().statusCode(409);
        member.patch(id, List.of(op("add", "/x_admin_cost", "0"))).then().statusCode(403);
        member.patch(id, List.of(op("remove", "/x_admin_cost"))).then().statusCode(409);
        // what a member cannot see, a member's update does not lose
        member.patch(id, List.of(op("replace", "/free", "no"))).then().statusCode(200);
        admin.show(id).then().body("x_admin_cost", equalTo("12")).body("free", equalTo("no"));
        admin.patch(id, List.of(op("replace", "/x_admin_cost", "13"))).then().statusCode(200)
                .body("x_admin_cost", equalTo("13"));
        member.given().get("/v2/images?owner=" + project).then().body("images[0]", not(hasKey("x_admin_cost")));
    }

    @Test
    void readOnlyPropertiesAreReadByAllAndUpdatedByNone() {
        member.given().contentType(ContentType.JSON).body(Map.of("x_readonly_os", "linux")).post("/v2/images")
                .then().statusCode(403);
        String id = admin.create(Map.of("owner", project, "x_readonly_os", "linux"));
        member.show(id).then().body("x_readonly_os", equalTo("linux"));
        member.patch(id, List.of(op("replace", "/x_readonly_os", "bsd"))).then().statusCode(403);
        admin.patch(id, List.of(op("replace", "/x_readonly_os", "bsd"))).then().statusCode(403);
        member.patch(id, List.of(op("remove", "/x_readonly_os"))).then().statusCode(403);
        admin.patch(id, List.of(op("remove", "/x_readonly_os"))).then().statusCode(200)
                .body("$", not(hasKey("x_readonly_os")));
    }
}
