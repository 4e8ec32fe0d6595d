package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A role a trust delegates. */
@Entity
@Table(name = "trust_role")
@IdClass(TrustRole.Key.class)
public class TrustRole extends PanacheEntityBase {
    @Id
    @Column(name = "trust_id")
    public String trustId;
    @Id
    @Column(name = "role_id")
    public String roleId;

    public static TrustRole of(String trustId, String roleId) {
        TrustRole r = new TrustRole();
        r.trustId = trustId;
        r.roleId = roleId;
        return r;
    }

    public static class Key implements Serializable {
        public String trustId;
        public String roleId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(trustId, k.trustId) && Objects.equals(roleId, k.roleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(trustId, roleId);
        }
    }
}
