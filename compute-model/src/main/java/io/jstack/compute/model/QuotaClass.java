package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A quota class limit; class {@code default} overrides the configured defaults. */
@Entity
@Table(name = "quota_classes")
@IdClass(QuotaClass.Key.class)
public class QuotaClass extends PanacheEntityBase {
    @Id
    @Column(name = "class_name")
    public String className;
    @Id
    public String resource;
    @Column(name = "hard_limit")
    public int hardLimit;

    public static QuotaClass of(String className, String resource, int hardLimit) {
        QuotaClass q = new QuotaClass();
        q.className = className;
        q.resource = resource;
        q.hardLimit = hardLimit;
        return q;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String className;
        public String resource;

        public Key() {
        }

        public Key(String className, String resource) {
            this.className = className;
            this.resource = resource;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(className, k.className) && Objects.equals(resource, k.resource);
        }

        @Override
        public int hashCode() {
            return Objects.hash(className, resource);
        }
    }
}
