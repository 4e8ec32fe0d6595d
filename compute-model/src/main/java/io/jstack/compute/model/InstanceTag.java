package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One tag of an instance. */
@Entity
@Table(name = "instance_tags")
@IdClass(InstanceTag.Key.class)
public class InstanceTag extends PanacheEntityBase {
    @Id
    @Column(name = "instance_uuid")
    public String instanceUuid;
    @Id
    public String tag;

    public static InstanceTag of(String instanceUuid, String tag) {
        InstanceTag t = new InstanceTag();
        t.instanceUuid = instanceUuid;
        t.tag = tag;
        return t;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String instanceUuid;
        public String tag;

        public Key() {
        }

        public Key(String instanceUuid, String tag) {
            this.instanceUuid = instanceUuid;
            this.tag = tag;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(instanceUuid, k.instanceUuid) && Objects.equals(tag, k.tag);
        }

        @Override
        public int hashCode() {
            return Objects.hash(instanceUuid, tag);
        }
    }
}
