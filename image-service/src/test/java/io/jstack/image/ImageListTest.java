package io.jstack.image;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.jstack.image.Api.op;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v2/images: filters, sorting, paging with markers and next links. */
@QuarkusTest
class ImageListTest {

    private final String project = Api.newProject();
    private final Api member = Api.member(project);
    private final List<String> ids = new ArrayList<>();

    /** Seven images of one project: sizes 100..700, alternating formats, a tag and a property on some. */
    @BeforeEach
    void images() {
        for (int i = 1; i <= 7; i++) {
            String id = member.create(Map.of("name", "img-" + i, "disk_format", i % 2 == 0 ? "qcow2" : "raw",
                    "container_format", "bare", "tags", i <= 3 ? List.of("small", "t" + i) : List.of("large"),
                    "flavour", i % 3 == 0 ? "vanilla" : "chocolate"));
            member.upload(id, Api.bytes(i * 100)).then().statusCode(204);
            ids.add(id);
        }
    }

    private List<String> names(String query) {
        return member.given().get("/v2/images?owner=" + project + (query.isEmpty() ? "" : "&" + query))
                .then().statusCode(200).extract().path("images.name");
    }

    @Test
    void filters() throws InterruptedException {
        assertEquals(7, names("").size());
        assertEquals(List.of("img-3"), names("name=img-3"));
        assertEquals(Set.of("img-2", "img-5"), Set.copyOf(names("name=in:img-2,img-5")));
        assertEquals(Set.of("img-2", "img-4", "img-6"), Set.copyOf(names("disk_format=qcow2")));
        assertEquals(Set.of("img-1", "img-2", "img-3"), Set.copyOf(names("tag=small")));
        assertEquals(List.of("img-2"), names("tag=small&tag=t2"));
        assertEquals(Set.of("img-3", "img-6"), Set.copyOf(names("flavour=vanilla")));
        assertEquals(Set.of("img-3", "img-4", "img-5"), Set.copyOf(names("size_min=300&size_max=500")));
        assertEquals(List.of("img-4"), names("size=400"));
        assertEquals(7, names("status=active").size());
        assertEquals(0, names("status=queued").size());
        assertEquals(7, names("visibility=shared").size());
        assertEquals(0, names("visibility=private").size());
        Thread.sleep(1100);
        Instant middle = Instant.now();
        Thread.sleep(1100);
        member.create(Map.of("name", "img-late"));
        assertEquals(List.of("img-late"), names("created_at=gt:" + middle));
        assertEquals(7, names("created_at=lte:" + middle).size());
        assertEquals(8, names("updated_at=neq:" + middle).size());
    }

    @Test
    void hiddenImagesOnlyWhenAskedFor() {
        member.patch(ids.get(0), List.of(op("replace", "/os_hidden", true))).then().statusCode(200);
        assertEquals(6, names("").size());
        assertEquals(List.of("img-1"), names("os_hidden=true"));
        member.given().get("/v2/images?os_hidden=maybe").then().statusCode(400);
    }

    @Test
    void badFiltersAre400() {
        for (String q : List.of("limit=x", "limit=-1", "sort_key=owner", "sort_dir=up", "sort=name:up",
                "sort=name&sort_key=size", "visibility=everyone", "member_status=maybe", "size_min=big",
                "created_at=gt:yesterday", "created_at=after:2020-01-01T00:00:00Z", "name=like:img",
                "changes-since=2020-01-01T00:00:00Z", "marker=" + java.util.UUID.randomUUID(), "protected=perhaps",
                "sort_key=name&sort_key=size&sort_dir=asc&sort_dir=desc&sort_dir=asc")) {
            member.given().get("/v2/images?" + q).then().statusCode(400).body("code", equalTo("400 Bad Request"));
        }
    }

    @Test
    void sorting() {
        List<String> bySizeDesc = names("sort_key=size&sort_dir=desc");
        assertEquals(List.of("img-7", "img-6", "img-5", "img-4", "img-3", "img-2", "img-1"), bySizeDesc);
        assertEquals(List.of("img-1", "img-2", "img-3", "img-4", "img-5", "img-6", "img-7"), names("sort=size:asc"));
        // the default: newest first
        assertEquals("img-7", names("").getFirst());
        List<String> byFormatThenName = names("sort=disk_format:asc,name:desc");
        assertEquals(List.of("img-6", "img-4", "img-2", "img-7", "img-5", "img-3", "img-1"), byFormatThenName);
        List<String> classic = names("sort_key=disk_format&sort_key=name&sort_dir=asc&sort_dir=desc");
        assertEquals(byFormatThenName, classic);
    }

    @Test
    void pagingFollowsNextLinksWithoutGapsOrRepeats() {
        for (String sort : List.of("", "&sort=name:asc", "&sort_key=size&sort_dir=asc", "&sort=disk_format:desc")) {
            List<String> seen = new ArrayList<>();
            String next = "/v2/images?owner=" + project + "&limit=3" + sort;
            int pages = 0;
            while (next != null) {
                // next links come encoded, as clients follow them
                JsonPath page = member.given().urlEncodingEnabled(pages > 0 ? false : true).get(next).then()
                        .statusCode(200).extract().jsonPath();
                List<String> got = page.getList("images.id");
                assertTrue(got.size() <= 3);
                seen.addAll(got);
                next = page.getString("next");
                assertTrue(page.getString("first").startsWith("/v2/images?"));
                pages++;
            }
            assertEquals(7, seen.size(), "sort " + sort + ": " + seen);
            assertEquals(new HashSet<>(ids), new HashSet<>(seen));
            assertEquals(3, pages, "two full pages, then the last one");
        }
        JsonPath last = member.given().get("/v2/images?owner=" + project + "&limit=10").then().extract().jsonPath();
        assertNull(last.getString("next"));
        member.given().get("/v2/images?owner=" + project + "&limit=0").then().statusCode(200)
                .body("images.size()", equalTo(0));
    }

    @Test
    void nextLinksKeepTheQuery() {
        String next = member.given().get("/v2/images?owner=" + project + "&limit=2&tag=small").then()
                .extract().path("next");
        assertTrue(next.contains("tag=small") && next.contains("marker="), next);
        List<String> rest = member.given().urlEncodingEnabled(false).get(next).then().extract().path("images.name");
        assertEquals(1, rest.size());
    }

    @Test
    void whatEachProjectSees() {
        Api other = Api.member(Api.newProject());
        String community = member.create(Map.of("visibility", "community", "name", "community-one"));
        String priv = member.create(Map.of("visibility", "private"));
        List<String> otherSees = other.given().get("/v2/images?owner=" + project).then().extract().path("images.id");
        assertTrue(otherSees.isEmpty(), "shared, private and community images stay out of others' lists");
        List<String> asked = other.given().get("/v2/images?visibility=community&owner=" + project).then()
                .extract().path("images.id");
        assertEquals(List.of(community), asked);
        List<String> admin = Api.admin().given().get("/v2/images?owner=" + project).then()
                .extract().path("images.id");
        assertTrue(admin.contains(priv) && !admin.contains(community), "admins see all but others' community images");
        List<String> all = Api.admin().given().get("/v2/images?owner=" + project + "&visibility=all").then()
                .extract().path("images.id");
        assertTrue(all.contains(community));
        List<String> mine = member.given().get("/v2/images?owner=" + project).then().extract().path("images.id");
        assertTrue(mine.contains(community) && mine.contains(priv));
    }

    @Test
    void theBodyHasGlancesCollectionFields() {
        member.given().get("/v2/images?owner=" + project + "&limit=1").then().statusCode(200)
                .body("schema", equalTo("/v2/schemas/images"))
                .body("first", containsString("/v2/images?")).body("next", containsString("marker="))
                .body("images[0].self", containsString("/v2/images/"));
        List<Map<String, Object>> images = member.given().get("/v2/images?owner=" + project).then().extract()
                .path("images");
        images.sort(Comparator.comparing(m -> (String) m.get("name")));
        assertEquals(100, images.getFirst().get("size"));
    }
}
