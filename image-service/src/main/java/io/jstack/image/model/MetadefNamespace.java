package io.jstack.image.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A metadata definition namespace: a named catalog of property, object and tag definitions. */
@Entity
@Table(name = "metadef_namespace")
public class MetadefNamespace extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String namespace;
    @Column(name = "display_name")
    public String displayName;
    public String description;
    public String visibility;
    @Column(name = "protected")
    public boolean isProtected;
    public String owner;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
