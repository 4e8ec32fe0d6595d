package io.jstack.image.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.api.ApiException;
import io.jstack.image.model.MetadefNamespace;
import io.jstack.image.model.MetadefObject;
import io.jstack.image.model.MetadefProperty;
import io.jstack.image.model.MetadefTag;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The definitions inside a namespace: properties, objects and tags, each unique by name in its namespace. */
@ApplicationScoped
public class MetadefContents {

    /** A property definition: its name and its JSON schema (title, type, enum, ...). */
    public record PropertySpec(String name, Map<String, Object> schema) {
    }

    public record ObjectSpec(String name, String description, List<String> required,
                             Map<String, Object> properties) {
    }

    @Inject
    MetadefNamespaces namespaces;

    @Inject
    ObjectMapper json;

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    public Uni<List<MetadefProperty>> properties(Caller caller, String namespace) {
        return namespaces.find(caller, namespace).chain(ns ->
                MetadefProperty.list("namespaceId = ?1 order by name", ns.id));
    }

    public Uni<MetadefProperty> property(Caller caller, String namespace, String name) {
        return namespaces.find(caller, namespace).chain(ns -> findProperty(ns, name));
    }

    private static Uni<MetadefProperty> findProperty(MetadefNamespace ns, String name) {
        return MetadefProperty.<MetadefProperty>find("namespaceId = ?1 and name = ?2", ns.id, name).firstResult()
                .map(p -> {
                    if (p == null) {
                        throw ApiException.notFound("Metadata definition property=" + name + " was not found in "
                                + "namespace=" + ns.namespace + ".");
                    }
                    return p;
                });
    }

    public Uni<MetadefProperty> addProperty(Caller caller, String namespace, PropertySpec spec) {
        return namespaces.findWritable(caller, namespace).chain(ns -> addProperty(ns, spec));
    }

    Uni<MetadefProperty> addProperty(MetadefNamespace ns, PropertySpec spec) {
        return MetadefProperty.count("namespaceId = ?1 and name = ?2", ns.id, spec.name()).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("A metadata definition property with name=" + spec.name()
                        + " already exists in namespace=" + ns.namespace + ".");
            }
            MetadefProperty p = new MetadefProperty();
            p.namespaceId = ns.id;
            p.name = spec.name();
            p.schema = write(spec.schema());
            p.createdAt = ImageTransitions.now();
            p.updatedAt = p.createdAt;
            return p.persist();
        });
    }

    public Uni<MetadefProperty> updateProperty(Caller caller, String namespace, String name, PropertySpec spec) {
        return namespaces.findWritable(caller, namespace).chain(ns -> findProperty(ns, name).chain(p ->
                renameCheck(!spec.name().equals(name), () -> MetadefProperty.count(
                        "namespaceId = ?1 and name = ?2", ns.id, spec.name()), spec.name()).map(ignored -> {
                    p.name = spec.name();
                    p.schema = write(spec.schema());
                    p.updatedAt = ImageTransitions.now();
                    return p;
                })));
    }

    public Uni<Void> deleteProperty(Caller caller, String namespace, String name) {
        return namespaces.findWritable(caller, namespace).chain(ns -> findProperty(ns, name))
                .chain(p -> MetadefProperty.delete("id", p.id).replaceWithVoid());
    }

    // ---- objects ------------------------------------------------------------------------------------------------

    public Uni<List<MetadefObject>> objects(Caller caller, String namespace) {
        return namespaces.find(caller, namespace).chain(ns ->
                MetadefObject.list("namespaceId = ?1 order by name", ns.id));
    }

    public Uni<MetadefObject> object(Caller caller, String namespace, String name) {
        return namespaces.find(caller, namespace).chain(ns -> findObject(ns, name));
    }

    private static Uni<MetadefObject> findObject(MetadefNamespace ns, String name) {
        return MetadefObject.<MetadefObject>find("namespaceId = ?1 and name = ?2", ns.id, name).firstResult()
                .map(o -> {
                    if (o == null) {
                        throw ApiException.notFound("Metadata definition object=" + name + " was not found in "
                                + "namespace=" + ns.namespace + ".");
                    }
                    return o;
                });
    }

    public Uni<MetadefObject> addObject(Caller caller, String namespace, ObjectSpec spec) {
        return namespaces.findWritable(caller, namespace).chain(ns -> addObject(ns, spec));
    }

    Uni<MetadefObject> addObject(MetadefNamespace ns, ObjectSpec spec) {
        return MetadefObject.count("namespaceId = ?1 and name = ?2", ns.id, spec.name()).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("A metadata definition object with name=" + spec.name()
                        + " already exists in namespace=" + ns.namespace + ".");
            }
            MetadefObject o = new MetadefObject();
            o.namespaceId = ns.id;
            apply(o, spec);
            o.createdAt = ImageTransitions.now();
            o.updatedAt = o.createdAt;
            return o.persist();
        });
    }

    private void apply(MetadefObject o, ObjectSpec spec) {
        o.name = spec.name();
        o.description = spec.description();
        o.required = write(spec.required() == null ? List.of() : spec.required());
        o.properties = write(spec.properties() == null ? Map.of() : spec.properties());
    }

    public Uni<MetadefObject> updateObject(Caller caller, String namespace, String name, ObjectSpec spec) {
        return namespaces.findWritable(caller, namespace).chain(ns -> findObject(ns, name).chain(o ->
                renameCheck(!spec.name().equals(name), () -> MetadefObject.count(
                        "namespaceId = ?1 and name = ?2", ns.id, spec.name()), spec.name()).map(ignored -> {
                    apply(o, spec);
                    o.updatedAt = ImageTransitions.now();
                    return o;
                })));
    }

    public Uni<Void> deleteObject(Caller caller, String namespace, String name) {
        return namespaces.findWritable(caller, namespace).chain(ns -> findObject(ns, name)).chain(o -> MetadefObject.delete("id", o.id).replaceWithVoid());
    }

    // ---- tags ---------------------------------------------------------------------------------------------------

    public Uni<List<MetadefTag>> tags(Caller caller, String namespace) {
        return namespaces.find(caller, namespace).chain(ns ->
                MetadefTag.list("namespaceId = ?1 order by createdAt, name", ns.id));
    }

    public Uni<MetadefTag> tag(Caller caller, String namespace, String name) {
        return namespaces.find(caller, namespace).chain(ns -> findTag(ns, name));
    }

    private static Uni<MetadefTag> findTag(MetadefNamespace ns, String name) {
        return MetadefTag.<MetadefTag>find("namespaceId = ?1 and name = ?2", ns.id, name).firstResult().map(t -> {
            if (t == null) {
                throw ApiException.notFound("Metadata definition tag=" + name + " was not found in namespace="
                        + ns.namespace + ".");
            }
            return t;
        });
    }

    public Uni<MetadefTag> addTag(Caller caller, String namespace, String name) {
        return namespaces.findWritable(caller, namespace).chain(ns -> addTag(ns, name));
    }

    Uni<MetadefTag> addTag(MetadefNamespace ns, String name) {
        return MetadefTag.count("namespaceId = ?1 and name = ?2", ns.id, name).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("A metadata tag with name=" + name + " already exists in namespace="
                        + ns.namespace + ".");
            }
            MetadefTag t = new MetadefTag();
            t.namespaceId = ns.id;
            t.name = name;
            t.createdAt = ImageTransitions.now();
            t.updatedAt = t.createdAt;
            return t.persist();
        });
    }

    /** Sets the namespace's tags to {@code names} (or adds them, when {@code append}). */
    public Uni<List<MetadefTag>> replaceTags(Caller caller, String namespace, List<String> names, boolean append) {
        if (names.stream().distinct().count() != names.size()) {
            throw ApiException.conflict("Duplicate tag names in the request.");
        }
        return namespaces.findWritable(caller, namespace).chain(ns -> {
            Uni<Long> cleared = append ? Uni.createFrom().item(0L) : MetadefTag.delete("namespaceId", ns.id);
            return cleared.chain(() -> {
                List<Supplier<Uni<?>>> ops = new ArrayList<>();
                names.forEach(n -> ops.add(() -> addTag(ns, n)));
                return Unis.inSequence(ops);
            }).chain(() -> MetadefTag.<MetadefTag>list("namespaceId = ?1 and name in ?2 order by createdAt, name",
                    ns.id, names));
        });
    }

    public Uni<MetadefTag> renameTag(Caller caller, String namespace, String name, String newName) {
        return namespaces.findWritable(caller, namespace).chain(ns -> findTag(ns, name).chain(t ->
                renameCheck(!newName.equals(name), () -> MetadefTag.count("namespaceId = ?1 and name = ?2", ns.id,
                        newName), newName).map(ignored -> {
                    t.name = newName;
                    t.updatedAt = ImageTransitions.now();
                    return t;
                })));
    }

    public Uni<Void> deleteTag(Caller caller, String namespace, String name) {
        return namespaces.findWritable(caller, namespace).chain(ns -> findTag(ns, name)).chain(t -> MetadefTag.delete("id", t.id).replaceWithVoid());
    }

    // ---- whole collections --------------------------------------------------------------------------------------

    public Uni<Void> deleteAll(Caller caller, String namespace, String kind) {
        return namespaces.findWritable(caller, namespace).chain(ns -> switch (kind) {
            case "properties" -> MetadefProperty.delete("namespaceId", ns.id);
            case "objects" -> MetadefObject.delete("namespaceId", ns.id);
            case "tags" -> MetadefTag.delete("namespaceId", ns.id);
            default -> throw new IllegalArgumentException(kind);
        }).replaceWithVoid();
    }

    private static Uni<Void> renameCheck(boolean renaming, Supplier<Uni<Long>> count, String newName) {
        if (!renaming) {
            return Uni.createFrom().voidItem();
        }
        return count.get().invoke(n -> {
            if (n > 0) {
                throw ApiException.conflict("The name " + newName + " is already taken in this namespace.");
            }
        }).replaceWithVoid();
    }
}
