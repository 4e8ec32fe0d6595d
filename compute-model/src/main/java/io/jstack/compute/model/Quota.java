package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A quota limit set for a project (-1: unlimited). */
@Entity
@Table(name = "quotas")
@IdClass(Quota.Key.class)
public class Quota extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Id
    public String resource;
    @Column(name = "hard_limit")
    public int hardLimit;

    public static Quota of(String projectId, String resource, int hardLimit) {
        Quota q = new Quota();
        q.projectId = projectId;
        q.resource = resource;
        q.hardLimit = hardLimit;
        return q;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String projectId;
        public String resource;

        public Key() {
        }

        public Key(String projectId, String resource) {
            this.projectId = projectId;
            this.resource = resource;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(projectId, k.projectId) && Objects.equals(resource, k.resource);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, resource);
        }
    }
}
