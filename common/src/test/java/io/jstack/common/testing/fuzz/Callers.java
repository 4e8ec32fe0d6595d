package io.jstack.common.testing.fuzz;

import io.jstack.common.testing.TestTokens;

import java.util.List;

/**
 * The four callers every route is tried as: anonymous, a reader and a member of a project, and a cloud admin.
 * The one place that says what those tokens look like for services that verify {@link TestTokens}: when what makes
 * a cloud admin changes, {@link #testTokens} changes and every service's fuzz follows.
 */
public record Callers(Caller anonymous, Caller reader, Caller member, Caller admin) {

    public List<Caller> all() {
        return List.of(anonymous, reader, member, admin);
    }

    /**
     * Test-signed tokens: the cloud admin is the admin role on {@code adminProject}; member and reader work in
     * {@code project}.
     */
    public static Callers testTokens(String adminProject, String project) {
        return new Callers(Caller.anonymous(),
                Caller.of("reader", TestTokens.token("fuzz-reader", project, "reader")),
                Caller.of("member", TestTokens.token("fuzz-member", project, "member", "reader")),
                Caller.of("admin", TestTokens.adminProjectToken("fuzz-admin", adminProject, "admin", "member",
                        "reader")));
    }
}
