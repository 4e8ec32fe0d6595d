package io.jstack.image.api;

import io.jstack.image.model.MetadefNamespace;
import io.jstack.image.model.MetadefObject;
import io.jstack.image.model.MetadefProperty;
import io.jstack.image.model.MetadefResourceType;
import io.jstack.image.model.MetadefTag;
import io.jstack.image.service.MetadefNamespaces;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Metadata definitions as Glance renders them. */
final class MetadefView {
    private MetadefView() {
    }

    static Map<String, Object> namespace(MetadefNamespaces.Details d, boolean full) {
        MetadefNamespace ns = d.namespace();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("namespace", ns.namespace);
        if (ns.displayName != null) {
            out.put("display_name", ns.displayName);
        }
        if (ns.description != null) {
            out.put("description", ns.description);
        }
        out.put("visibility", ns.visibility);
        out.put("protected", ns.isProtected);
        out.put("owner", ns.owner);
        out.put("created_at", ImageView.time(ns.createdAt));
        out.put("updated_at", ImageView.time(ns.updatedAt));
        out.put("schema", "/v2/schemas/metadefs/namespace");
        out.put("self", "/v2/metadefs/namespaces/" + ns.namespace);
        if (!d.associations().isEmpty()) {
            out.put("resource_type_associations", d.associations().stream().map(MetadefView::association).toList());
        }
        if (full) {
            if (!d.properties().isEmpty()) {
                out.put("properties", properties(d.properties()));
            }
            if (!d.objects().isEmpty()) {
                out.put("objects", d.objects().stream().map(o -> object(ns.namespace, o)).toList());
            }
            if (!d.tags().isEmpty()) {
                out.put("tags", d.tags().stream().map(t -> Map.of("name", t.name)).toList());
            }
        }
        return out;
    }

    static Map<String, Object> association(MetadefNamespaces.Association a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", a.resourceType());
        if (a.association().prefix != null) {
            out.put("prefix", a.association().prefix);
        }
        if (a.association().propertiesTarget != null) {
            out.put("properties_target", a.association().propertiesTarget);
        }
        out.put("created_at", ImageView.time(a.association().createdAt));
        out.put("updated_at", ImageView.time(a.association().updatedAt));
        return out;
    }

    static Map<String, Object> resourceType(MetadefResourceType t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name);
        out.put("created_at", ImageView.time(t.createdAt));
        out.put("updated_at", ImageView.time(t.updatedAt));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> property(MetadefProperty p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", p.name);
        out.putAll((Map<String, Object>) Json.plain(Json.parse(p.schema.getBytes())));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(List<MetadefProperty> list) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (MetadefProperty p : list) {
            out.put(p.name, Json.plain(Json.parse(p.schema.getBytes())));
        }
        return out;
    }

    static Map<String, Object> object(String namespace, MetadefObject o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", o.name);
        if (o.description != null) {
            out.put("description", o.description);
        }
        out.put("required", Json.plain(Json.parse(o.required.getBytes())));
        out.put("properties", Json.plain(Json.parse(o.properties.getBytes())));
        out.put("schema", "/v2/schemas/metadefs/object");
        out.put("self", "/v2/metadefs/namespaces/" + namespace + "/objects/" + o.name);
        out.put("created_at", ImageView.time(o.createdAt));
        out.put("updated_at", ImageView.time(o.updatedAt));
        return out;
    }

    static Map<String, Object> tag(MetadefTag t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name);
        out.put("created_at", ImageView.time(t.createdAt));
        out.put("updated_at", ImageView.time(t.updatedAt));
        return out;
    }
}
