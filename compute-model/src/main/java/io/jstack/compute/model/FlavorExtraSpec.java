package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One extra spec of a flavor. */
@Entity
@Table(name = "flavor_extra_specs")
@IdClass(FlavorExtraSpec.Key.class)
public class FlavorExtraSpec extends PanacheEntityBase {
    @Id
    @Column(name = "flavor_id")
    public Integer flavorId;
    @Id
    @Column(name = "key")
    public String specKey;
    @Column(name = "value")
    public String specValue;

    public static FlavorExtraSpec of(Integer flavorId, String key, String value) {
        FlavorExtraSpec s = new FlavorExtraSpec();
        s.flavorId = flavorId;
        s.specKey = key;
        s.specValue = value;
        return s;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public Integer flavorId;
        public String specKey;

        public Key() {
        }

        public Key(Integer flavorId, String specKey) {
            this.flavorId = flavorId;
            this.specKey = specKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(flavorId, k.flavorId) && Objects.equals(specKey, k.specKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(flavorId, specKey);
        }
    }
}
