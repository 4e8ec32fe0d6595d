package io.jstack.compute;

import io.jstack.common.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Callers of the compute API in tests: the cloud admin, members of two projects, a reader. */
final class Nova {
    static final String ADMIN_PROJECT = "admin-project";
    static final String PROJECT = UUID.randomUUID().toString().replace("-", "");
    static final String OTHER_PROJECT = UUID.randomUUID().toString().replace("-", "");
    static final String USER = "user-" + UUID.randomUUID();
    static final String OTHER_USER = "other-" + UUID.randomUUID();

    private Nova() {
    }

    static String adminToken() {
        return TestTokens.adminProjectToken("admin-user", ADMIN_PROJECT, "admin", "member", "reader");
    }

    static String memberToken() {
        return TestTokens.token(USER, PROJECT, "member", "reader");
    }

    static RequestSpecification admin() {
        return as(adminToken());
    }

    static RequestSpecification member() {
        return as(memberToken());
    }

    static RequestSpecification other() {
        return as(TestTokens.token(OTHER_USER, OTHER_PROJECT, "member", "reader"));
    }

    static RequestSpecification reader() {
        return as(TestTokens.token("reader-" + USER, PROJECT, "reader"));
    }

    static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** With a microversion. */
    static RequestSpecification admin(String version) {
        return admin().header("OpenStack-API-Version", "compute " + version);
    }

    static RequestSpecification member(String version) {
        return member().header("OpenStack-API-Version", "compute " + version);
    }
}
