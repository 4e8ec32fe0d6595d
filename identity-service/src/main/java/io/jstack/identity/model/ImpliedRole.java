package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** Holding the prior role gives the implied one too (admin implies member implies reader). */
@Entity
@Table(name = "implied_role")
@IdClass(ImpliedRole.Key.class)
public class ImpliedRole extends PanacheEntityBase {
    @Id
    @Column(name = "prior_role_id")
    public String priorRoleId;
    @Id
    @Column(name = "implied_role_id")
    public String impliedRoleId;

    public static ImpliedRole of(String prior, String implied) {
        ImpliedRole r = new ImpliedRole();
        r.priorRoleId = prior;
        r.impliedRoleId = implied;
        return r;
    }

    public static class Key implements Serializable {
        public String priorRoleId;
        public String impliedRoleId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(priorRoleId, k.priorRoleId)
                    && Objects.equals(impliedRoleId, k.impliedRoleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(priorRoleId, impliedRoleId);
        }
    }
}
