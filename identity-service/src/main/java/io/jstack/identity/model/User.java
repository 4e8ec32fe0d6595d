package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "identity_user")
public class User extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "domain_id")
    public String domainId;
    public boolean enabled = true;
    @Column(name = "default_project_id")
    public String defaultProjectId;
    /** bcrypt in modular crypt format; null for a user who cannot log in with a password. */
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "password_changed_at")
    public Instant passwordChangedAt;
    public String extra;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
