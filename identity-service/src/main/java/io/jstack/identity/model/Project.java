package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "domain_id")
    public String domainId;
    /** The parent project, or null for a top-level project (whose API parent_id is its domain). */
    @Column(name = "parent_id")
    public String parentId;
    public String description;
    public boolean enabled = true;
    public String extra;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
