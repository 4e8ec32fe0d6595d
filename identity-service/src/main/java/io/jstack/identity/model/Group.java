package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "identity_group")
public class Group extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "domain_id")
    public String domainId;
    public String description;
    public String extra;
}
