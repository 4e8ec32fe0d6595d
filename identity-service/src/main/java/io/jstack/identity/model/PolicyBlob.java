package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A policy document in Keystone's {@code /v3/policies}: an opaque blob of a given type, stored for services. */
@Entity
@Table(name = "policy_blob")
public class PolicyBlob extends PanacheEntityBase {
    @Id
    public String id;
    public String type;
    public String blob;
    public String extra;
}
