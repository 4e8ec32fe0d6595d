package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Project tags: one by one and as a list, who may read and change them, and the project list's tag filters. */
@QuarkusTest
class ProjectTagApiTest {

    private static String project(String admin, List<String> tags) {
        return as(admin).body(Map.of("project", Map.of("name", Fixtures.unique("tagged"), "tags", tags)))
                .post("/v3/projects").then().statusCode(201).extract().path("project.id");
    }

    @Test
    void tagsOneByOneAndAsAList() {
        String admin = Fixtures.adminToken();
        String id = project(admin, List.of());
        String tags = "/v3/projects/" + id + "/tags";
        as(admin).put(tags + "/first").then().statusCode(201).header("Location", containsString(tags + "/first"));
        as(admin).get(tags + "/first").then().statusCode(204);
        as(admin).head(tags + "/first").then().statusCode(204);
        as(admin).get(tags + "/missing").then().statusCode(404)
                .body("error.message", equalTo("Could not find project tag: missing."));
        as(admin).put(tags + "/first").then().statusCode(400);
        as(admin).body(Map.of("tags", List.of("a", "b", "c"))).put(tags).then().statusCode(200)
                .body("tags", containsInAnyOrder("a", "b", "c")).body("links.self", containsString(tags));
        as(admin).get(tags).then().statusCode(200).body("tags", containsInAnyOrder("a", "b", "c"));
        as(admin).get("/v3/projects/" + id).then().body("project.tags", containsInAnyOrder("a", "b", "c"));
        as(admin).delete(tags + "/a").then().statusCode(204);
        as(admin).delete(tags + "/a").then().statusCode(404);
        as(admin).delete(tags).then().statusCode(204);
        as(admin).get(tags).then().statusCode(200).body("tags", empty());
        as(admin).get("/v3/projects/0123456789abcdef0123456789abcdef/tags").then().statusCode(404);
    }

    @Test
    void badTagsAreRefused() {
        String admin = Fixtures.adminToken();
        String id = project(admin, List.of());
        String tags = "/v3/projects/" + id + "/tags";
        as(admin).put(tags + "/a,b").then().statusCode(400).body("error.code", equalTo(400));
        as(admin).put(tags + "/" + "x".repeat(256)).then().statusCode(400);
        as(admin).body(Map.of("tags", List.of("a", "a"))).put(tags).then().statusCode(400);
        as(admin).body(Map.of("tags", List.of("a/b"))).put(tags).then().statusCode(400);
        as(admin).body(Map.of("tags", "a")).put(tags).then().statusCode(400);
        as(admin).body(Map.of("tags", List.of(1))).put(tags).then().statusCode(400);
        as(admin).body(Map.of()).put(tags).then().statusCode(400);
        as(admin).body(Map.of("tags", List.of(), "other", 1)).put(tags).then().statusCode(400);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 81; i++) {
            many.add("t" + i);
        }
        as(admin).body(Map.of("tags", many)).put(tags).then().statusCode(400);
        as(admin).body(Map.of("tags", many.subList(0, 80))).put(tags).then().statusCode(200);
        as(admin).put(tags + "/one-too-many").then().statusCode(400);
        as(admin).body(Map.of("project", Map.of("name", Fixtures.unique("p"), "tags", List.of("x", "x"))))
                .post("/v3/projects").then().statusCode(400);
    }

    @Test
    void membersReadTheirProjectsTagsButOnlyAdminsChangeThem() {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = Fixtures.member(admin);
        String tags = "/v3/projects/" + m.projectId() + "/tags";
        as(admin).put(tags + "/ops").then().statusCode(201);
        as(m.token()).get(tags).then().statusCode(200).body("tags", equalTo(List.of("ops")));
        as(m.token()).get(tags + "/ops").then().statusCode(204);
        as(m.token()).put(tags + "/mine").then().statusCode(403);
        as(m.token()).delete(tags).then().statusCode(403);
        as(m.token()).body(Map.of("tags", List.of())).put(tags).then().statusCode(403);
        String other = project(admin, List.of("x"));
        as(m.token()).get("/v3/projects/" + other + "/tags").then().statusCode(403);
    }

    @Test
    void theProjectListFiltersByTags() {
        String admin = Fixtures.adminToken();
        String tag = Fixtures.unique("t");
        String ab = project(admin, List.of(tag + "a", tag + "b"));
        String a = project(admin, List.of(tag + "a"));
        String b = project(admin, List.of(tag + "b"));
        String none = project(admin, List.of());
        as(admin).get("/v3/projects?tags=" + tag + "a," + tag + "b").then().statusCode(200)
                .body("projects.id", equalTo(List.of(ab)));
        as(admin).get("/v3/projects?tags=" + tag + "a").then().statusCode(200)
                .body("projects.id", containsInAnyOrder(ab, a));
        as(admin).get("/v3/projects?tags-any=" + tag + "a," + tag + "b").then().statusCode(200)
                .body("projects.id", containsInAnyOrder(ab, a, b));
        as(admin).get("/v3/projects?not-tags=" + tag + "a," + tag + "b").then().statusCode(200)
                .body("projects.id", hasItem(a)).body("projects.id", hasItem(b)).body("projects.id", hasItem(none))
                .body("projects.id", not(hasItem(ab)));
        as(admin).get("/v3/projects?not-tags-any=" + tag + "a," + tag + "b").then().statusCode(200)
                .body("projects.id", hasItem(none)).body("projects.id", not(hasItem(ab)))
                .body("projects.id", not(hasItem(a))).body("projects.id", not(hasItem(b)));
        as(admin).get("/v3/projects?tags-any=" + tag + "a&not-tags=" + tag + "b").then().statusCode(200)
                .body("projects.id", equalTo(List.of(a)));
        as(admin).get("/v3/projects?tags=" + tag + "nothing").then().statusCode(200).body("projects", empty());
    }
}
