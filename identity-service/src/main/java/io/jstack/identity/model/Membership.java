package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A user in a group. */
@Entity
@Table(name = "group_membership")
@IdClass(Membership.Key.class)
public class Membership extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;
    @Id
    @Column(name = "group_id")
    public String groupId;

    public static Membership of(String userId, String groupId) {
        Membership m = new Membership();
        m.userId = userId;
        m.groupId = groupId;
        return m;
    }

    public static class Key implements Serializable {
        public String userId;
        public String groupId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(groupId, k.groupId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, groupId);
        }
    }
}
