package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A quota limit set for one user within a project. */
@Entity
@Table(name = "project_user_quotas")
@IdClass(ProjectUserQuota.Key.class)
public class ProjectUserQuota extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Id
    @Column(name = "user_id")
    public String userId;
    @Id
    public String resource;
    @Column(name = "hard_limit")
    public int hardLimit;

    public static ProjectUserQuota of(String projectId, String userId, String resource, int hardLimit) {
        ProjectUserQuota q = new ProjectUserQuota();
        q.projectId = projectId;
        q.userId = userId;
        q.resource = resource;
        q.hardLimit = hardLimit;
        return q;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String projectId;
        public String userId;
        public String resource;

        public Key() {
        }

        public Key(String projectId, String userId, String resource) {
            this.projectId = projectId;
            this.userId = userId;
            this.resource = resource;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(projectId, k.projectId) && Objects.equals(userId, k.userId) && Objects.equals(resource, k.resource);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, userId, resource);
        }
    }
}
