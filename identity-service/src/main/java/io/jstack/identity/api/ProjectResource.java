package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.auth.Token;
import io.jstack.common.policy.Target;
import io.jstack.identity.model.Assignment;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.ProjectTag;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Ids;
import io.jstack.identity.service.Policy;
import io.jstack.identity.service.PolicyTargets;
import io.jstack.identity.service.RevocationService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    static final Set<String> FIELDS = Set.of("id", "name", "domain_id", "parent_id", "description", "enabled",
            "is_domain", "links", "tags", "options");

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Inject
    PolicyTargets targets;

    @Inject
    RevocationService revocation;

    @Context
    UriInfo uri;

    static Uni<Project> find(String id) {
        return Project.<Project>findById(id).map(p -> {
            if (p == null) {
                throw ApiException.notFound("Could not find project: " + id + ".");
            }
            return p;
        });
    }

    static Uni<Map<String, List<String>>> tags(List<String> projectIds) {
        if (projectIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ProjectTag.<ProjectTag>list("projectId in ?1 order by name", projectIds).map(rows -> {
            Map<String, List<String>> out = new HashMap<>();
            rows.forEach(t -> out.computeIfAbsent(t.projectId, k -> new ArrayList<>()).add(t.name));
            return out;
        });
    }

    Uni<Map<String, Object>> render(Project p) {
        return tags(List.of(p.id)).map(t -> Views.one("project",
                Views.project(Links.v3(uri), p, t.getOrDefault(p.id, List.of()))));
    }

    /** Keystone's filters of GET /v3/projects (and their __contains, __startswith, ... forms). */
    private static final ListFilters.Attribute[] FILTERS = {
            ListFilters.Attribute.string("name", "name"), ListFilters.Attribute.string("domain_id", "domainId"),
            ListFilters.Attribute.bool("enabled", "enabled")};

    @GET
    @Path("projects")
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("parent_id") String parentId,
                                         @QueryParam("is_domain") String isDomain) {
        Token token = current.token();
        String limitTo = policy.domainScope(token, IdentityRules.LIST_PROJECTS);
        ListFilters filters = ListFilters.of(uri, FILTERS);
        TagFilters tagged = TagFilters.of(uri);
        if (Boolean.TRUE.equals(Where.bool("is_domain", isDomain))) {
            return domainsAsProjects(filters, tagged, parentId, limitTo);
        }
        Where where = filters.apply(new Where()).eq("domainId", limitTo);
        // a top-level project's parent is its domain
        where.clause("(parentId = {} or (parentId is null and domainId = {}))", parentId);
        tagged.apply(where);
        String v3 = Links.v3(uri);
        return Project.<Project>list(where.hql("name"), where.params()).chain(list ->
                tags(list.stream().map(p -> p.id).toList()).map(t -> Views.list("projects", list.stream()
                        .map(p -> Views.project(v3, p, t.getOrDefault(p.id, List.of()))).toList(), uri)));
    }

    /**
     * Domains are listed as projects only when asked for with is_domain=true; they have no domain, parent or tags.
     */
    private Uni<Map<String, Object>> domainsAsProjects(ListFilters filters, TagFilters tagged, String parentId,
                                                       String limitTo) {
        if (filters.has("domain_id") || parentId != null || tagged.needsATag()) {
            return Uni.createFrom().item(Views.list("projects", List.of(), uri));
        }
        Where where = filters.apply(new Where()).eq("id", limitTo);
        String v3 = Links.v3(uri);
        return Domain.<Domain>list(where.hql("name"), where.params()).map(list -> Views.list("projects",
                list.stream().map(d -> Views.domainAsProject(v3, d)).toList(), uri));
    }

    /** A domain addressed by the projects API (as a project acting as a domain); unknown, it is a 404 project. */
    static Uni<Domain> domainAsProject(String id) {
        return Domain.<Domain>findById(id).map(d -> {
            if (d == null) {
                throw ApiException.notFound("Could not find project: " + id + ".");
            }
            return d;
        });
    }

    @GET
    @Path("projects/{id}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        Token token = current.token();
        return Project.<Project>findById(id).chain(p -> {
            if (p == null) {
                return domainAsProject(id).map(d -> {
                    policy.authorize(token, IdentityRules.GET_PROJECT, Target.of("target.project.id", d.id,
                            "target.project.domain_id", d.id));
                    return Views.one("project", Views.domainAsProject(Links.v3(uri), d));
                });
            }
            policy.authorize(token, IdentityRules.GET_PROJECT, PolicyTargets.project(p));
            return render(p);
        });
    }

    @POST
    @Path("projects")
    @WithTransaction
    public Uni<Response> create(JsonNode json) {
        Token token = current.token();
        Body body = Body.of(json, "project");
        if (Boolean.TRUE.equals(body.optionalBoolean("is_domain"))) {
            return createDomain(token, body);
        }
        Project p = new Project();
        p.id = Ids.newId();
        p.name = body.requiredString("name", 1, 64);
        p.description = body.optionalString("description", 65535);
        Boolean enabled = body.optionalBoolean("enabled");
        p.enabled = enabled == null || enabled;
        String domainId = body.optionalString("domain_id", 64);
        String parentId = body.optionalString("parent_id", 64);
        p.extra = body.extras(FIELDS);
        List<String> tagNames = tagList(body);
        Uni<String> domain;
        if (parentId != null) {
            domain = Project.<Project>findById(parentId).chain(parent -> {
                if (parent != null) {
                    if (domainId != null && !domainId.equals(parent.domainId)) {
                        throw ApiException.badRequest("A project's parent must be in the same domain.");
                    }
                    p.parentId = parent.id;
                    return Uni.createFrom().item(parent.domainId);
                }
                // a top-level project names its domain as parent
                return DomainResource.find(parentId).map(d -> d.id);
            });
        } else {
            String fallback = token.domainScopeId() != null ? token.domainScopeId()
                    : token.project() != null ? token.project().domain().id() : Domain.DEFAULT_ID;
            String chosen = domainId != null ? domainId : fallback;
            domain = Domain.<Domain>findById(chosen).map(d -> {
                if (d == null) {
                    throw ApiException.notFound("Could not find domain: " + chosen + ".");
                }
                return d.id;
            });
        }
        return domain.chain(d -> {
            p.domainId = d;
            policy.authorize(token, IdentityRules.CREATE_PROJECT, PolicyTargets.project(p));
            return Project.count("domainId = ?1 and lower(name) = lower(?2)", d, p.name);
        }).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("Conflict occurred attempting to store project - it is not permitted to "
                        + "have two projects with the same name in the same domain : " + p.name + ".");
            }
            return p.<Project>persist();
        }).chain(saved -> storeTags(saved.id, tagNames)).chain(() -> render(p))
                .map(rendered -> Response.status(201).entity(rendered).build());
    }

    /**
     * A project acting as a domain is, in Keystone, how every domain is kept; here it is a domain, answered in
     * the shape of a project. It sits above everything, so it has no domain and no parent.
     */
    private Uni<Response> createDomain(Token token, Body body) {
        policy.authorize(token, IdentityRules.CREATE_DOMAIN);
        if (body.optionalString("domain_id", 64) != null) {
            throw Body.invalid("domain_id", "a project acting as a domain belongs to no domain");
        }
        if (body.optionalString("parent_id", 64) != null) {
            throw Body.invalid("parent_id", "a project acting as a domain has no parent");
        }
        if (!tagList(body).isEmpty()) {
            throw Body.invalid("tags", "a project acting as a domain has no tags");
        }
        Domain d = new Domain();
        d.id = Ids.newId();
        d.name = body.requiredString("name", 1, 64);
        d.description = body.optionalString("description", 65535);
        Boolean enabled = body.optionalBoolean("enabled");
        d.enabled = enabled == null || enabled;
        d.extra = body.extras(FIELDS);
        return DomainResource.insert(d).map(saved -> Response.status(201)
                .entity(Views.one("project", Views.domainAsProject(Links.v3(uri), saved))).build());
    }

    private static List<String> tagList(Body body) {
        JsonNode tags = body.raw("tags");
        return tags == null || tags.isNull() ? List.of() : tagList(tags);
    }

    /** A list of tags as Keystone's schema has it: strings without '/' or ',', at most 80, each once. */
    static List<String> tagList(JsonNode tags) {
        if (tags == null || !tags.isArray()) {
            throw Body.invalid("tags", (tags == null ? "'tags' is a required property" : tags
                    + " is not of type 'array'"));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : tags) {
            if (!t.isTextual()) {
                throw Body.invalid("tags", t + " is not of type 'string'");
            }
            checkTag(t.textValue());
            out.add(t.textValue().strip());
        }
        checkTagList(out);
        return out;
    }

    static void checkTag(String tag) {
        if (tag.isEmpty() || tag.length() > 255 || tag.contains("/") || tag.contains(",")) {
            throw Body.invalid("tags", "'" + tag + "' is not a valid tag: 1 to 255 characters, without '/' or ','");
        }
    }

    static void checkTagList(List<String> tags) {
        if (tags.size() > 80) {
            throw Body.invalid("tags", "a project has at most 80 tags");
        }
        if (new java.util.HashSet<>(tags).size() != tags.size()) {
            throw Body.invalid("tags", tags + " has non-unique elements");
        }
    }

    static Uni<Void> storeTags(String projectId, List<String> names) {
        List<java.util.function.Supplier<Uni<?>>> ops = new ArrayList<>();
        for (String n : names) {
            ops.add(() -> ProjectTag.of(projectId, n).persist());
        }
        return io.jstack.identity.service.Unis.inSequence(ops);
    }

    @PATCH
    @Path("projects/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        Token token = current.token();
        Body body = Body.of(json, "project");
        return Project.<Project>findById(id).chain(p -> p != null ? targets.projectWithReach(p)
                .invoke(t -> policy.authorize(token, IdentityRules.UPDATE_PROJECT, t))
                .chain(t -> updateProject(p, body))
                : domainAsProject(id).chain(d -> {
                    policy.authorize(token, IdentityRules.UPDATE_DOMAIN);
                    if (body.has("is_domain") && !Boolean.TRUE.equals(body.optionalBoolean("is_domain"))) {
                        throw ApiException.badRequest("is_domain cannot be changed.");
                    }
                    if (body.has("domain_id") && body.optionalString("domain_id", 64) != null) {
                        throw ApiException.badRequest("A project acting as a domain belongs to no domain.");
                    }
                    return DomainResource.apply(d, body, FIELDS, revocation)
                            .map(saved -> Views.one("project", Views.domainAsProject(Links.v3(uri), saved)));
                }));
    }

    private Uni<Map<String, Object>> updateProject(Project p, Body body) {
        if (body.has("domain_id") && !p.domainId.equals(body.optionalString("domain_id", 64))) {
            throw ApiException.badRequest("A project cannot move to another domain.");
        }
        if (body.has("is_domain") && Boolean.TRUE.equals(body.optionalBoolean("is_domain"))) {
            throw ApiException.badRequest("is_domain cannot be changed.");
        }
        if (body.has("name")) {
            p.name = body.requiredString("name", 1, 64);
        }
        if (body.has("description")) {
            p.description = body.optionalString("description", 65535);
        }
        Boolean enabled = body.optionalBoolean("enabled");
        boolean disabling = enabled != null && p.enabled && !enabled;
        if (enabled != null) {
            p.enabled = enabled;
        }
        p.extra = body.mergeExtras(p.extra, FIELDS);
        List<String> tags = body.has("tags") ? tagList(body) : null;
        return Project.count("domainId = ?1 and lower(name) = lower(?2) and id <> ?3", p.domainId, p.name, p.id)
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("Conflict occurred attempting to update project - duplicate name "
                                + p.name + ".");
                    }
                    Uni<Void> tagging = tags == null ? Uni.createFrom().voidItem()
                            : ProjectTag.delete("projectId", p.id).chain(() -> storeTags(p.id, tags));
                    return tagging.chain(() -> disabling ? revocation.revokeProject(p.id)
                            : Uni.createFrom().voidItem());
                }).chain(() -> render(p));
    }

    @DELETE
    @Path("projects/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        Token token = current.token();
        return Project.<Project>findById(id).chain(p -> p != null ? targets.projectWithReach(p)
                .invoke(t -> policy.authorize(token, IdentityRules.DELETE_PROJECT, t)).chain(t -> deleteProject(p))
                : domainAsProject(id).chain(d -> {
                    policy.authorize(token, IdentityRules.DELETE_DOMAIN);
                    return DomainResource.remove(d, revocation);
                })).map(ignored -> Response.noContent().build());
    }

    /** A project must be a leaf; its assignments and tags go with it (and its credentials, by cascade). */
    private Uni<Void> deleteProject(Project p) {
        return Project.count("parentId", p.id).chain(children -> {
            if (children > 0) {
                throw ApiException.forbidden("Cannot delete the project " + p.id
                        + " as it is not a leaf in the hierarchy.");
            }
            return Assignment.delete("targetId", p.id);
        }).chain(() -> ProjectTag.delete("projectId", p.id))
                .chain(() -> Project.delete("id", p.id))
                .chain(() -> revocation.revokeProject(p.id));
    }
}
