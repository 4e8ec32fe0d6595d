package io.jstack.identity.service;

import io.jstack.identity.model.Assignment;
import io.jstack.identity.model.ImpliedRole;
import io.jstack.identity.model.Membership;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.Role;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Effective roles, as Keystone computes them: assignments to the user and to the user's groups, on the target
 * itself, inherited from the project's ancestors and domain (OS-INHERIT), then every role the found roles imply.
 */
@ApplicationScoped
public class RoleResolver {

    /** A project and its ancestors, nearest first, and its domain. */
    public record Lineage(Project project, List<String> ancestorIds, String domainId) {
    }

    public Uni<List<String>> actorsOf(String userId) {
        return Membership.<Membership>list("userId", userId).map(ms -> {
            List<String> actors = new ArrayList<>();
            actors.add(userId);
            ms.forEach(m -> actors.add(m.groupId));
            return actors;
        });
    }

    public Uni<Lineage> lineage(Project project) {
        return ancestors(project.parentId, new ArrayList<>())
                .map(ancestors -> new Lineage(project, ancestors, project.domainId));
    }

    private Uni<List<String>> ancestors(String parentId, List<String> found) {
        if (parentId == null || found.contains(parentId) || found.size() > 64) {
            return Uni.createFrom().item(found);
        }
        found.add(parentId);
        return Project.<Project>findById(parentId)
                .chain(parent -> parent == null ? Uni.createFrom().item(found) : ancestors(parent.parentId, found));
    }

    /** Roles (with implied ones) a user holds on a project. */
    public Uni<List<Role>> onProject(String userId, Project project) {
        return actorsOf(userId).chain(actors -> lineage(project).chain(lineage ->
                Assignment.<Assignment>list("actorId in ?1 and ((targetId = ?2 and inherited = false) "
                                + "or (targetId in ?3 and inherited = true))",
                        actors, project.id, inheritedFrom(lineage))
                        .chain(rows -> expand(roleIds(rows)))));
    }

    /** Roles (with implied ones) a user holds on a domain itself. */
    public Uni<List<Role>> onDomain(String userId, String domainId) {
        return actorsOf(userId).chain(actors -> Assignment.<Assignment>list(
                        "actorId in ?1 and targetId = ?2 and inherited = false and type in ?3",
                        actors, domainId, List.of(Assignment.USER_DOMAIN, Assignment.GROUP_DOMAIN))
                .chain(rows -> expand(roleIds(rows))));
    }

    private static List<String> inheritedFrom(Lineage lineage) {
        List<String> targets = new ArrayList<>(lineage.ancestorIds());
        targets.add(lineage.domainId());
        return targets;
    }

    private static Set<String> roleIds(Collection<Assignment> rows) {
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(a -> ids.add(a.roleId));
        return ids;
    }

    /** The roles and, transitively, every role they imply. */
    public Uni<List<Role>> expand(Set<String> roleIds) {
        if (roleIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return ImpliedRole.<ImpliedRole>listAll().chain(rules -> {
            Map<String, List<String>> implies = new HashMap<>();
            rules.forEach(r -> implies.computeIfAbsent(r.priorRoleId, k -> new ArrayList<>()).add(r.impliedRoleId));
            Set<String> all = new LinkedHashSet<>(roleIds);
            Deque<String> todo = new ArrayDeque<>(roleIds);
            while (!todo.isEmpty()) {
                for (String implied : implies.getOrDefault(todo.pop(), List.of())) {
                    if (all.add(implied)) {
                        todo.push(implied);
                    }
                }
            }
            return Role.<Role>list("id in ?1 order by name", all);
        });
    }
}
