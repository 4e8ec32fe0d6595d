package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "role")
public class Role extends PanacheEntityBase {
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String READER = "reader";
    public static final String SERVICE = "service";

    @Id
    public String id;
    public String name;
    /** Null for a global role; set for a domain-specific role. */
    @Column(name = "domain_id")
    public String domainId;
    public String description;
    public String extra;
}
