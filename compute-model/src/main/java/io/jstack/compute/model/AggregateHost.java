package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A host in an aggregate. */
@Entity
@Table(name = "aggregate_hosts")
@IdClass(AggregateHost.Key.class)
public class AggregateHost extends PanacheEntityBase {
    @Id
    @Column(name = "aggregate_id")
    public Integer aggregateId;
    @Id
    public String host;

    public static AggregateHost of(Integer aggregateId, String host) {
        AggregateHost h = new AggregateHost();
        h.aggregateId = aggregateId;
        h.host = host;
        return h;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public Integer aggregateId;
        public String host;

        public Key() {
        }

        public Key(Integer aggregateId, String host) {
            this.aggregateId = aggregateId;
            this.host = host;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(aggregateId, k.aggregateId) && Objects.equals(host, k.host);
        }

        @Override
        public int hashCode() {
            return Objects.hash(aggregateId, host);
        }
    }
}
