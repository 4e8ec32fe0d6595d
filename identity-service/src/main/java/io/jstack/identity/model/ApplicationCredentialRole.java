package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A role an application credential delegates. */
@Entity
@Table(name = "application_credential_role")
@IdClass(ApplicationCredentialRole.Key.class)
public class ApplicationCredentialRole extends PanacheEntityBase {
    @Id
    @Column(name = "application_credential_id")
    public String applicationCredentialId;
    @Id
    @Column(name = "role_id")
    public String roleId;

    public static ApplicationCredentialRole of(String credentialId, String roleId) {
        ApplicationCredentialRole r = new ApplicationCredentialRole();
        r.applicationCredentialId = credentialId;
        r.roleId = roleId;
        return r;
    }

    public static class Key implements Serializable {
        public String applicationCredentialId;
        public String roleId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(applicationCredentialId, k.applicationCredentialId)
                    && Objects.equals(roleId, k.roleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(applicationCredentialId, roleId);
        }
    }
}
