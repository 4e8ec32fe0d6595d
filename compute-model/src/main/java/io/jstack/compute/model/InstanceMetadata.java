package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One metadata item of an instance. */
@Entity
@Table(name = "instance_metadata")
@IdClass(InstanceMetadata.Key.class)
public class InstanceMetadata extends PanacheEntityBase {
    @Id
    @Column(name = "instance_uuid")
    public String instanceUuid;
    @Id
    @Column(name = "key")
    public String metaKey;
    @Column(name = "value")
    public String metaValue;

    public static InstanceMetadata of(String instanceUuid, String key, String value) {
        InstanceMetadata m = new InstanceMetadata();
        m.instanceUuid = instanceUuid;
        m.metaKey = key;
        m.metaValue = value;
        return m;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String instanceUuid;
        public String metaKey;

        public Key() {
        }

        public Key(String instanceUuid, String metaKey) {
            this.instanceUuid = instanceUuid;
            this.metaKey = metaKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(instanceUuid, k.instanceUuid) && Objects.equals(metaKey, k.metaKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(instanceUuid, metaKey);
        }
    }
}
