package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "domain")
public class Domain extends PanacheEntityBase {
    /** The domain every installation has, with Keystone's well-known id. */
    public static final String DEFAULT_ID = "default";

    @Id
    public String id;
    public String name;
    public String description;
    public boolean enabled = true;
    /** Attributes Keystone keeps beyond its schema, as a JSON object. */
    public String extra;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
