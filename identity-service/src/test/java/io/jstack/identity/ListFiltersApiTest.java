package io.jstack.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jstack.identity.Fixtures.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Keystone's list filters, exact and inexact, on every list that has them upstream. */
@QuarkusTest
class ListFiltersApiTest {

    @Test
    void projectNamesByEveryComparator() {
        String admin = Fixtures.adminToken();
        String stem = Fixtures.unique("Filt");
        String lower = Fixtures.createProject(admin, stem + "-one");
        String upper = Fixtures.createProject(admin, "X" + stem.toUpperCase() + "-TWO");
        as(admin).get("/v3/projects?name=" + stem + "-one").then().statusCode(200)
                .body("projects.id", equalTo(List.of(lower)));
        as(admin).get("/v3/projects?name__contains=" + stem).then().statusCode(200)
                .body("projects.id", equalTo(List.of(lower)));
        as(admin).get("/v3/projects?name__icontains=" + stem).then().statusCode(200)
                .body("projects.id", containsInAnyOrder(lower, upper));
        as(admin).get("/v3/projects?name__startswith=" + stem).then().statusCode(200)
                .body("projects.id", equalTo(List.of(lower)));
        as(admin).get("/v3/projects?name__istartswith=x" + stem).then().statusCode(200)
                .body("projects.id", equalTo(List.of(upper)));
        as(admin).get("/v3/projects?name__endswith=-one&name__contains=" + stem).then().statusCode(200)
                .body("projects.id", equalTo(List.of(lower)));
        as(admin).get("/v3/projects?name__iendswith=-two&name__icontains=" + stem).then().statusCode(200)
                .body("projects.id", equalTo(List.of(upper)));
        as(admin).get("/v3/projects?name__iequals=" + stem.toUpperCase() + "-ONE").then().statusCode(200)
                .body("projects.id", equalTo(List.of(lower)));
        // wildcards in the value are literal; unknown comparators are ignored
        as(admin).get("/v3/projects?name__contains=%25").then().statusCode(200).body("projects", empty());
        as(admin).get("/v3/projects?name__contains=" + stem + "&name__nonsense=zzz").then().statusCode(200)
                .body("projects.id", equalTo(List.of(lower)));
        as(admin).get("/v3/projects?enabled=maybe").then().statusCode(400).body("error.code", equalTo(400));
    }

    @Test
    void usersGroupsAndTheirFilters() {
        String admin = Fixtures.adminToken();
        String stem = Fixtures.unique("lf");
        String user = Fixtures.createUser(admin, stem + "-user", "pw-" + stem);
        String group = as(admin).body(Map.of("group", Map.of("name", stem + "-group"))).post("/v3/groups")
                .then().statusCode(201).extract().path("group.id");
        as(admin).put("/v3/groups/" + group + "/users/" + user).then().statusCode(204);
        as(admin).get("/v3/users?name__startswith=" + stem).then().statusCode(200)
                .body("users.id", equalTo(List.of(user)));
        as(admin).get("/v3/users?name__icontains=" + stem.toUpperCase() + "&enabled=true").then().statusCode(200)
                .body("users.id", equalTo(List.of(user)));
        as(admin).get("/v3/users?name__contains=" + stem + "&enabled=false").then().statusCode(200)
                .body("users", empty());
        // passwords here never expire, federated users do not exist; malformed filters are still a 400
        as(admin).get("/v3/users?password_expires_at=lt:2030-01-01T00:00:00Z").then().statusCode(200)
                .body("users", empty());
        as(admin).get("/v3/users?password_expires_at=xx:2030-01-01T00:00:00Z").then().statusCode(400);
        as(admin).get("/v3/users?password_expires_at=lt:yesterday").then().statusCode(400);
        as(admin).get("/v3/users?idp_id=anything").then().statusCode(200).body("users", empty());
        as(admin).get("/v3/groups?name__endswith=" + stem.substring(3) + "-group").then().statusCode(200)
                .body("groups.id", equalTo(List.of(group)));
        as(admin).get("/v3/groups/" + group + "/users?name__contains=" + stem).then().statusCode(200)
                .body("users.id", equalTo(List.of(user)));
        as(admin).get("/v3/groups/" + group + "/users?name__contains=nobody").then().statusCode(200)
                .body("users", empty());
        as(admin).get("/v3/users/" + user + "/groups?name__icontains=" + stem.toUpperCase()).then()
                .statusCode(200).body("groups.id", equalTo(List.of(group)));
        as(admin).get("/v3/users/" + user + "/groups?name=other").then().statusCode(200).body("groups", empty());
    }

    @Test
    void userProjectsDomainsAndRoles() {
        String admin = Fixtures.adminToken();
        Fixtures.Member m = Fixtures.member(admin);
        String name = as(admin).get("/v3/projects/" + m.projectId()).then().extract().path("project.name");
        as(m.token()).get("/v3/users/" + m.userId() + "/projects?name__startswith=" + name.substring(0, 9))
                .then().statusCode(200).body("projects.id", equalTo(List.of(m.projectId())));
        as(m.token()).get("/v3/users/" + m.userId() + "/projects?name__contains=zzz").then().statusCode(200)
                .body("projects", empty());
        as(m.token()).get("/v3/users/" + m.userId() + "/projects?domain_id=default").then().statusCode(200)
                .body("projects.id", equalTo(List.of(m.projectId())));
        as(admin).get("/v3/domains?name__icontains=DEF").then().statusCode(200)
                .body("domains.id", hasItem("default"));
        as(admin).get("/v3/domains?name__startswith=zz-none").then().statusCode(200).body("domains", empty());
        as(admin).get("/v3/roles?name__startswith=mem").then().statusCode(200)
                .body("roles.name", equalTo(List.of("member")));
        as(admin).get("/v3/roles?name__iendswith=DER").then().statusCode(200)
                .body("roles.name", equalTo(List.of("reader")));
    }

    @Test
    void catalogPoliciesAndCredentials() {
        String admin = Fixtures.adminToken();
        as(admin).get("/v3/services?type__startswith=ide").then().statusCode(200)
                .body("services.type", equalTo(List.of("identity")));
        as(admin).get("/v3/services?name__icontains=NOV").then().statusCode(200)
                .body("services.name", equalTo(List.of("nova")));
        as(admin).get("/v3/endpoints?interface__startswith=pub").then().statusCode(200)
                .body("endpoints.interface", everyItem(equalTo("public")));
        as(admin).get("/v3/endpoints?region_id__icontains=regionone&interface=admin").then().statusCode(200)
                .body("endpoints.interface", everyItem(equalTo("admin")));
        as(admin).get("/v3/regions?parent_region_id__contains=nothing").then().statusCode(200)
                .body("regions", empty());
        String type = Fixtures.unique("application/x-");
        as(admin).body(Map.of("policy", Map.of("type", type, "blob", "{}"))).post("/v3/policies").then()
                .statusCode(201);
        as(admin).get("/v3/policies?type__contains=" + type.substring(14)).then().statusCode(200)
                .body("policies.type", equalTo(List.of(type)));
        Fixtures.Member m = Fixtures.member(admin);
        as(m.token()).body(Map.of("credential", Map.of("user_id", m.userId(), "type", "cert", "blob", "x")))
                .post("/v3/credentials").then().statusCode(201);
        as(m.token()).get("/v3/credentials?type__startswith=ce").then().statusCode(200)
                .body("credentials.type", equalTo(List.of("cert")));
        as(admin).get("/v3/credentials?user_id=" + m.userId() + "&type__contains=nope").then().statusCode(200)
                .body("credentials", empty());
        as(admin).get("/v3/OS-EP-FILTER/endpoint_groups?name__contains=zz-none").then().statusCode(200)
                .body("endpoint_groups", empty());
        as(admin).get("/v3/users?name__startswith=adm").then().statusCode(200)
                .body("users.name", everyItem(startsWith("adm")))
                .body("users.name", not(hasItem("demo")));
    }
}
