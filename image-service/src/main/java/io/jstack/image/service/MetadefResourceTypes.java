package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.MetadefAssociation;
import io.jstack.image.model.MetadefNamespace;
import io.jstack.image.model.MetadefResourceType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Resource types and the namespaces associated with them. */
@ApplicationScoped
public class MetadefResourceTypes {

    public record Request(String name, String prefix, String propertiesTarget) {
    }

    @Inject
    Policy policy;

    @Inject
    MetadefNamespaces namespaces;

    public Uni<List<MetadefResourceType>> list(Caller caller) {
        policy.require(caller, Policy.Rule.GET_METADEF);
        return MetadefResourceType.list("order by id");
    }

    public Uni<List<MetadefNamespaces.Association>> ofNamespace(Caller caller, String namespace) {
        return namespaces.find(caller, namespace).chain(ns -> MetadefNamespaces.associations(List.of(ns.id)));
    }

    public Uni<MetadefNamespaces.Association> associate(Caller caller, String namespace, Request request) {
        return namespaces.findWritable(caller, namespace).chain(ns -> associate(ns, request));
    }

    /** Associates a namespace with a resource type, creating the type when it is new (as Glance). */
    Uni<MetadefNamespaces.Association> associate(MetadefNamespace ns, Request request) {
        return MetadefResourceType.<MetadefResourceType>find("name", request.name()).firstResult().chain(type -> {
            if (type != null) {
                return Uni.createFrom().item(type);
            }
            MetadefResourceType t = new MetadefResourceType();
            t.name = request.name();
            t.createdAt = ImageTransitions.now();
            t.updatedAt = t.createdAt;
            return t.<MetadefResourceType>persist();
        }).chain(type -> MetadefAssociation.count("namespaceId = ?1 and resourceTypeId = ?2", ns.id, type.id)
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("Resource type " + request.name() + " is already associated "
                                + "with namespace " + ns.namespace + ".");
                    }
                    MetadefAssociation a = new MetadefAssociation();
                    a.namespaceId = ns.id;
                    a.resourceTypeId = type.id;
                    a.prefix = request.prefix();
                    a.propertiesTarget = request.propertiesTarget();
                    a.createdAt = ImageTransitions.now();
                    a.updatedAt = a.createdAt;
                    return a.<MetadefAssociation>persist()
                            .map(saved -> new MetadefNamespaces.Association(saved, type.name));
                }));
    }

    public Uni<Void> dissociate(Caller caller, String namespace, String resourceType) {
        return namespaces.findWritable(caller, namespace).chain(ns -> MetadefResourceType
                .<MetadefResourceType>find("name", resourceType).firstResult()
                .chain(type -> type == null ? Uni.createFrom().item(0L)
                        : MetadefAssociation.delete("namespaceId = ?1 and resourceTypeId = ?2", ns.id, type.id))
                .invoke(n -> {
                    if (n == 0) {
                        throw ApiException.notFound("Resource type " + resourceType + " is not associated with "
                                + "namespace " + namespace + ".");
                    }
                }).replaceWithVoid());
    }
}
