package io.jstack.identity.service;

import io.jstack.common.policy.Target;
import io.jstack.identity.model.Assignment;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Group;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.Role;
import io.jstack.identity.model.User;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Policy targets in Keystone's shape ({@code target.user.domain_id}, {@code target.project.id}, ...), and the
 * facts about the admin project that keep a domain's managers from reaching it: whether a project is the admin
 * project, whether a grant would give a role on it, whether a user or group holds a role on it or on the system.
 */
@ApplicationScoped
public class PolicyTargets {

    /** Assignment types of system grants ({@code targetId} is {@code system}). */
    private static final List<String> SYSTEM_TYPES = List.of("UserSystem", "GroupSystem");

    @Inject
    IdentitySettings settings;

    @Inject
    RoleResolver roles;

    /** The admin project, or null when none is configured or it does not exist. */
    public Uni<Project> adminProject() {
        if (settings.adminProject().name().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String name = settings.adminProject().name().get();
        return Domain.<Domain>find("lower(name) = lower(?1)", settings.adminProject().domainName()).firstResult()
                .chain(d -> d == null ? Uni.createFrom().nullItem()
                        : Project.<Project>find("domainId = ?1 and lower(name) = lower(?2)", d.id, name)
                        .firstResult());
    }

    public static Target user(User u) {
        return Target.of("target.user.id", u.id, "target.user.domain_id", u.domainId);
    }

    public static Target group(Group g) {
        return Target.of("target.group.id", g.id, "target.group.domain_id", g.domainId);
    }

    public static Target project(Project p) {
        return Target.of("target.project.id", p.id, "target.project.domain_id", p.domainId);
    }

    public static Target credential(String ownerUserId) {
        return Target.of("target.credential.user_id", ownerUserId);
    }

    /** A user, with whether they hold a role on the admin project or the system (changing them is the cloud's). */
    public Uni<Target> userWithReach(User u) {
        return holdsAdminProjectRole(u).map(held -> user(u).with("target.user.has_admin_project_role", held));
    }

    /** A group, with whether it holds a role on the admin project or the system (joining it reaches them). */
    public Uni<Target> groupWithReach(Group g) {
        return adminProject().chain(admin -> admin == null
                ? Assignment.count("actorId = ?1 and type in ?2", g.id, SYSTEM_TYPES)
                : roles.lineage(admin).chain(lineage -> Assignment.count("actorId = ?1 and (type in ?2 "
                                + "or (targetId = ?3 and inherited = false) or (targetId in ?4 and inherited = true))",
                        g.id, SYSTEM_TYPES, admin.id, inheritedFrom(lineage))))
                .map(n -> group(g).with("target.group.has_admin_project_role", n > 0));
    }

    /** A project, with whether it is the admin project (only the cloud admin changes that one). */
    public Uni<Target> projectWithReach(Project p) {
        return adminProject().map(admin -> project(p).with("target.project.is_admin_project",
                admin != null && admin.id.equals(p.id)));
    }

    /**
     * Whether a grant on a target gives a role on the admin project: a grant on the admin project itself, an
     * inherited one on one of its ancestors or on its domain, or any system grant.
     *
     * @param targetKind {@code projects}, {@code domains} or {@code system}
     */
    public Uni<Boolean> reachesAdminProject(String targetKind, String targetId, boolean inherited) {
        if (targetKind.equals("system")) {
            return Uni.createFrom().item(true);
        }
        return adminProject().chain(admin -> {
            if (admin == null) {
                return Uni.createFrom().item(false);
            }
            if (!inherited) {
                return Uni.createFrom().item(targetKind.equals("projects") && admin.id.equals(targetId));
            }
            return roles.lineage(admin).map(lineage -> inheritedFrom(lineage).contains(targetId));
        });
    }

    /** A role as grants name it: {@code target.role.name}, {@code target.role.domain_id}. */
    public static Target role(Target target, Role role) {
        return target.with("target.role.id", role.id).with("target.role.name", role.name)
                .with("target.role.domain_id", role.domainId);
    }

    private Uni<Boolean> holdsAdminProjectRole(User u) {
        return roles.actorsOf(u.id).chain(actors -> Assignment.count("actorId in ?1 and type in ?2", actors,
                        SYSTEM_TYPES)
                .chain(system -> system > 0 ? Uni.createFrom().item(true)
                        : adminProject().chain(admin -> admin == null ? Uni.createFrom().item(false)
                        : roles.onProject(u.id, admin).map(held -> !held.isEmpty()))));
    }

    private static List<String> inheritedFrom(RoleResolver.Lineage lineage) {
        List<String> targets = new ArrayList<>(lineage.ancestorIds());
        targets.add(lineage.domainId());
        return targets;
    }
}
