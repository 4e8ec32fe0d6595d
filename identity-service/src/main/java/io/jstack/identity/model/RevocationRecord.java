package io.jstack.identity.model;

import io.jstack.common.auth.RevocationEvent;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A stored revocation event: survives restarts and is served to verifiers that start later. */
@Entity
@Table(name = "revocation_event")
public class RevocationRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "audit_id")
    public String auditId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "domain_id")
    public String domainId;
    @Column(name = "role_id")
    public String roleId;
    @Column(name = "issued_before")
    public Instant issuedBefore;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "application_credential_id")
    public String applicationCredentialId;

    public static RevocationRecord of(RevocationEvent e) {
        RevocationRecord r = new RevocationRecord();
        r.auditId = e.auditId();
        r.userId = e.userId();
        r.projectId = e.projectId();
        r.domainId = e.domainId();
        r.roleId = e.roleId();
        r.issuedBefore = e.issuedBefore();
        r.revokedAt = e.revokedAt();
        r.trustId = e.trustId();
        r.applicationCredentialId = e.applicationCredentialId();
        return r;
    }

    public RevocationEvent toEvent() {
        return new RevocationEvent(auditId, userId, projectId, domainId, roleId, issuedBefore, revokedAt, trustId,
                applicationCredentialId);
    }
}
