package io.jstack.image.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A namespace applying to a resource type, with the prefix its property names take there. */
@Entity
@Table(name = "metadef_namespace_resource_type")
@IdClass(MetadefAssociation.Key.class)
public class MetadefAssociation extends PanacheEntityBase {
    @Id
    @Column(name = "namespace_id")
    public Long namespaceId;
    @Id
    @Column(name = "resource_type_id")
    public Long resourceTypeId;
    public String prefix;
    @Column(name = "properties_target")
    public String propertiesTarget;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public Long namespaceId;
        public Long resourceTypeId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(namespaceId, k.namespaceId)
                    && Objects.equals(resourceTypeId, k.resourceTypeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(namespaceId, resourceTypeId);
        }
    }
}
