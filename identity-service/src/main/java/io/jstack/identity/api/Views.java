package io.jstack.identity.api;

import io.jstack.identity.model.CatalogService;
import io.jstack.identity.model.Credential;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Endpoint;
import io.jstack.identity.model.EndpointGroup;
import io.jstack.identity.model.Group;
import io.jstack.identity.model.OAuthConsumer;
import io.jstack.identity.model.PolicyBlob;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.Region;
import io.jstack.identity.model.Role;
import io.jstack.identity.model.User;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keystone's JSON for each resource: its attributes, extra attributes at top level, and a self link. */
public final class Views {
    private Views() {
    }

    private static Map<String, Object> withExtra(Map<String, Object> out, String extra, String self) {
        Body.readExtra(extra).forEach(out::putIfAbsent);
        out.put("links", Links.self(self));
        return out;
    }

    public static Map<String, Object> domain(String v3, Domain d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id);
        out.put("name", d.name);
        out.put("description", d.description == null ? "" : d.description);
        out.put("enabled", d.enabled);
        out.put("tags", List.of());
        out.put("options", Map.of());
        return withExtra(out, d.extra, v3 + "/domains/" + d.id);
    }

    public static Map<String, Object> project(String v3, Project p, List<String> tags) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id);
        out.put("name", p.name);
        out.put("domain_id", p.domainId);
        out.put("description", p.description == null ? "" : p.description);
        out.put("enabled", p.enabled);
        out.put("parent_id", p.parentId != null ? p.parentId : p.domainId);
        out.put("is_domain", false);
        out.put("tags", tags);
        out.put("options", Map.of());
        return withExtra(out, p.extra, v3 + "/projects/" + p.id);
    }

    /** A domain seen through the projects API (Keystone keeps domains as projects with is_domain true). */
    public static Map<String, Object> domainAsProject(String v3, Domain d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id);
        out.put("name", d.name);
        out.put("domain_id", null);
        out.put("description", d.description == null ? "" : d.description);
        out.put("enabled", d.enabled);
        out.put("parent_id", null);
        out.put("is_domain", true);
        out.put("tags", List.of());
        out.put("options", Map.of());
        return withExtra(out, d.extra, v3 + "/projects/" + d.id);
    }

    public static Map<String, Object> user(String v3, User u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", u.id);
        out.put("name", u.name);
        out.put("domain_id", u.domainId);
        out.put("enabled", u.enabled);
        if (u.defaultProjectId != null) {
            out.put("default_project_id", u.defaultProjectId);
        }
        out.put("password_expires_at", null);
        out.put("options", Map.of());
        return withExtra(out, u.extra, v3 + "/users/" + u.id);
    }

    public static Map<String, Object> group(String v3, Group g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", g.id);
        out.put("name", g.name);
        out.put("domain_id", g.domainId);
        out.put("description", g.description == null ? "" : g.description);
        return withExtra(out, g.extra, v3 + "/groups/" + g.id);
    }

    public static Map<String, Object> role(String v3, Role r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id);
        out.put("name", r.name);
        out.put("domain_id", r.domainId);
        out.put("description", r.description);
        out.put("options", Map.of());
        return withExtra(out, r.extra, v3 + "/roles/" + r.id);
    }

    /** A role as listed inside another resource (implied roles): id, name, link. */
    public static Map<String, Object> roleRef(String v3, Role r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id);
        out.put("name", r.name);
        out.put("links", Links.self(v3 + "/roles/" + r.id));
        return out;
    }

    public static Map<String, Object> region(String v3, Region r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id);
        out.put("description", r.description == null ? "" : r.description);
        out.put("parent_region_id", r.parentRegionId);
        return withExtra(out, r.extra, v3 + "/regions/" + r.id);
    }

    public static Map<String, Object> service(String v3, CatalogService s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id);
        out.put("type", s.type);
        if (s.name != null) {
            out.put("name", s.name);
        }
        if (s.description != null) {
            out.put("description", s.description);
        }
        out.put("enabled", s.enabled);
        return withExtra(out, s.extra, v3 + "/services/" + s.id);
    }

    public static Map<String, Object> endpoint(String v3, Endpoint e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id);
        out.put("service_id", e.serviceId);
        out.put("interface", e.iface);
        out.put("region", e.regionId);
        out.put("region_id", e.regionId);
        out.put("url", e.url);
        out.put("enabled", e.enabled);
        return withExtra(out, e.extra, v3 + "/endpoints/" + e.id);
    }

    public static Map<String, Object> credential(String v3, Credential c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id);
        out.put("user_id", c.userId);
        out.put("project_id", c.projectId);
        out.put("type", c.type);
        out.put("blob", c.blob);
        return withExtra(out, c.extra, v3 + "/credentials/" + c.id);
    }

    /** An EC2 credential as OS-EC2 shows it: the key pair out of the blob, the project as tenant_id. */
    public static Map<String, Object> ec2Credential(String v3, Credential c) {
        com.fasterxml.jackson.databind.JsonNode blob = Body.parse(c.blob);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user_id", c.userId);
        out.put("tenant_id", c.projectId);
        out.put("access", text(blob, "access"));
        out.put("secret", text(blob, "secret"));
        out.put("trust_id", text(blob, "trust_id"));
        out.put("links", Links.self(v3 + "/users/" + c.userId + "/credentials/OS-EC2/" + text(blob, "access")));
        return out;
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    public static Map<String, Object> policy(String v3, PolicyBlob p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id);
        out.put("type", p.type);
        out.put("blob", p.blob);
        return withExtra(out, p.extra, v3 + "/policies/" + p.id);
    }

    /** A consumer without its secret: the secret is shown only in the answer to its creation. */
    public static Map<String, Object> consumer(String v3, OAuthConsumer c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id);
        out.put("description", c.description);
        return withExtra(out, c.extra, v3 + "/OS-OAUTH1/consumers/" + c.id);
    }

    public static Map<String, Object> endpointGroup(String v3, EndpointGroup g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", g.id);
        out.put("name", g.name);
        out.put("description", g.description);
        out.put("filters", Body.readExtra(g.filters));
        return withExtra(out, g.extra, v3 + "/OS-EP-FILTER/endpoint_groups/" + g.id);
    }

    public static Map<String, Object> one(String key, Object value) {
        return Map.of(key, value);
    }

    public static Map<String, Object> list(String key, List<?> values, jakarta.ws.rs.core.UriInfo uri) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, values);
        out.put("links", Links.collection(uri));
        return out;
    }
}
