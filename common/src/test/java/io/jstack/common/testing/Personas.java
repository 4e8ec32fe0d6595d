package io.jstack.common.testing;

import io.jstack.common.policy.Credentials;

import java.util.List;
import java.util.Set;

/**
 * The callers every service's policy tests ask about, so that each service is shown to answer the same token the
 * same way: cloud admins (the admin project, the system scope), a project's admin, member and reader, a member
 * of another project, a domain admin, and no one. Project-scoped tokens carry implied roles, as the identity
 * service issues them (admin implies member implies reader).
 */
public final class Personas {

    /** The project the project personas work in; {@link #OTHER_PROJECT} is someone else's. */
    public static final String PROJECT = "project-a";
    public static final String OTHER_PROJECT = "project-b";
    public static final String ADMIN_PROJECT = "admin-project";
    public static final String DOMAIN = "domain-a";

    public record Persona(String name, Credentials credentials, boolean cloudAdmin) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static final Persona CLOUD_ADMIN = new Persona("cloud admin (admin project)",
            project("cloud-admin", ADMIN_PROJECT, true, "admin", "member", "reader"), true);
    public static final Persona SYSTEM_ADMIN = new Persona("system admin",
            new Credentials("system-admin", "default", null, null, null, Set.of("admin", "member", "reader"), "all",
                    false, null, null), true);
    public static final Persona PROJECT_ADMIN = new Persona("admin of the project",
            project("project-admin", PROJECT, false, "admin", "member", "reader"), false);
    public static final Persona OTHER_PROJECT_ADMIN = new Persona("admin of another project",
            project("other-admin", OTHER_PROJECT, false, "admin", "member", "reader"), false);
    public static final Persona MEMBER = new Persona("member of the project",
            project("member", PROJECT, false, "member", "reader"), false);
    public static final Persona READER = new Persona("reader of the project",
            project("reader", PROJECT, false, "reader"), false);
    public static final Persona OTHER_MEMBER = new Persona("member of another project",
            project("other-member", OTHER_PROJECT, false, "member", "reader"), false);
    public static final Persona ADMIN_PROJECT_MEMBER = new Persona("member of the admin project",
            project("admin-member", ADMIN_PROJECT, true, "member", "reader"), false);
    public static final Persona DOMAIN_ADMIN = new Persona("domain admin",
            new Credentials("domain-admin", DOMAIN, null, null, DOMAIN, Set.of("admin", "member", "reader"), null,
                    false, null, null), false);
    public static final Persona ANONYMOUS = new Persona("no one", Credentials.ANONYMOUS, false);

    public static final List<Persona> ALL = List.of(CLOUD_ADMIN, SYSTEM_ADMIN, PROJECT_ADMIN, OTHER_PROJECT_ADMIN,
            MEMBER, READER, OTHER_MEMBER, ADMIN_PROJECT_MEMBER, DOMAIN_ADMIN, ANONYMOUS);

    private Personas() {
    }

    private static Credentials project(String user, String project, boolean adminProject, String... roles) {
        return new Credentials(user, "default", project, "default", null, Set.of(roles), null, adminProject, null,
                null);
    }
}
