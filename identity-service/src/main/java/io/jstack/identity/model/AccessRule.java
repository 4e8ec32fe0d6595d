package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A request an application credential's tokens may make: a service type, an HTTP method and a path template.
 * Rules belong to their user; credentials of that user that name the same rule share it.
 */
@Entity
@Table(name = "access_rule")
public class AccessRule extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "user_id")
    public String userId;
    public String service;
    public String path;
    public String method;
}
