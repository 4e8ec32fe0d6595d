package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.MetadefAssociation;
import io.jstack.image.model.MetadefNamespace;
import io.jstack.image.model.MetadefObject;
import io.jstack.image.model.MetadefProperty;
import io.jstack.image.model.MetadefResourceType;
import io.jstack.image.model.MetadefTag;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Metadata definition namespaces. Public namespaces are readable by every reader, private ones by their owner's
 * project; changing the catalog is for admins (Glance's defaults). Protected namespaces cannot be deleted.
 */
@ApplicationScoped
public class MetadefNamespaces {

    /** A namespace with everything in it, as {@code GET /v2/metadefs/namespaces/{ns}} shows it. */
    public record Details(MetadefNamespace namespace, List<Association> associations,
                          List<MetadefProperty> properties, List<MetadefObject> objects, List<MetadefTag> tags) {
    }

    public record Association(MetadefAssociation association, String resourceType) {
    }

    /** A create or update request. Null lists mean "not given". */
    public record Spec(String namespace, String displayName, String description, String visibility,
                       Boolean isProtected, String owner, List<MetadefResourceTypes.Request> associations,
                       List<MetadefContents.PropertySpec> properties, List<MetadefContents.ObjectSpec> objects,
                       List<String> tags) {
    }

    @Inject
    Policy policy;

    @Inject
    MetadefContents contents;

    @Inject
    MetadefResourceTypes resourceTypes;

    public Uni<MetadefNamespace> find(Caller caller, String name) {
        policy.require(caller, Policy.Rule.GET_METADEF);
        return MetadefNamespace.<MetadefNamespace>find("namespace", name).firstResult().map(ns -> {
            if (ns == null || !visible(caller, ns)) {
                throw ApiException.notFound("Metadata definition namespace=" + name + " was not found.");
            }
            return ns;
        });
    }

    /** The namespace, for a change: admins only. */
    public Uni<MetadefNamespace> findWritable(Caller caller, String name) {
        policy.require(caller, Policy.Rule.MANAGE_METADEF);
        return find(caller, name);
    }

    static boolean visible(Caller caller, MetadefNamespace ns) {
        return caller.isAdmin() || "public".equals(ns.visibility) || caller.owns(ns.owner);
    }

    public Uni<List<Details>> list(Caller caller, String visibility, List<String> resourceTypes) {
        policy.require(caller, Policy.Rule.GET_METADEF);
        return MetadefNamespace.<MetadefNamespace>list("order by createdAt, namespace").chain(all -> {
            List<MetadefNamespace> shown = all.stream().filter(ns -> visible(caller, ns))
                    .filter(ns -> visibility == null || visibility.equals(ns.visibility)).toList();
            return associations(shown.stream().map(ns -> ns.id).toList()).map(assocs -> {
                List<Details> out = new ArrayList<>();
                for (MetadefNamespace ns : shown) {
                    List<Association> mine = assocs.stream().filter(a -> a.association().namespaceId.equals(ns.id))
                            .toList();
                    if (resourceTypes == null || resourceTypes.isEmpty()
                            || mine.stream().anyMatch(a -> resourceTypes.contains(a.resourceType()))) {
                        out.add(new Details(ns, mine, List.of(), List.of(), List.of()));
                    }
                }
                return out;
            });
        });
    }

    static Uni<List<Association>> associations(List<Long> namespaceIds) {
        if (namespaceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return MetadefAssociation.<MetadefAssociation>list("namespaceId in ?1 order by createdAt", namespaceIds)
                .chain(list -> MetadefResourceType.<MetadefResourceType>listAll().map(types -> list.stream()
                        .map(a -> new Association(a, types.stream().filter(t -> t.id.equals(a.resourceTypeId))
                                .map(t -> t.name).findFirst().orElse("?"))).toList()));
    }

    public Uni<Details> show(Caller caller, String name) {
        return find(caller, name).chain(this::details);
    }

    Uni<Details> details(MetadefNamespace ns) {
        return associations(List.of(ns.id)).chain(assocs ->
                MetadefProperty.<MetadefProperty>list("namespaceId = ?1 order by name", ns.id).chain(props ->
                        MetadefObject.<MetadefObject>list("namespaceId = ?1 order by name", ns.id).chain(objects ->
                                MetadefTag.<MetadefTag>list("namespaceId = ?1 order by name", ns.id).map(tags ->
                                        new Details(ns, assocs, props, objects, tags)))));
    }

    public Uni<Details> create(Caller caller, Spec spec) {
        policy.require(caller, Policy.Rule.MANAGE_METADEF);
        return MetadefNamespace.count("namespace", spec.namespace()).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("Metadata definition namespace=" + spec.namespace()
                        + " already exists.");
            }
            MetadefNamespace ns = new MetadefNamespace();
            ns.namespace = spec.namespace();
            ns.displayName = spec.displayName();
            ns.description = spec.description();
            ns.visibility = spec.visibility() == null ? "private" : spec.visibility();
            ns.isProtected = Boolean.TRUE.equals(spec.isProtected());
            ns.owner = spec.owner() != null ? spec.owner() : caller.projectId();
            ns.createdAt = ImageTransitions.now();
            ns.updatedAt = ns.createdAt;
            return ns.<MetadefNamespace>persist();
        }).chain(ns -> {
            List<Supplier<Uni<?>>> ops = new ArrayList<>();
            if (spec.associations() != null) {
                spec.associations().forEach(a -> ops.add(() -> resourceTypes.associate(ns, a)));
            }
            if (spec.properties() != null) {
                spec.properties().forEach(p -> ops.add(() -> contents.addProperty(ns, p)));
            }
            if (spec.objects() != null) {
                spec.objects().forEach(o -> ops.add(() -> contents.addObject(ns, o)));
            }
            if (spec.tags() != null) {
                spec.tags().forEach(t -> ops.add(() -> contents.addTag(ns, t)));
            }
            return Unis.inSequence(ops).chain(() -> details(ns));
        });
    }

    public Uni<Details> update(Caller caller, String name, Spec spec) {
        return findWritable(caller, name).chain(ns -> {
            Uni<Long> clash = spec.namespace().equals(ns.namespace) ? Uni.createFrom().item(0L)
                    : MetadefNamespace.count("namespace", spec.namespace());
            return clash.chain(n -> {
                if (n > 0) {
                    throw ApiException.conflict("Metadata definition namespace=" + spec.namespace()
                            + " already exists.");
                }
                ns.namespace = spec.namespace();
                ns.displayName = spec.displayName();
                ns.description = spec.description();
                if (spec.visibility() != null) {
                    ns.visibility = spec.visibility();
                }
                if (spec.isProtected() != null) {
                    ns.isProtected = spec.isProtected();
                }
                if (spec.owner() != null) {
                    ns.owner = spec.owner();
                }
                ns.updatedAt = ImageTransitions.now();
                return details(ns);
            });
        });
    }

    public Uni<Void> delete(Caller caller, String name) {
        return findWritable(caller, name).chain(ns -> {
            if (ns.isProtected) {
                throw ApiException.forbidden("Namespace " + name + " is protected and cannot be deleted.");
            }
            return MetadefNamespace.delete("id", ns.id).replaceWithVoid();
        });
    }
}
