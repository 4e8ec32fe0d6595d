package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A project that may use a private flavor. */
@Entity
@Table(name = "flavor_projects")
@IdClass(FlavorProject.Key.class)
public class FlavorProject extends PanacheEntityBase {
    @Id
    @Column(name = "flavor_id")
    public Integer flavorId;
    @Id
    @Column(name = "project_id")
    public String projectId;

    public static FlavorProject of(Integer flavorId, String projectId) {
        FlavorProject p = new FlavorProject();
        p.flavorId = flavorId;
        p.projectId = projectId;
        return p;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public Integer flavorId;
        public String projectId;

        public Key() {
        }

        public Key(Integer flavorId, String projectId) {
            this.flavorId = flavorId;
            this.projectId = projectId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(flavorId, k.flavorId) && Objects.equals(projectId, k.projectId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(flavorId, projectId);
        }
    }
}
