package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

@Entity
@Table(name = "project_tag")
@IdClass(ProjectTag.Key.class)
public class ProjectTag extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Id
    public String name;

    public static ProjectTag of(String projectId, String name) {
        ProjectTag t = new ProjectTag();
        t.projectId = projectId;
        t.name = name;
        return t;
    }

    public static class Key implements Serializable {
        public String projectId;
        public String name;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(projectId, k.projectId) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, name);
        }
    }
}
