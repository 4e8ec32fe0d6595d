package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One metadata item of an aggregate. */
@Entity
@Table(name = "aggregate_metadata")
@IdClass(AggregateMetadata.Key.class)
public class AggregateMetadata extends PanacheEntityBase {
    @Id
    @Column(name = "aggregate_id")
    public Integer aggregateId;
    @Id
    @Column(name = "key")
    public String metaKey;
    @Column(name = "value")
    public String metaValue;

    public static AggregateMetadata of(Integer aggregateId, String key, String value) {
        AggregateMetadata m = new AggregateMetadata();
        m.aggregateId = aggregateId;
        m.metaKey = key;
        m.metaValue = value;
        return m;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public Integer aggregateId;
        public String metaKey;

        public Key() {
        }

        public Key(Integer aggregateId, String metaKey) {
            this.aggregateId = aggregateId;
            this.metaKey = metaKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(aggregateId, k.aggregateId) && Objects.equals(metaKey, k.metaKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(aggregateId, metaKey);
        }
    }
}
