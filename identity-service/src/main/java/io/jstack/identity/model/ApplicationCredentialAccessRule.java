package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** An access rule an application credential's tokens are limited to. */
@Entity
@Table(name = "application_credential_access_rule")
@IdClass(ApplicationCredentialAccessRule.Key.class)
public class ApplicationCredentialAccessRule extends PanacheEntityBase {
    @Id
    @Column(name = "application_credential_id")
    public String applicationCredentialId;
    @Id
    @Column(name = "access_rule_id")
    public String accessRuleId;

    public static ApplicationCredentialAccessRule of(String credentialId, String ruleId) {
        ApplicationCredentialAccessRule r = new ApplicationCredentialAccessRule();
        r.applicationCredentialId = credentialId;
        r.accessRuleId = ruleId;
        return r;
    }

    public static class Key implements Serializable {
        public String applicationCredentialId;
        public String accessRuleId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(applicationCredentialId, k.applicationCredentialId)
                    && Objects.equals(accessRuleId, k.accessRuleId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(applicationCredentialId, accessRuleId);
        }
    }
}
