package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A role granted to a user or group on a project or domain, possibly inherited down a project tree. */
@Entity
@Table(name = "assignment")
@IdClass(Assignment.Key.class)
public class Assignment extends PanacheEntityBase {

    public static final String USER_PROJECT = "UserProject";
    public static final String GROUP_PROJECT = "GroupProject";
    public static final String USER_DOMAIN = "UserDomain";
    public static final String GROUP_DOMAIN = "GroupDomain";

    @Id
    public String type;
    @Id
    @Column(name = "actor_id")
    public String actorId;
    @Id
    @Column(name = "target_id")
    public String targetId;
    @Id
    @Column(name = "role_id")
    public String roleId;
    @Id
    public boolean inherited;

    public static Assignment of(String type, String actorId, String targetId, String roleId, boolean inherited) {
        Assignment a = new Assignment();
        a.type = type;
        a.actorId = actorId;
        a.targetId = targetId;
        a.roleId = roleId;
        a.inherited = inherited;
        return a;
    }

    public boolean isUser() {
        return type.startsWith("User");
    }

    public boolean onProject() {
        return type.endsWith("Project");
    }

    public static class Key implements Serializable {
        public String type;
        public String actorId;
        public String targetId;
        public String roleId;
        public boolean inherited;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && inherited == k.inherited && Objects.equals(type, k.type)
                    && Objects.equals(actorId, k.actorId) && Objects.equals(targetId, k.targetId)
                    && Objects.equals(roleId, k.roleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, actorId, targetId, roleId, inherited);
        }
    }
}
