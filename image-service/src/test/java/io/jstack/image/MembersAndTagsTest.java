package io.jstack.image;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jstack.image.Api.op;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sharing images with other projects, and image tags. */
@QuarkusTest
class MembersAndTagsTest {

    private final String ownerProject = Api.newProject();
    private final Api owner = Api.member(ownerProject);
    private final String consumerProject = Api.newProject();
    private final Api consumer = Api.member(consumerProject);

    private List<String> listed(Api who, String query) {
        return who.given().get("/v2/images" + (query.isEmpty() ? "" : "?" + query)).then().statusCode(200).extract().path("images.id");
    }

    private io.restassured.response.Response addMember(Api who, String image, String member) {
        return who.given().contentType(ContentType.JSON).body(Map.of("member", member))
                .post("/v2/images/" + image + "/members");
    }

    private io.restassured.response.Response setStatus(Api who, String image, String member, String status) {
        return who.given().contentType(ContentType.JSON).body(Map.of("status", status))
                .put("/v2/images/" + image + "/members/" + member);
    }

    @Test
    void shareAcceptRejectRemove() {
        String id = owner.active(Api.bytes(100), Map.of());
        consumer.show(id).then().statusCode(404);
        addMember(owner, id, consumerProject).then().statusCode(200)
                .body("member_id", equalTo(consumerProject)).body("image_id", equalTo(id))
                .body("status", equalTo("pending")).body("schema", equalTo("/v2/schemas/member"));
        addMember(owner, id, consumerProject).then().statusCode(409);

        // a pending share: visible by id, not in the default list
        consumer.show(id).then().statusCode(200);
        assertFalse(listed(consumer, "").contains(id));
        assertTrue(listed(consumer, "member_status=pending&visibility=shared").contains(id));
        assertTrue(listed(consumer, "member_status=all").contains(id));

        setStatus(owner, id, consumerProject, "accepted").then().statusCode(403);
        setStatus(consumer, id, consumerProject, "maybe").then().statusCode(400);
        setStatus(consumer, id, consumerProject, "accepted").then().statusCode(200).body("status", equalTo("accepted"));
        assertTrue(listed(consumer, "").contains(id));
        consumer.given().get("/v2/images/" + id + "/file").then().statusCode(200);
        consumer.patch(id, List.of(op("replace", "/name", "mine now"))).then().statusCode(403);
        addMember(consumer, id, Api.newProject()).then().statusCode(403);

        owner.given().get("/v2/images/" + id + "/members").then().statusCode(200)
                .body("members.size()", equalTo(1)).body("members[0].status", equalTo("accepted"))
                .body("schema", equalTo("/v2/schemas/members"));
        consumer.given().get("/v2/images/" + id + "/members/" + consumerProject).then().statusCode(200);
        consumer.given().get("/v2/images/" + id + "/members/" + ownerProject).then().statusCode(404);

        setStatus(consumer, id, consumerProject, "rejected").then().statusCode(200);
        assertFalse(listed(consumer, "").contains(id));

        consumer.given().delete("/v2/images/" + id + "/members/" + consumerProject).then().statusCode(403);
        owner.given().delete("/v2/images/" + id + "/members/" + consumerProject).then().statusCode(204);
        owner.given().delete("/v2/images/" + id + "/members/" + consumerProject).then().statusCode(404);
        consumer.show(id).then().statusCode(404);
    }

    @Test
    void onlySharedImagesHaveMembers() {
        String id = owner.create(Map.of("visibility", "private"));
        addMember(owner, id, consumerProject).then().statusCode(403);
        owner.patch(id, List.of(op("replace", "/visibility", "shared"))).then().statusCode(200);
        addMember(owner, id, consumerProject).then().statusCode(200);
        owner.patch(id, List.of(op("replace", "/visibility", "private"))).then().statusCode(200);
        consumer.show(id).then().statusCode(404);
        addMember(owner, id, "").then().statusCode(400);
        owner.given().contentType(ContentType.JSON).body(Map.of()).post("/v2/images/" + id + "/members").then()
                .statusCode(400);
        addMember(Api.member(Api.newProject()), id, consumerProject).then().statusCode(404);
    }

    @Test
    void aStrangerSeesNoMembers() {
        String id = owner.create(Map.of("visibility", "community"));
        Api stranger = Api.member(Api.newProject());
        stranger.given().get("/v2/images/" + id + "/members").then().statusCode(403);
        stranger.given().get("/v2/images/" + java.util.UUID.randomUUID() + "/members").then().statusCode(404);
    }

    @Test
    void tags() {
        String id = owner.create();
        owner.given().put("/v2/images/" + id + "/tags/blue").then().statusCode(204);
        owner.given().put("/v2/images/" + id + "/tags/blue").then().statusCode(204);
        owner.given().put("/v2/images/" + id + "/tags/green").then().statusCode(204);
        owner.show(id).then().body("tags", equalTo(List.of("blue", "green")));
        assertEquals(List.of(id), listed(owner, "tag=green&owner=" + ownerProject));
        owner.given().delete("/v2/images/" + id + "/tags/blue").then().statusCode(204);
        owner.show(id).then().body("tags", not(hasItem("blue")));
        owner.given().delete("/v2/images/" + id + "/tags/blue").then().statusCode(404);
        owner.given().put("/v2/images/" + java.util.UUID.randomUUID() + "/tags/x").then().statusCode(404);
        Api.reader(ownerProject).given().put("/v2/images/" + id + "/tags/red").then().statusCode(403);
        owner.given().put("/v2/images/" + id + "/tags/" + "t".repeat(256)).then().statusCode(400);
    }
}
