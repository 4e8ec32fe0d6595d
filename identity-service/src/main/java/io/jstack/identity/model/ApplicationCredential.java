package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A user's delegation of some of their roles on one project to an application, which authenticates with the
 * credential's id (or name) and secret. The secret is kept only as a bcrypt hash.
 */
@Entity
@Table(name = "application_credential")
public class ApplicationCredential extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "project_id")
    public String projectId;
    public String description;
    @Column(name = "secret_hash")
    public String secretHash;
    /** Null: never expires. */
    @Column(name = "expires_at")
    public Instant expiresAt;
    /** Whether tokens from it may manage application credentials. */
    public boolean unrestricted;

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
