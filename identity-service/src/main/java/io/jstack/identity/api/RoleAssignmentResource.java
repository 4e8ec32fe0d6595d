package io.jstack.identity.api;

import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.auth.Token;
import io.jstack.identity.model.Assignment;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Group;
import io.jstack.identity.model.ImpliedRole;
import io.jstack.identity.model.Membership;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.Role;
import io.jstack.identity.model.User;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Policy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /v3/role_assignments}: the assignments as stored, or with {@code effective} as they take effect:
 * group grants become grants to each member, inherited grants land on each project below, implied roles are
 * added, and domain-specific roles (which only ever act through implication) are left out.
 */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
public class RoleAssignmentResource {

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Context
    UriInfo uri;

    /** One assignment as listed; {@code via} is the group it came through, {@code prior} the implying role. */
    record Row(String actorType, String actorId, String targetType, String targetId, String roleId,
               boolean inherited, String via, String prior, String sourceTargetType, String sourceTargetId) {
    }

    @GET
    @Path("role_assignments")
    @WithSession
    public Uni<Map<String, Object>> list() {
        Token token = current.token();
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        String userId = q.getFirst("user.id");
        String groupId = q.getFirst("group.id");
        String roleId = q.getFirst("role.id");
        String projectId = q.getFirst("scope.project.id");
        String domainId = q.getFirst("scope.domain.id");
        boolean system = q.containsKey("scope.system");
        String inheritedTo = q.getFirst("scope.OS-INHERIT:inherited_to");
        boolean effective = q.containsKey("effective") && !"false".equalsIgnoreCase(q.getFirst("effective"));
        boolean names = q.containsKey("include_names") && !"false".equalsIgnoreCase(q.getFirst("include_names"));
        boolean subtree = q.containsKey("include_subtree") && !"false".equalsIgnoreCase(q.getFirst("include_subtree"));
        if (effective && groupId != null) {
            throw Body.invalid("group.id", "effective lists users, so it cannot filter on a group");
        }
        boolean self = userId != null && userId.equals(token.user().id());
        if (!self) {
            policy.authorize(token, IdentityRules.LIST_ROLE_ASSIGNMENTS);
        }
        return Assignment.<Assignment>listAll().chain(all -> Project.<Project>listAll().chain(projects ->
                Membership.<Membership>listAll().chain(memberships -> ImpliedRole.<ImpliedRole>listAll().chain(rules ->
                        Role.<Role>listAll().chain(roles -> {
                            List<Row> rows = new ArrayList<>();
                            for (Assignment a : all) {
                                String targetType = a.type.endsWith("Project") ? "project"
                                        : a.type.endsWith("Domain") ? "domain" : "system";
                                rows.add(new Row(a.isUser() ? "user" : "group", a.actorId, targetType, a.targetId,
                                        a.roleId, a.inherited, null, null, null, null));
                            }
                            if (effective) {
                                rows = expandGroups(rows, memberships);
                                rows = expandInherited(rows, projects);
                                rows = expandImplied(rows, rules, roles);
                            }
                            Set<String> projectTargets = projectId == null ? null : new LinkedHashSet<>(List.of(projectId));
                            if (projectId != null && subtree) {
                                projectTargets.addAll(descendants(projectId, projects));
                            }
                            List<Row> filtered = new ArrayList<>();
                            for (Row r : rows) {
                                if (userId != null && !("user".equals(r.actorType()) && userId.equals(r.actorId()))) {
                                    continue;
                                }
                                if (groupId != null && !("group".equals(r.actorType()) && groupId.equals(r.actorId()))) {
                                    continue;
                                }
                                if (roleId != null && !roleId.equals(r.roleId())) {
                                    continue;
                                }
                                if (projectTargets != null && !("project".equals(r.targetType())
                                        && projectTargets.contains(r.targetId()))) {
                                    continue;
                                }
                                if (domainId != null && !("domain".equals(r.targetType()) && domainId.equals(r.targetId()))) {
                                    continue;
                                }
                                if (system && !"system".equals(r.targetType())) {
                                    continue;
                                }
                                if (inheritedTo != null && !r.inherited()) {
                                    continue;
                                }
                                filtered.add(r);
                            }
                            return names ? render(filtered, true, roles, projects)
                                    : Uni.createFrom().item(Views.list("role_assignments",
                                    filtered.stream().map(r -> entry(r, null)).toList(), uri));
                        })))));
    }

    private static List<Row> expandGroups(List<Row> rows, List<Membership> memberships) {
        Map<String, List<String>> members = new HashMap<>();
        memberships.forEach(m -> members.computeIfAbsent(m.groupId, k -> new ArrayList<>()).add(m.userId));
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if ("group".equals(r.actorType())) {
                for (String user : members.getOrDefault(r.actorId(), List.of())) {
                    out.add(new Row("user", user, r.targetType(), r.targetId(), r.roleId(), r.inherited(), r.actorId(),
                            null, null, null));
                }
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static List<Row> expandInherited(List<Row> rows, List<Project> projects) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.inherited()) {
                out.add(r);
                continue;
            }
            List<String> targets = "domain".equals(r.targetType())
                    ? projects.stream().filter(p -> p.domainId.equals(r.targetId())).map(p -> p.id).toList()
                    : descendants(r.targetId(), projects);
            for (String project : targets) {
                out.add(new Row(r.actorType(), r.actorId(), "project", project, r.roleId(), false, r.via(), null,
                        r.targetType(), r.targetId()));
            }
        }
        return out;
    }

    private static List<String> descendants(String projectId, List<Project> projects) {
        List<String> out = new ArrayList<>();
        List<String> frontier = new ArrayList<>(List.of(projectId));
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (Project p : projects) {
                if (p.parentId != null && frontier.contains(p.parentId) && !out.contains(p.id)) {
                    out.add(p.id);
                    next.add(p.id);
                }
            }
            frontier = next;
        }
        return out;
    }

    private static List<Row> expandImplied(List<Row> rows, List<ImpliedRole> rules, List<Role> roles) {
        Map<String, List<String>> implies = new HashMap<>();
        rules.forEach(r -> implies.computeIfAbsent(r.priorRoleId, k -> new ArrayList<>()).add(r.impliedRoleId));
        Set<String> domainSpecific = new java.util.HashSet<>();
        roles.stream().filter(r -> r.domainId != null).forEach(r -> domainSpecific.add(r.id));
        Set<Row> out = new LinkedHashSet<>();
        for (Row r : rows) {
            out.add(r);
            List<String> todo = new ArrayList<>(implies.getOrDefault(r.roleId(), List.of()));
            Set<String> seen = new java.util.HashSet<>(Set.of(r.roleId()));
            while (!todo.isEmpty()) {
                String implied = todo.removeFirst();
                if (!seen.add(implied)) {
                    continue;
                }
                out.add(new Row(r.actorType(), r.actorId(), r.targetType(), r.targetId(), implied, r.inherited(),
                        r.via(), r.roleId(), r.sourceTargetType(), r.sourceTargetId()));
                todo.addAll(implies.getOrDefault(implied, List.of()));
            }
        }
        return out.stream().filter(r -> !domainSpecific.contains(r.roleId())).toList();
    }

    private Map<String, Object> entry(Row r, Names names) {
        String v3 = Links.v3(uri);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", names == null ? Map.of("id", r.roleId()) : names.role(r.roleId()));
        out.put(r.actorType(), names == null ? Map.of("id", r.actorId()) : names.actor(r.actorType(), r.actorId()));
        Map<String, Object> scope = new LinkedHashMap<>();
        if ("system".equals(r.targetType())) {
            scope.put("system", Map.of("all", true));
        } else {
            scope.put(r.targetType(), names == null ? Map.of("id", r.targetId())
                    : names.target(r.targetType(), r.targetId()));
        }
        if (r.inherited()) {
            scope.put("OS-INHERIT:inherited_to", "projects");
        }
        out.put("scope", scope);
        Map<String, Object> links = new LinkedHashMap<>();
        String actorPath = (r.via() != null ? "groups/" + r.via() : r.actorType() + "s/" + r.actorId());
        String sourceType = r.sourceTargetType() != null ? r.sourceTargetType() : r.targetType();
        String sourceId = r.sourceTargetId() != null ? r.sourceTargetId() : r.targetId();
        String roleForLink = r.prior() != null ? r.prior() : r.roleId();
        boolean inheritedLink = r.inherited() || r.sourceTargetType() != null;
        String assignment = "system".equals(sourceType)
                ? v3 + "/system/" + actorPath + "/roles/" + roleForLink
                : inheritedLink
                ? v3 + "/OS-INHERIT/" + sourceType + "s/" + sourceId + "/" + actorPath + "/roles/" + roleForLink
                + "/inherited_to_projects"
                : v3 + "/" + sourceType + "s/" + sourceId + "/" + actorPath + "/roles/" + roleForLink;
        links.put("assignment", assignment);
        if (r.via() != null) {
            links.put("membership", v3 + "/groups/" + r.via() + "/users/" + r.actorId());
        }
        if (r.prior() != null) {
            links.put("prior_role", v3 + "/roles/" + r.prior());
        }
        out.put("links", links);
        return out;
    }

    /** Names for include_names. */
    private record Names(Map<String, Role> roles, Map<String, Object[]> actors, Map<String, Project> projects,
                         Map<String, Domain> domains) {
        Map<String, Object> role(String id) {
            Role r = roles.get(id);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            if (r != null) {
                out.put("name", r.name);
                if (r.domainId != null) {
                    out.put("domain", domainRef(r.domainId));
                }
            }
            return out;
        }

        Map<String, Object> actor(String type, String id) {
            Object[] a = actors.get(type + ":" + id);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            if (a != null) {
                out.put("name", a[0]);
                out.put("domain", domainRef((String) a[1]));
            }
            return out;
        }

        Map<String, Object> target(String type, String id) {
            if ("domain".equals(type)) {
                return domainRef(id);
            }
            Project p = projects.get(id);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            if (p != null) {
                out.put("name", p.name);
                out.put("domain", domainRef(p.domainId));
            }
            return out;
        }

        Map<String, Object> domainRef(String id) {
            Domain d = domains.get(id);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("name", d == null ? null : d.name);
            return out;
        }
    }

    private Uni<Map<String, Object>> render(List<Row> rows, boolean withNames, List<Role> roles,
                                            List<Project> projects) {
        return User.<User>listAll().chain(users -> Group.<Group>listAll().chain(groups ->
                Domain.<Domain>listAll().map(domains -> {
                    Map<String, Role> r = new HashMap<>();
                    roles.forEach(x -> r.put(x.id, x));
                    Map<String, Object[]> actors = new HashMap<>();
                    users.forEach(u -> actors.put("user:" + u.id, new Object[]{u.name, u.domainId}));
                    groups.forEach(g -> actors.put("group:" + g.id, new Object[]{g.name, g.domainId}));
                    Map<String, Project> p = new HashMap<>();
                    projects.forEach(x -> p.put(x.id, x));
                    Map<String, Domain> d = new HashMap<>();
                    domains.forEach(x -> d.put(x.id, x));
                    Names names = new Names(r, actors, p, d);
                    return Views.list("role_assignments",
                            rows.stream().map(row -> entry(row, withNames ? names : null)).filter(Objects::nonNull)
                                    .toList(), uri);
                })));
    }
}
